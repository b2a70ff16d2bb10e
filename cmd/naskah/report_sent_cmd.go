package main

import (
	"context"
	"fmt"

	"naskah/letters"
)

// reportSent records that the report of a period was sent, so `report due`
// and the web notice stop reminding of it.
func reportSent(ctx context.Context, args []string) error {
	var d dataFlags
	var period, note, recipient string
	fs := newFlagSet("report sent", "report sent --period P [--recipient PENERIMA] [--note CATATAN]",
		"Mencatat bahwa laporan satu periode sudah ditandatangani dan disampaikan, sehingga pengingatnya berhenti.")
	d.register(fs)
	fs.StringVar(&period, "period", "", "periode: TTTT-BB (bulan), TTTT-Qn (triwulan), TTTT-Sn (semester) atau TTTT (tahun)")
	fs.StringVar(&recipient, "recipient", "", "penerima laporan bila profil punya lebih dari satu kewajiban laporan untuk jenis periode itu")
	fs.StringVar(&note, "note", "", "catatan (mis. nomor surat pengantar)")
	a, per, err := openForPeriod(fs, args, &d, &period)
	if err != nil {
		return err
	}
	defer a.Close()
	var duties []letters.ReportDuty
	for _, dt := range a.profile.Reports {
		if dt.Period == per.Kind && (recipient == "" || dt.Recipient == recipient) {
			duties = append(duties, dt)
		}
	}
	switch {
	case len(duties) == 0:
		return letters.Errorf(letters.EINVALID, "Profil kantor tidak mewajibkan laporan %s (--period %s).", per.KindLabel(), period)
	case len(duties) > 1:
		return letters.Errorf(letters.EINVALID, "Ada beberapa kewajiban laporan %s: sebutkan penerimanya (--recipient).", per.KindLabel())
	}
	if err := a.db.MarkReportSent(ctx, duties[0], per, note); err != nil {
		return err
	}
	fmt.Printf("Laporan %s %s kepada %s tercatat terkirim.\n", per.KindLabel(), per.Label(), duties[0].Recipient)
	return nil
}
