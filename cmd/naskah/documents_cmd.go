package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"

	"naskah/letters"
)

func init() {
	commands["documents"] = command{"Dokumen keluar yang sudah ditandatangani (list, export)", runDocuments}
}

func runDocuments(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" {
		fmt.Println(`Pemakaian: naskah documents list [--letter ID] [--type JENIS] [--json]
           naskah documents export ID -o BERKAS.pdf

Dokumen keluar (Surat Jawaban, Berita Acara, pemberitahuan kelengkapan) yang sudah bernomor
dan ditandatangani secara elektronik. export menulis berkas PDF persis seperti yang disimpan.`)
		return nil
	}
	var d dataFlags
	var letterID int64
	var typ, out string
	var asJSON bool
	fs := newFlagSet("documents "+args[0], "documents list|export", "Dokumen keluar yang sudah ditandatangani.")
	d.register(fs)
	fs.Int64Var(&letterID, "letter", 0, "list: hanya dokumen surat dengan ID ini")
	fs.StringVar(&typ, "type", "", "list: hanya jenis dokumen ini (mis. surat_jawaban, berita_acara)")
	fs.BoolVar(&asJSON, "json", false, "list: cetak sebagai JSON")
	fs.StringVar(&out, "o", "", "export: berkas PDF tujuan (wajib)")
	a, err := openWith(fs, args[1:], &d)
	if err != nil {
		return err
	}
	defer a.Close()
	switch args[0] {
	case "list":
		docs, err := a.workflow.FindDocuments(ctx, letters.DocumentFilter{LetterID: letterID, Type: typ})
		if err != nil {
			return err
		}
		if asJSON {
			return printJSON(os.Stdout, docs)
		}
		tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNOMOR\tJENIS\tSURAT\tPENANDA TANGAN\tTANGGAL\tKODE VERIFIKASI\tPENYERAHAN")
		loc := a.db.Calendar.Location()
		for _, doc := range docs {
			delivery := "-"
			if doc.Delivery != "" {
				delivery = doc.Delivery
				if doc.DeliveredAt == nil {
					delivery += " (menunggu)"
				}
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", doc.ID, doc.Number, doc.Type, doc.LetterID,
				doc.Signer.Name, letters.FormatDate(doc.SignedAt.In(loc)), doc.VerifyCode, delivery)
		}
		return tw.Flush()
	case "export":
		if fs.NArg() != 1 {
			return letters.Errorf(letters.EINVALID, "Sebutkan satu ID dokumen.")
		}
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			return letters.Errorf(letters.EINVALID, "ID dokumen %q bukan angka.", fs.Arg(0))
		}
		if out == "" {
			return letters.Errorf(letters.EINVALID, "Sebutkan berkas tujuan dengan -o.")
		}
		data, err := a.workflow.DocumentPDF(ctx, id)
		if err != nil {
			return err
		}
		if err := os.WriteFile(out, data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", out, err)
		}
		fmt.Fprintf(os.Stderr, "Dokumen %d ditulis ke %s (%d bita).\n", id, out, len(data))
		return nil
	}
	return letters.Errorf(letters.EINVALID, "Subperintah %q tidak dikenal (list, export).", args[0])
}
