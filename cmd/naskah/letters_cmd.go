package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"
	"time"

	"naskah/letters"
)

func runLetters(ctx context.Context, args []string) error {
	return dispatch(ctx, args, "Pemakaian: naskah letters add|list|show|receipt [opsi]  (--help pada tiap subperintah)",
		map[string]subcommand{"add": lettersAdd, "list": lettersList, "show": lettersShow, "receipt": lettersReceipt})
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint(*m) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func lettersAdd(ctx context.Context, args []string) error {
	var d dataFlags
	var l letters.Letter
	var files multiFlag
	var as, refDate string
	var asJSON bool
	fs := newFlagSet("letters add", "letters add --channel SALURAN --subject PERIHAL [opsi]",
		"Mendaftarkan surat atau pengaduan ke agenda: memberi nomor agenda, kode lacak dan batas waktu\nsesuai aturan saluran pada profil kantor.")
	d.register(fs)
	fs.StringVar(&l.Channel, "channel", "", "kode saluran (lihat `naskah profiles show`), mis. surat, tatap_muka, email")
	fs.StringVar(&l.Category, "category", letters.CategoryPengaduan, "pengaduan, aspirasi, permintaan_informasi atau surat")
	fs.StringVar(&l.Class, "class", "", "klasifikasi pengaduan bila profil memakainya")
	fs.StringVar(&l.Subject, "subject", "", "perihal")
	fs.StringVar(&l.Body, "body", "", "isi atau intisari pengaduan")
	fs.StringVar(&l.Origin, "origin", "", "asal surat")
	fs.StringVar(&l.RefNumber, "ref-number", "", "nomor surat pengirim")
	fs.StringVar(&refDate, "ref-date", "", "tanggal surat pengirim (YYYY-MM-DD)")
	fs.StringVar(&l.LaporID, "lapor-id", "", "nomor tiket SP4N-LAPOR!")
	fs.StringVar(&l.Complainant.Name, "name", "", "nama pengadu")
	fs.StringVar(&l.Complainant.NIK, "nik", "", "NIK pengadu (16 angka)")
	fs.StringVar(&l.Complainant.Address, "address", "", "alamat pengadu")
	fs.StringVar(&l.Complainant.Phone, "phone", "", "nomor telepon/HP pengadu")
	fs.StringVar(&l.Complainant.Email, "email", "", "email pengadu")
	fs.StringVar(&l.Complainant.Organisation, "organisation", "", "lembaga pengadu")
	fs.BoolVar(&l.Complainant.Anonymous, "anonymous", false, "pengaduan tanpa identitas (bila saluran mengizinkan)")
	fs.BoolVar(&l.Complainant.Confidential, "confidential", false, "identitas pengadu dirahasiakan")
	fs.BoolVar(&l.Statement, "statement", false, "pengadu telah membuat surat pernyataan kebenaran aduan")
	fs.Var(&files, "attach", "berkas lampiran PDF/JPEG/PNG (boleh berulang)")
	fs.StringVar(&as, "as", "", "nama pengguna petugas yang mendaftarkan (bawaan: petugas penerima saluran)")
	fs.BoolVar(&asJSON, "json", false, "cetak hasil sebagai JSON")
	a, err := openWith(fs, args, &d)
	if err != nil {
		return err
	}
	defer a.Close()
	if refDate != "" {
		t, err := time.ParseInLocation("2006-01-02", refDate, a.db.Calendar.Location())
		if err != nil {
			return letters.Errorf(letters.EINVALID, "Tanggal surat %q harus berbentuk YYYY-MM-DD.", refDate)
		}
		l.RefDate = &t
	}
	var uploads []letters.Upload
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return letters.Errorf(letters.EINVALID, "Lampiran %q tidak dapat dibaca: %v", f, err)
		}
		uploads = append(uploads, letters.Upload{Name: filepath.Base(f), Data: data})
	}
	if as == "" {
		if as, err = a.defaultActor(ctx, l.Channel); err != nil {
			return err
		}
	}
	if ctx, err = a.actAs(ctx, as); err != nil {
		return err
	}
	if err := a.letters.CreateLetter(ctx, &l, uploads); err != nil {
		return err
	}
	if asJSON {
		return printJSON(os.Stdout, &l)
	}
	fmt.Printf("Terdaftar: nomor agenda %s\nKode lacak: %s\nBatas waktu: %s\n", l.AgendaNumber, l.TrackingCode, letters.FormatDateTime(l.Deadline.In(a.db.Calendar.Location())))
	return nil
}

