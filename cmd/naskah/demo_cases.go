package main

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jung-kurt/gofpdf"

	"naskah/letters"
)

// demoCase is a realistic complaint; stage is the list of actions it goes
// through after registration.
type demoCase struct {
	subject, body string
	party         letters.Party
	category      string
	stage         []letters.Action
}

var demoCases = []demoCase{
	{"Keterlambatan pencairan dana hibah kelompok tani", "Dana hibah untuk Kelompok Tani Maju Bersama yang dijanjikan pada bulan Agustus belum kami terima sampai sekarang. Mohon penjelasan.",
		letters.Party{Name: "Yohanes Bosco Ndéwi", NIK: "5319011203800002", Address: "Jl. Ahmad Yani No. 12, RT 03/RW 01", Phone: "081234567890", Email: "yohanes.ndewi@example.id"},
		letters.CategoryPengaduan, nil},
	{"Permohonan salinan dokumen anggaran", "Kami mohon salinan dokumen pelaksanaan anggaran tahun berjalan untuk keperluan penelitian.",
		letters.Party{Name: "Siti Rahmawati", NIK: "6171054708920003", Address: "Jl. Gajah Mada Gg. Sepakat 2 No. 5", Phone: "0852-4567-1122", Email: "siti.rahma@example.id", Organisation: "Universitas Tanjungpura"},
		letters.CategoryInformasi, []letters.Action{letters.ActionReturn}},
	{"Sikap petugas loket yang kurang ramah", "Pada tanggal 3 kami dilayani petugas loket yang berbicara dengan nada tinggi dan tidak menjelaskan persyaratan.",
		letters.Party{Name: "Agustinus Lénggo", NIK: "5319022010750001", Address: "Kel. Kota Ndora, Borong", Phone: "081339001122"},
		letters.CategoryPengaduan, []letters.Action{letters.ActionVerify}},
	{"Usulan layanan antrean daring", "Kami mengusulkan antrean daring agar warga dari kecamatan jauh tidak menunggu seharian.",
		letters.Party{Name: "Maria Goreti Ñurak", NIK: "5371046002880004", Address: "Jl. El Tari II, Kupang", Phone: "081246813579", Email: "maria.nurak@example.id"},
		letters.CategoryAspirasi, []letters.Action{letters.ActionVerify, letters.ActionDispose}},
	{"Tunjangan tambahan penghasilan belum dibayarkan", "TPP bulan September dan Oktober belum dibayarkan kepada kami, pegawai pindahan dari kabupaten.",
		letters.Party{Name: "Hendrikus Ōta", NIK: "6103021105870001", Address: "Jl. Jenderal Sudirman No. 40, Sanggau", Phone: "085245678901"},
		letters.CategoryPengaduan, []letters.Action{letters.ActionVerify, letters.ActionDispose, letters.ActionDraft}},
	{"Data aset tanah sekolah tidak sesuai", "Luas tanah SD Negeri 4 pada kartu inventaris berbeda dengan sertifikat.",
		letters.Party{Name: "Fransiska Yuliani", NIK: "6171036507900005", Address: "Jl. Imam Bonjol No. 7", Phone: "081256789012", Email: "fransiska.y@example.id"},
		letters.CategoryPengaduan, []letters.Action{letters.ActionVerify, letters.ActionDispose, letters.ActionDraft, letters.ActionSubmit}},
	{"Pengaduan belum ditanggapi lebih dari sepekan", "Pengaduan kami tentang retribusi pasar belum mendapat tanggapan.",
		letters.Party{Name: "Abdul Rahman", NIK: "6104011702830006", Address: "Pasar Flamboyan Blok C", Phone: "081298765432"},
		letters.CategoryPengaduan, []letters.Action{letters.ActionEscalate}},
	{"Terima kasih atas pelayanan", "Kami berterima kasih atas penyelesaian permohonan yang cepat.",
		letters.Party{Name: "Ni Luh Putu Sari", NIK: "5171044108910007", Address: "Jl. Veteran No. 3", Phone: "081337654321", Email: "niluh.sari@example.id"},
		letters.CategoryAspirasi, []letters.Action{letters.ActionClose}},
}

