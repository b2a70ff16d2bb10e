package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"naskah/letters"
	"naskah/store"
)

func init() {
	commands["retention"] = command{"Melaporkan dan menghapus data pribadi kasus yang melewati masa retensi", runRetention}
}

// retentionOptions are the flags of `naskah retention`.
type retentionOptions struct {
	erase, yes, asJSON bool
	as, at             string
	years, days        int
}

func runRetention(ctx context.Context, args []string) error {
	var d dataFlags
	var o retentionOptions
	fs := newFlagSet("retention", "retention [--data DIR] [--erase [--yes]] [--as USER] [--at YYYY-MM-DD] [--json]",
		"Melaporkan kasus selesai (terkirim/selesai) yang telah melewati masa retensi data pribadi\n"+
			"(retention di profil kantor, dari Jadwal Retensi Arsip): jumlah, yang tertua, dan per tahun.\n"+
			"Dengan --erase, data pribadi kasus-kasus itu dihapus: nama pengadu menjadi \"(dihapus)\";\n"+
			"NIK, alamat, telepon, email, organisasi, semua lampiran (salinan KTP dan lainnya) dan email\n"+
			"asli dihapus, begitu pula penyebutannya di perihal, isi dan catatan. Nomor agenda, tanggal,\n"+
			"saluran, kategori, status, unit dan tenggat tetap, sehingga angka laporan tidak berubah.\n"+
			"Setiap kasus dicatat di log audit. Menjalankannya lagi tidak mengubah apa pun.")
	d.register(fs)
	fs.BoolVar(&o.erase, "erase", false, "hapus data pribadi kasus yang jatuh tempo")
	fs.BoolVar(&o.yes, "yes", false, "jangan meminta konfirmasi (untuk cron)")
	fs.StringVar(&o.as, "as", "", "pengguna yang menghapus (bawaan: pengguna pertama pejabat pengelola pengaduan)")
	fs.StringVar(&o.at, "at", "", "menilai per tanggal ini (YYYY-MM-DD; bawaan: hari ini); untuk --erase tidak boleh di masa depan")
	fs.IntVar(&o.years, "years", 0, "masa retensi dalam tahun, bila profil kantor belum menetapkannya")
	fs.IntVar(&o.days, "days", 0, "masa retensi dalam hari, bila profil kantor belum menetapkannya")
	fs.BoolVar(&o.asJSON, "json", false, "cetak hasil sebagai JSON")
	a, err := openWith(fs, args, &d)
	if err != nil {
		return err
	}
	defer a.Close()
	return retention(ctx, a, o, os.Stdin, os.Stdout)
}

func retention(ctx context.Context, a *app, o retentionOptions, in io.Reader, out io.Writer) error {
	ret, source, err := retentionPeriod(a.profile, o)
	if err != nil {
		return err
	}
	loc := a.db.Calendar.Location()
	now := time.Now().In(loc)
	if o.at != "" {
		day, err := time.ParseInLocation("2006-01-02", o.at, loc)
		if err != nil {
			return letters.Errorf(letters.EINVALID, "Tanggal --at %q tidak dikenal: tulis YYYY-MM-DD.", o.at)
		}
		if o.erase && day.After(now) {
			return letters.Errorf(letters.EINVALID, "Tanggal --at %s di masa depan: data pribadi hanya dihapus bila masa retensinya benar-benar lewat.", o.at)
		}
		if end := day.AddDate(0, 0, 1).Add(-time.Millisecond); !o.erase || end.Before(now) {
			now = end // the end of that day; a future day previews what will be due
		}
	}
	cutoff := ret.Cutoff(now)
	svc := store.NewRetentionService(a.db)
	rep, err := svc.RetentionDue(ctx, cutoff)
	if err != nil {
		return err
	}
	if !o.erase {
		if o.asJSON {
			return printJSON(out, rep)
		}
		printRetention(out, ret, source, rep, loc)
		return nil
	}
	if !o.asJSON {
		printRetention(out, ret, source, rep, loc)
	}
	if rep.Due == 0 {
		if o.asJSON {
			return printJSON(out, &letters.RetentionResult{Cutoff: cutoff})
		}
		return nil
	}
	actor := o.as
	if actor == "" {
		if actor, err = a.firstHolder(ctx, a.profile.Privacy.ComplaintOfficer); err != nil {
			return err
		}
	}
	ctx, err = a.actAs(ctx, actor)
	if err != nil {
		return err
	}
	if !o.yes {
		fmt.Fprintf(out, "Hapus data pribadi %d kasus ini? Tindakan ini tidak dapat dibatalkan. Ketik \"ya\" untuk melanjutkan: ", rep.Due)
		line, _ := bufio.NewReader(in).ReadString('\n')
		if answer := strings.ToLower(strings.TrimSpace(line)); answer != "ya" && answer != "y" {
			return letters.Errorf(letters.ECONFLICT, "Dibatalkan: tidak ada data yang dihapus.")
		}
	}
	res, err := svc.ErasePersonalData(ctx, cutoff)
	if err != nil {
		return err
	}
	if o.asJSON {
		return printJSON(out, res)
	}
	fmt.Fprintf(out, "Data pribadi %d kasus dihapus oleh %s: %d lampiran, %d berkas, %d email asli.\n",
		res.Cases, actor, res.Attachments, res.Files, res.Messages)
	return nil
}