func lettersList(ctx context.Context, args []string) error {
	var d dataFlags
	var f letters.LetterFilter
	var status string
	var asJSON bool
	fs := newFlagSet("letters list", "letters list [opsi]", "Menampilkan agenda surat, terbaru lebih dulu.")
	d.register(fs)
	fs.StringVar(&status, "status", "", "saring menurut status")
	fs.StringVar(&f.Channel, "channel", "", "saring menurut saluran")
	fs.StringVar(&f.Query, "q", "", "cari kata dalam perihal, isi dan pengirim")
	fs.BoolVar(&f.Overdue, "overdue", false, "hanya yang melewati batas waktu")
	fs.IntVar(&f.Limit, "limit", 50, "jumlah baris")
	fs.BoolVar(&asJSON, "json", false, "cetak hasil sebagai JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	f.Status = letters.Status(status)
	a, err := openApp(d, false)
	if err != nil {
		return err
	}
	defer a.Close()
	list, total, err := a.letters.FindLetters(ctx, f)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(os.Stdout, map[string]any{"total": total, "letters": list})
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNOMOR AGENDA\tDITERIMA\tSALURAN\tSTATUS\tPERIHAL")
	loc := a.db.Calendar.Location()
	for _, l := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", l.ID, l.AgendaNumber, l.ReceivedAt.In(loc).Format("2006-01-02 15:04"), l.Channel, l.Status.Label(), l.Subject)
	}
	tw.Flush()
	fmt.Printf("%d dari %d surat\n", len(list), total)
	return nil
}

// letterArg opens the app and finds the letter named by the first argument.
func letterArg(ctx context.Context, fs interface{ Args() []string }, d dataFlags) (*app, *letters.Letter, error) {
	if len(fs.Args()) != 1 {
		return nil, nil, letters.Errorf(letters.EINVALID, "Sebutkan satu ID surat.")
	}
	id, err := strconv.ParseInt(fs.Args()[0], 10, 64)
	if err != nil {
		return nil, nil, letters.Errorf(letters.EINVALID, "ID surat %q bukan angka.", fs.Args()[0])
	}
	a, err := openApp(d, false)
	if err != nil {
		return nil, nil, err
	}
	l, err := a.letters.FindLetterByID(ctx, id)
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	return a, l, nil
}

func lettersShow(ctx context.Context, args []string) error {
	var d dataFlags
	fs := newFlagSet("letters show", "letters show ID", "Menampilkan satu surat dengan riwayatnya, sebagai JSON.")
	d.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a, l, err := letterArg(ctx, fs, d)
	if err != nil {
		return err
	}
	defer a.Close()
	events, err := a.letters.LetterEvents(ctx, l.ID)
	if err != nil {
		return err
	}
	return printJSON(os.Stdout, map[string]any{"letter": l, "events": events})
}

func lettersReceipt(ctx context.Context, args []string) error {
	var d dataFlags
	var out string
	fs := newFlagSet("letters receipt", "letters receipt ID -o FILE.pdf", "Menulis Tanda Bukti Pengaduan (PDF) untuk satu surat.")
	d.register(fs)
	fs.StringVar(&out, "o", "", "berkas PDF tujuan (wajib)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if out == "" {
		return letters.Errorf(letters.EINVALID, "Sebutkan berkas tujuan dengan -o.")
	}
	a, l, err := letterArg(ctx, fs, d)
	if err != nil {
		return err
	}
	defer a.Close()
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create %s: %w", out, err)
	}
	if err := a.receipt(ctx, f, l, ""); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