// seedCases registers the demo cases on the profile's channels in turn and
// moves each through its stage with the users allowed to act.
func (a *app) seedCases(ctx context.Context) (int, error) {
	scan, err := demoScan()
	if err != nil {
		return 0, err
	}
	n := 0
	for i, dc := range demoCases {
		ch := a.profile.Channels[i%len(a.profile.Channels)]
		l := &letters.Letter{Channel: ch.Code, Category: dc.category, Subject: dc.subject, Body: dc.body,
			Complainant: dc.party, Statement: true}
		// Spread the cases over the last two weeks so that deadlines, time
		// left and overdue cases show as they would in a real office.
		l.ReceivedAt = demoReceived(a.db.Calendar, len(demoCases)-i)
		if ch.Code == "lapor" {
			l.LaporID = fmt.Sprintf("LAP-%d%05d", time.Now().Year(), 1200+i)
		}
		if ch.Code == "surat" {
			l.Origin, l.RefNumber = dc.party.Name, fmt.Sprintf("%02d/PGD/%d", i+1, time.Now().Year())
		}
		actor, err := a.defaultActor(ctx, ch.Code)
		if err != nil {
			return n, err
		}
		uctx, err := a.actAs(ctx, actor)
		if err != nil {
			return n, err
		}
		uploads := []letters.Upload{{Name: "surat-pengaduan.pdf", Data: scan}}
		if err := a.letters.CreateLetter(uctx, l, uploads); err != nil {
			return n, fmt.Errorf("demo case %q on %s: %w", dc.subject, ch.Code, err)
		}
		n++
		for _, act := range dc.stage {
			if !a.anyoneMay(act) {
				break // this office has no such step (e.g. no escalation)
			}
			if err := a.demoAct(ctx, l.ID, act); err != nil {
				return n, fmt.Errorf("demo case %q, %s: %w", dc.subject, act, err)
			}
		}
	}
	return n, nil
}

// demoAct performs action on letter id as the first user allowed to.
func (a *app) demoAct(ctx context.Context, id int64, act letters.Action) error {
	users, _, err := a.users.FindUsers(ctx, letters.UserFilter{Limit: 1000})
	if err != nil {
		return err
	}
	in := letters.TransitionInput{Action: act, Note: "Contoh: " + act.Label()}
	if act == letters.ActionReturn {
		in.Note = "Mohon lengkapi fotokopi KTP dan bukti pendukung."
	}
	if act == letters.ActionDispose {
		for _, r := range a.profile.Actions {
			if r.Action == letters.ActionDraft && len(r.Positions) > 0 {
				in.To = r.Positions[0]
			}
		}
		in.Note = "Untuk ditindaklanjuti dan siapkan jawaban."
	}
	l, err := a.letters.FindLetterByID(ctx, id)
	if err != nil {
		return err
	}
	// Prefer the position holding the letter (the disposition's recipient).
	slices.SortStableFunc(users, func(x, y *letters.User) int {
		return boolRank(x.Position != l.Holder) - boolRank(y.Position != l.Holder)
	})
	for _, u := range users {
		if !a.profile.MayPerform(u.Position, act) {
			continue
		}
		_, err := a.letters.Transition(letters.NewContextWithUser(ctx, u), id, in)
		return err
	}
	return fmt.Errorf("no demo user may %s", act)
}

// demoScan is a small real PDF standing in for a scanned complaint letter.
func demoScan() ([]byte, error) {
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.MultiCell(0, 6, "Kepada Yth. Kepala Kantor\n\nDengan hormat, bersama ini kami sampaikan pengaduan sebagaimana terlampir.\n\nHormat kami,\nPengadu", "", "L", false)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("demo scan: %w", err)
	}
	return buf.Bytes(), nil
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// anyoneMay reports whether the profile gives act to any position.
func (a *app) anyoneMay(act letters.Action) bool {
	for _, r := range a.profile.Actions {
		if r.Action == act && len(r.Positions) > 0 {
			return true
		}
	}
	return false
}

// demoReceived is office hours on the working day `back` working days ago
// (about two days apart per step).
func demoReceived(cal *letters.Calendar, back int) time.Time {
	t := time.Now().In(cal.Location())
	for n := 0; n < back*2; {
		t = t.AddDate(0, 0, -1)
		if cal.IsWorkingDay(t) {
			n++
		}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 8, 15+back*7, 0, 0, cal.Location())
}
