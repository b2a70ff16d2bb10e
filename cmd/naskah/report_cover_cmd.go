package main

import (
	"context"
	"fmt"
	"os"

	"naskah/letters"
)

// reportCover starts the Surat Pengantar Laporan of a period: a draft in the
// approval chain, held by the duty's responsible position. Signing it (on
// the web, /konsep/ID) records the report as sent.
func reportCover(ctx context.Context, args []string) error {
	var d dataFlags
	var period, as string
	var duty int
	var asJSON bool
	fs := newFlagSet("report cover", "report cover --period P [--duty N] [--as PENGGUNA] [--json]",
		"Membuat konsep Surat Pengantar Laporan satu periode, diisi dari ringkasan laporan, lalu masuk alur paraf\ndan tanda tangan. Laporan tercatat terkirim begitu surat pengantar ditandatangani.")
	d.register(fs)
	fs.StringVar(&period, "period", "", "periode: TTTT-BB (bulan), TTTT-Qn (triwulan), TTTT-Sn (semester) atau TTTT (tahun)")
	fs.IntVar(&duty, "duty", 0, "nomor tugas laporan dalam profil (1, 2, ...; bawaan: tugas pertama jenis periode itu)")
	fs.StringVar(&as, "as", "", "nama pengguna penyusun (bawaan: pengguna pertama jabatan penanggung jawab laporan)")
	fs.BoolVar(&asJSON, "json", false, "cetak konsep sebagai JSON")
	a, per, err := openForPeriod(fs, args, &d, &period)
	if err != nil {
		return err
	}
	defer a.Close()
	idx, err := a.profile.ReportDutyIndex(per, duty)
	if err != nil {
		return err
	}
	rd := a.profile.Reports[idx]
	if as == "" {
		users, _, err := a.users.FindUsers(ctx, letters.UserFilter{Position: rd.Responsible, Limit: 1})
		if err != nil {
			return err
		}
		if len(users) == 0 {
			return letters.Errorf(letters.EINVALID, "Belum ada pengguna dengan jabatan %s; sebutkan penyusun dengan --as.", a.profile.PositionTitle(rd.Responsible))
		}
		as = users[0].Username
	}
	actx, err := a.actAs(ctx, as)
	if err != nil {
		return err
	}
	dr, err := a.workflow.CreateReportCover(actx, idx, per)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(os.Stdout, dr)
	}
	fmt.Printf("Konsep %d: surat pengantar Laporan %s %s kepada %s dibuat oleh %s; sunting, ajukan dan tandatangani di /konsep/%d.\n",
		dr.ID, per.KindLabel(), per.Label(), rd.Recipient, as, dr.ID)
	return nil
}
