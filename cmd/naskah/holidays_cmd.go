package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"naskah/letters"
	"naskah/store"
)

func init() {
	commands["holidays"] = command{"Kalender hari libur kantor (list, add, import)", runHolidays}
}

func runHolidays(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" {
		fmt.Println(`Pemakaian: naskah holidays list [--year TAHUN] [--json]
           naskah holidays add --date TTTT-BB-HH --name KETERANGAN [--kind libur_daerah]
           naskah holidays import BERKAS.csv

Kalender bawaan memuat libur nasional dan cuti bersama 2025–2026 (SKB 3 Menteri).
Tambahkan tahun berikutnya dan hari libur daerah dengan import (CSV: tanggal,jenis,keterangan)
atau add. Jenis: libur_nasional, cuti_bersama, libur_daerah, libur_kantor.`)
		return nil
	}
	var d dataFlags
	var year, asJSON = 0, false
	var day letters.CalendarDay
	fs := newFlagSet("holidays "+args[0], "holidays list|add|import", "Kalender hari libur kantor.")
	d.register(fs)
	fs.IntVar(&year, "year", 0, "list: hanya tahun ini")
	fs.BoolVar(&asJSON, "json", false, "cetak sebagai JSON")
	fs.StringVar(&day.Date, "date", "", "add: tanggal TTTT-BB-HH")
	fs.StringVar(&day.Name, "name", "", "add: keterangan, mis. \"Hari Jadi Kota Pontianak\"")
	fs.StringVar(&day.Kind, "kind", letters.KindLiburDaerah, "add: jenis hari libur")
	a, err := openWith(fs, args[1:], &d)
	if err != nil {
		return err
	}
	defer a.Close()
	svc := store.NewHolidayService(a.db)
	switch args[0] {
	case "list":
		return holidaysList(a, year, asJSON)
	case "add":
		if day.Date == "" || strings.TrimSpace(day.Name) == "" {
			return letters.Errorf(letters.EINVALID, "Isi --date dan --name.")
		}
		return holidaysAdd(ctx, svc, []letters.CalendarDay{day})
	case "import":
		if fs.NArg() != 1 {
			return letters.Errorf(letters.EINVALID, "Sebutkan satu berkas CSV.")
		}
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return letters.Errorf(letters.EINVALID, "Berkas %q tidak dapat dibuka: %v", fs.Arg(0), err)
		}
		defer f.Close()
		days, err := letters.ParseHolidaysCSV(f)
		if err != nil {
			return err
		}
		return holidaysAdd(ctx, svc, days)
	}
	return letters.Errorf(letters.EINVALID, "Subperintah %q tidak dikenal.", args[0])
}

func holidaysAdd(ctx context.Context, svc *store.HolidayService, days []letters.CalendarDay) error {
	n, err := svc.AddHolidays(ctx, days)
	if err != nil {
		return err
	}
	fmt.Printf("%d hari libur baru ditambahkan (%d sudah ada). Berlaku untuk batas waktu yang dihitung sesudah ini.\n", n, len(days)-n)
	return nil
}

// holidaysList prints every day off the calendar knows: national, the
// profile's and the office's own.
func holidaysList(a *app, year int, asJSON bool) error {
	var out []letters.CalendarDay
	cal := a.db.Calendar
	for y := 2025; y <= max(cal.LastYear(), a.db.Now().Year())+1; y++ {
		if year != 0 && y != year {
			continue
		}
		out = append(out, cal.DaysOfYear(y)...)
	}
	if asJSON {
		return printJSON(os.Stdout, out)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TANGGAL\tJENIS\tKETERANGAN")
	for _, d := range out {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", d.Date, d.KindLabel(), d.Name)
	}
	tw.Flush()
	fmt.Printf("Kalender libur nasional tersedia sampai tahun %d.\n", cal.LastYear())
	return nil
}
