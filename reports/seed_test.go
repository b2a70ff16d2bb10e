package reports_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/store"
	"naskah/templates/pdf"
)

// clock is a settable time source for store.DB.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// wib is the zone of the test office (BKAD Kalimantan Barat, Pontianak).
var wib = mustZone("Asia/Pontianak")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a WIB wall-clock time.
func at(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, wib) }

// office is an opened test database of BKAD Kalbar with a user per position.
type office struct {
	db    *store.DB
	clock *clock
	svc   *store.LetterService
	wf    *store.WorkflowService
	as    map[string]context.Context // position → signed-in context
}

func openOffice(tb testing.TB) *office {
	tb.Helper()
	p, err := profile.Load("bkad-kalbar")
	if err != nil {
		tb.Fatal(err)
	}
	c := &clock{t: at(2026, 6, 1, 8, 0)}
	db := store.NewDB(tb.TempDir())
	db.Profile, db.Now = p, c.Now
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	r, err := pdf.NewRenderer()
	if err != nil {
		tb.Fatal(err)
	}
	signer, err := pdf.NewSigner(db.Dir, p.Office)
	if err != nil {
		tb.Fatal(err)
	}
	o := &office{db: db, clock: c, svc: store.NewLetterService(db), as: map[string]context.Context{},
		wf: store.NewWorkflowService(db, r, signer, "https://naskah.contoh.go.id")}
	users := store.NewUserService(db)
	for _, pos := range []string{"petugas_pengaduan", "kasubag_rkme", "kepala", "analis"} {
		u := &letters.User{Username: "u_" + pos, Name: "Pegawai " + pos, Position: pos}
		if err := users.CreateUser(context.Background(), u, "rahasia-123"); err != nil {
			tb.Fatal(err)
		}
		o.as[pos] = letters.NewContextWithUser(context.Background(), u)
	}
	return o
}

// register records a complaint received at t (the clock is set to t).
func (o *office) register(tb testing.TB, t time.Time, l *letters.Letter) *letters.Letter {
	tb.Helper()
	o.clock.Set(t)
	if l.Category == "" {
		l.Category = letters.CategoryPengaduan
	}
	l.Statement = true
	if err := o.svc.CreateLetter(o.as["petugas_pengaduan"], l, nil); err != nil {
		tb.Fatalf("register %q: %v", l.Subject, err)
	}
	return l
}

// act performs actions on l at t as the positions given.
func (o *office) act(tb testing.TB, t time.Time, l *letters.Letter, steps ...step) {
	tb.Helper()
	o.clock.Set(t)
	for _, s := range steps {
		if _, err := o.svc.Transition(o.as[s.pos], l.ID, s.in); err != nil {
			tb.Fatalf("%s %s on %q: %v", s.pos, s.in.Action, l.Subject, err)
		}
	}
}

type step struct {
	pos string
	in  letters.TransitionInput
}

func do(pos string, a letters.Action) step { return step{pos, letters.TransitionInput{Action: a}} }

// face is a face-to-face complaint with name and NIK.
func face(subject, name, nik string) *letters.Letter {
	return &letters.Letter{Channel: "tatap_muka", Subject: subject,
		Complainant: letters.Party{Name: name, NIK: nik, Phone: "081234567890", Address: "Jl. Gajah Mada 12, Pontianak"}}
}

// NIKs of the seeded complainants: none may appear in a report.
var seededNIKs = []string{"6171011203850001", "6171014405900002", "6171010101010003", "6171019999000004",
	"6171012808770005", "6171013003660006", "6171010511880007", "6171012212990008", "6171011707700009", "6171010909910010"}

// fixture is the seeded second semester of 2026. Dates cross the
// Proklamasi (17 August) and Maulid (25 August) holidays, month ends and
// Christmas (24–25 December); deadlines are 5 working days.
//
//	A Fri 14 Aug → due Mon 24 Aug; closed Mon 24 Aug: within, 5 working days
//	B Mon 31 Aug 16:00 → due Mon 7 Sep; full chain, delivered Tue 8 Sep: late, 6 days
//	C Mon 24 Aug → due Tue 1 Sep; escalated Wed 2 Sep; open: overdue, escalated
//	D Wed 30 Sep 23:30 → due Wed 7 Oct; closed Tue 6 Oct: within, 4 days
//	E Thu 1 Oct 00:30 (still 30 Sep in UTC) → due Thu 8 Oct; open: overdue
//	G Tue 10 Nov, confidential, subject a formula; returned as incomplete: paused
//	H Mon 2 Nov, aspirasi, subject "@SUM(...)", disposed to Kabid BMD: overdue
//	F Wed 23 Dec → due Fri 1 Jan 2027; closed Thu 31 Dec: within, 4 days
//
// Not counted: a complaint of 30 June 23:00, an ordinary letter (category
// surat) in August and a complaint of 4 January 2027.
// Completed 4 (A B D F), within 3 → 75 %; days 5 6 4 4 → mean 4.75, median 4.5.
type fixture struct {
	o                      *office
	A, B, C, D, E, F, G, H *letters.Letter
	issued                 time.Time
	answerB                string // number of B's Berita Acara
}