// retentionPeriod returns the period to apply and where it comes from.
func retentionPeriod(p *letters.Profile, o retentionOptions) (*letters.Retention, string, error) {
	if o.years != 0 || o.days != 0 {
		r := &letters.Retention{ClosedCasesYears: o.years, ClosedCasesDays: o.days}
		if errs := r.Validate(); len(errs) > 0 {
			return nil, "", letters.Errorf(letters.EINVALID, "Opsi --years/--days: %s.", errs[0].Message)
		}
		if p.Retention != nil {
			return nil, "", letters.Errorf(letters.ECONFLICT, "Profil kantor sudah menetapkan masa retensi %s; ubah profil bila perlu, bukan dengan --years/--days.", p.Retention)
		}
		return r, "opsi perintah", nil
	}
	if p.Retention == nil {
		return nil, "", letters.Errorf(letters.EINVALID, "Profil kantor %s belum menetapkan masa retensi data pribadi. Tambahkan ke profil.yaml di direktori data:\n\nretention:\n  closed_cases_years: 2\n\n(sesuai Jadwal Retensi Arsip kantor), atau beri --years/--days.", p.Slug)
	}
	return p.Retention, "profil kantor", nil
}

func printRetention(w io.Writer, r *letters.Retention, source string, rep *letters.RetentionReport, loc *time.Location) {
	fmt.Fprintf(w, "Masa retensi data pribadi: %s setelah kasus selesai (%s).\n", r, source)
	fmt.Fprintf(w, "Jatuh tempo: kasus yang selesai sampai %s.\n", letters.FormatDate(rep.Cutoff.In(loc)))
	if rep.Due == 0 {
		fmt.Fprintln(w, "Tidak ada kasus yang jatuh tempo.")
	} else {
		fmt.Fprintf(w, "%d kasus jatuh tempo; yang tertua selesai %s.\n", rep.Due, letters.FormatDate(rep.Oldest.In(loc)))
		for _, y := range rep.ByYear {
			fmt.Fprintf(w, "  selesai tahun %d: %d kasus\n", y.Year, y.Cases)
		}
	}
	fmt.Fprintf(w, "Sudah dihapus sebelumnya: %d kasus.\n", rep.Erased)
}

// firstHolder returns the username of the first user holding position.
func (a *app) firstHolder(ctx context.Context, position string) (string, error) {
	if position != "" {
		users, _, err := a.users.FindUsers(ctx, letters.UserFilter{Position: position, Limit: 1})
		if err != nil {
			return "", err
		}
		if len(users) > 0 {
			return users[0].Username, nil
		}
	}
	return "", letters.Errorf(letters.EINVALID, "Tidak ada pengguna pejabat pengelola pengaduan (%s): beri --as PENGGUNA.", position)
}
