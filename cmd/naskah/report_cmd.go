package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"naskah/letters"
	"naskah/reports"
)

func init() {
	commands["report"] = command{"Menulis laporan pengaduan Excel (monthly, quarterly, semester, yearly, --period), melihat laporan yang jatuh tempo (due) dan mencatat laporan terkirim (sent)", runReport}
}

// reportKinds maps the subcommands to their period kind, option and example.
var reportKinds = map[string]struct{ kind, flag, example string }{
	"monthly":   {letters.PeriodMonthly, "month", "2026-10"},
	"quarterly": {letters.PeriodQuarterly, "quarter", "2026-3"},
	"semester":  {letters.PeriodSemester, "semester", "2026-2"},
	"yearly":    {letters.PeriodYearly, "year", "2026"},
}

func runReport(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "due" {
		return reportDue(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "sent" {
		return reportSent(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "cover" {
		return reportCover(ctx, args[1:]) // report_cover_cmd.go
	}
	sub := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
		if _, ok := reportKinds[sub]; !ok {
			return letters.Errorf(letters.EINVALID, "Subperintah %q tidak dikenal: gunakan monthly, quarterly, semester, yearly, due, sent, atau --period.", sub)
		}
	}
	var d dataFlags
	var out, period, date string
	var asJSON bool
	synopsis := "report [monthly --month TTTT-BB | quarterly --quarter TTTT-N | semester --semester TTTT-N | yearly --year TTTT | --period P] [-o BERKAS.xlsx]"
	fs := newFlagSet("report", synopsis,
		"Menulis laporan pengelolaan pengaduan satu periode sebagai buku kerja Excel: Ringkasan, Rekap per saluran,\nRekap per bulan (dengan grafik), Daftar pengaduan dan Terlambat.")
	d.register(fs)
	fs.StringVar(&out, "o", "", "berkas keluaran .xlsx (bawaan: laporan-pengaduan-<kantor>-<periode>.xlsx)")
	fs.StringVar(&date, "date", "", "tanggal terbit TTTT-BB-HH (bawaan: hari ini); keadaan kasus dinilai pada akhir hari itu")
	fs.BoolVar(&asJSON, "json", false, "cetak ringkasan sebagai JSON")
	if sub == "" {
		fs.StringVar(&period, "period", "", "periode: TTTT-BB (bulan), TTTT-Qn (triwulan), TTTT-Sn (semester) atau TTTT (tahun)")
	} else {
		k := reportKinds[sub]
		fs.StringVar(&period, k.flag, "", "periode laporan, mis. "+k.example)
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	per, err := reportPeriod(sub, period)
	if err != nil {
		return err
	}
	a, err := openApp(d, false)
	if err != nil {
		return err
	}
	defer a.Close()
	loc := a.db.Calendar.Location()
	issued := time.Now().In(loc)
	if date != "" {
		day, err := time.ParseInLocation("2006-01-02", date, loc)
		if err != nil {
			return letters.Errorf(letters.EINVALID, "Tanggal terbit (--date) %q harus berbentuk TTTT-BB-HH.", date)
		}
		issued = day.Add(24*time.Hour - time.Second)
	}
	if out == "" {
		out = reports.FileName(a.profile, per)
	}
	sum, err := writeReportFile(ctx, a, per, issued, out)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(os.Stdout, sum)
	}
	fmt.Printf("Laporan %s %s ditulis ke %s: %d pengaduan diterima, %d selesai (%.1f%% tepat waktu), %d terlambat, %d dieskalasi.\n",
		strings.ToLower(per.KindLabel()), per.Label(), out, sum.Received, sum.Completed, 100*sum.WithinDeadlineRate, sum.Overdue, sum.Escalated)
	return nil
}

// reportPeriod reads the period given to a subcommand (semester "2026-2"
// is "2026-S2", quarter "2026-3" is "2026-Q3") or to --period.
func reportPeriod(sub, value string) (letters.Period, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		name := "--period"
		if sub != "" {
			name = "--" + reportKinds[sub].flag
		}
		return letters.Period{}, letters.Errorf(letters.EINVALID, "Periode laporan (%s) wajib diisi.", name)
	}
	if sub == "" {
		return letters.ParsePeriod(value)
	}
	k := reportKinds[sub]
	if letter := map[string]string{"semester": "S", "quarterly": "Q"}[sub]; letter != "" {
		if y, n, ok := strings.Cut(value, "-"); ok && n != "" && n[0] >= '0' && n[0] <= '9' {
			value = y + "-" + letter + n
		}
	}
	p, err := letters.ParsePeriod(value)
	if err != nil {
		return p, err
	}
	if p.Kind != k.kind {
		return p, letters.Errorf(letters.EINVALID, "Periode %q bukan periode %s; contoh --%s %s.", value, strings.ToLower(letters.Period{Kind: k.kind}.KindLabel()), k.flag, k.example)
	}
	return p, nil
}

// writeReportFile writes the workbook to a temporary file next to path and
// renames it into place, so a failed run leaves no half-written report.
func writeReportFile(ctx context.Context, a *app, per letters.Period, issued time.Time, path string) (*letters.ReportSummary, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".laporan-*.xlsx")
	if err != nil {
		return nil, letters.Errorf(letters.EINVALID, "Berkas keluaran %q tidak dapat ditulis: %v", path, err)
	}
	defer os.Remove(tmp.Name())
	sum, err := reports.Write(ctx, tmp, a.letters, reports.Options{
		Profile: a.profile, Calendar: a.db.Calendar, Period: per, Issued: issued,
	})
	if err == nil {
		err = tmp.Chmod(0o640)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return sum, nil
}

// reportDue lists the reports the office owes today.
func reportDue(_ context.Context, args []string) error {
	var d dataFlags
	var position, date string
	var asJSON bool
	fs := newFlagSet("report due", "report due [--position JABATAN] [--json]",
		"Menampilkan laporan yang wajib disampaikan menurut profil kantor: sejak hari kerja pertama sesudah\nperiode berakhir sampai tanggal jatuh tempo.")
	d.register(fs)
	fs.StringVar(&position, "position", "", "hanya tugas jabatan ini (kode jabatan)")
	fs.StringVar(&date, "date", "", "tanggal TTTT-BB-HH (bawaan: hari ini)")
	fs.BoolVar(&asJSON, "json", false, "cetak sebagai JSON")
	a, err := openWith(fs, args, &d)
	if err != nil {
		return err
	}
	defer a.Close()
	now := time.Now()
	if date != "" {
		if now, err = time.ParseInLocation("2006-01-02", date, a.db.Calendar.Location()); err != nil {
			return letters.Errorf(letters.EINVALID, "Tanggal (--date) %q harus berbentuk TTTT-BB-HH.", date)
		}
		now = now.Add(9 * time.Hour)
	}
	sent, err := a.db.ReportSent(context.Background())
	if err != nil {
		return err
	}
	tasks := a.profile.ReportTasks(a.db.Calendar, now, position, sent)
	if asJSON {
		if tasks == nil {
			tasks = []letters.ReportTask{}
		}
		return printJSON(os.Stdout, tasks)
	}
	if len(tasks) == 0 {
		fmt.Println("Tidak ada laporan yang jatuh tempo.")
		return nil
	}
	covers, err := a.workflow.FindReportCovers(context.Background())
	if err != nil {
		return err
	}
	for _, t := range tasks {
		line := fmt.Sprintf("%s — disiapkan oleh %s", t.Text(), a.profile.PositionTitle(t.Duty.Responsible))
		for _, c := range covers {
			if c.Duty.Period == t.Duty.Period && c.Duty.Recipient == t.Duty.Recipient &&
				c.Duty.Responsible == t.Duty.Responsible && c.Period == t.Period {
				line += "; " + c.Waiting(a.profile)
				break
			}
		}
		fmt.Println(line)
	}
	return nil
}