const formulaSubject = `=HYPERLINK("http://contoh.invalid","klik")`

func seedSemester(tb testing.TB) *fixture {
	tb.Helper()
	o := openOffice(tb)
	x := &fixture{o: o}
	o.register(tb, at(2026, 6, 30, 23, 0), face("Pengaduan bulan Juni", "Warga Juni", seededNIKs[3]))
	x.A = o.register(tb, at(2026, 8, 14, 10, 0), face("Pembayaran honor terlambat", "Andi Wijaya", seededNIKs[0]))
	ord := face("Undangan rapat koordinasi", "Dinas PUPR", seededNIKs[4])
	ord.Category, ord.Channel = letters.CategorySurat, "surat"
	o.register(tb, at(2026, 8, 20, 9, 0), ord)
	x.C = o.register(tb, at(2026, 8, 24, 9, 0), face("Sertifikat aset belum terbit", "Budi Santoso", seededNIKs[1]))
	o.act(tb, at(2026, 8, 24, 15, 0), x.A, do("kasubag_rkme", letters.ActionClose))
	x.B = o.register(tb, at(2026, 8, 31, 16, 0), face("Pencairan dana hibah", "Citra Lestari", seededNIKs[2]))
	// B runs the whole workflow: disposition, a Berita Acara drafted,
	// signed, registered and delivered.
	o.clock.Set(at(2026, 9, 1, 9, 0))
	if _, err := o.wf.Dispose(o.as["kepala"], letters.DisposeInput{LetterID: x.B.ID, To: []string{"kasubag_rkme"}, Note: "Siapkan berita acara."}); err != nil {
		tb.Fatalf("dispose B: %v", err)
	}
	o.clock.Set(at(2026, 9, 2, 9, 0))
	d, err := o.wf.CreateDraft(o.as["kasubag_rkme"], x.B.ID, "berita_acara")
	if err != nil {
		tb.Fatalf("draft B: %v", err)
	}
	if _, err := o.wf.SubmitDraft(o.as["kasubag_rkme"], d.ID); err != nil {
		tb.Fatalf("submit B: %v", err)
	}
	o.act(tb, at(2026, 9, 2, 10, 0), x.C, do("kasubag_rkme", letters.ActionEscalate))
	o.clock.Set(at(2026, 9, 3, 9, 0))
	doc, err := o.wf.SignDraft(o.as["kasubag_rkme"], d.ID)
	if err != nil {
		tb.Fatalf("sign B: %v", err)
	}
	x.answerB = doc.Number
	o.clock.Set(at(2026, 9, 4, 9, 0))
	if _, err := o.wf.RegisterDraft(o.as["petugas_pengaduan"], d.ID); err != nil {
		tb.Fatalf("register B's answer: %v", err)
	}
	o.clock.Set(at(2026, 9, 8, 10, 0))
	if _, err := o.wf.DeliverDraft(o.as["petugas_pengaduan"], d.ID, letters.DeliveryInput{Method: letters.DeliverPrint, ReceivedBy: "Citra Lestari"}); err != nil {
		tb.Fatalf("deliver B: %v", err)
	}
	x.D = o.register(tb, at(2026, 9, 30, 23, 30), face("Tunggakan pajak kendaraan", "Dewi Anggraini", seededNIKs[5]))
	x.E = o.register(tb, at(2026, 10, 1, 0, 30), face("Layanan loket lambat", "Eko Prasetyo", seededNIKs[6]))
	o.act(tb, at(2026, 10, 6, 14, 0), x.D, do("kasubag_rkme", letters.ActionClose))
	h := face("@SUM(A1:A9) usul jam layanan", "Hasan Basri", seededNIKs[7])
	h.Category = letters.CategoryAspirasi
	x.H = o.register(tb, at(2026, 11, 2, 10, 0), h)
	o.act(tb, at(2026, 11, 3, 9, 0), x.H, step{"kepala", letters.TransitionInput{Action: letters.ActionDispose, To: "kabid_bmd"}})
	g := face(formulaSubject, "Gita Rahasia", seededNIKs[3])
	g.Complainant.Confidential = true
	x.G = o.register(tb, at(2026, 11, 10, 10, 0), g)
	o.act(tb, at(2026, 11, 11, 9, 0), x.G, step{"kasubag_rkme", letters.TransitionInput{Action: letters.ActionReturn, Note: "Lampirkan bukti setor."}})
	x.F = o.register(tb, at(2026, 12, 23, 10, 0), face("Permintaan salinan DPA", "Fajar Nugroho", seededNIKs[8]))
	o.act(tb, at(2026, 12, 31, 11, 0), x.F, do("kasubag_rkme", letters.ActionClose))
	o.register(tb, at(2027, 1, 4, 9, 0), face("Pengaduan Januari", "Warga Januari", seededNIKs[9]))
	x.issued = at(2027, 1, 11, 9, 0)
	o.clock.Set(x.issued)
	return x
}
