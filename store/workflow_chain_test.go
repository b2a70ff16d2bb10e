package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// disposedTo registers a complaint, verifies it when the profile asks for
// it, and has the head dispose it straight to position.
func disposedTo(t testing.TB, o *Office, position, subject string) *letters.Letter {
	t.Helper()
	l := NewLetter(subject)
	l.Channel = "tatap_muka"
	MustCreateLetter(t, o.DB, o.As(t, o.P.Channel("tatap_muka").Receiver), l)
	if v := positionsOf(o.P, letters.ActionVerify); len(v) > 0 {
		if _, err := o.L.Transition(o.As(t, v[0]), l.ID, letters.TransitionInput{Action: letters.ActionVerify}); err != nil {
			t.Fatal(err)
		}
	}
	head := o.As(t, positionsOf(o.P, letters.ActionDispose)[0])
	if _, err := o.WF.Dispose(head, letters.DisposeInput{LetterID: l.ID, To: []string{position},
		Instructions: []string{"siapkan jawaban"}}); err != nil {
		t.Fatalf("dispose to %s: %v", position, err)
	}
	return l
}

func TestDraft_ReturnWithNotesRerunsTheChain(t *testing.T) {
	o := MustOffice(t, "dpmptsp")
	l := disposedTo(t, o, "analis_pkpl", "Pelayanan izin lambat")
	analis, kabid, sekretaris, kepala := o.As(t, "analis_pkpl"), o.As(t, "kabid_pkpl"), o.As(t, "sekretaris"), o.As(t, "kepala_dinas")

	tasks, err := o.WF.MyTasks(analis)
	if err != nil || len(tasks) != 1 || tasks[0].Kind != letters.TaskDraft || tasks[0].LetterID != l.ID {
		t.Fatalf("analis's queue after the disposition: %+v %v", tasks, err)
	}
	d, err := o.WF.CreateDraft(analis, l.ID, "berita_acara")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"pengaduan", "tindakan", "hasil", "tanggal_selesai", "tepat_waktu", "tanggapan_pengadu", "pihak_pengadu", "pihak_petugas"} {
		if d.Current.Fields[k] == "" {
			t.Fatalf("Berita Acara field %s not prefilled: %+v", k, d.Current.Fields)
		}
	}
	if !strings.Contains(d.Current.Fields["pihak_petugas"], "Intan Permatasari") {
		t.Fatalf("parties: %q", d.Current.Fields["pihak_petugas"])
	}
	save := func(body string) {
		t.Helper()
		in := letters.DraftInput{Body: body, Fields: d.Current.Fields}
		if _, err := o.WF.SaveDraft(analis, d.ID, in); err != nil {
			t.Fatal(err)
		}
	}
	save(d.Current.Body + "\nTindakan: berkas diperiksa ulang.")
	must := func(dd *letters.Draft, err error) *letters.Draft {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return dd
	}
	d = must(o.WF.SubmitDraft(analis, d.ID))
	if tasks, _ := o.WF.MyTasks(kabid); len(tasks) != 1 || tasks[0].Kind != letters.TaskParaf {
		t.Fatalf("kabid's queue: %+v", tasks)
	}
	d = must(o.WF.ApproveDraft(kabid, d.ID, ""))

	// The Sekretaris returns it to the Kabid: the Kabid's paraf is void and
	// the Kabid must paraf again before it reaches the Sekretaris.
	_, err = o.WF.ReturnDraft(sekretaris, d.ID, 1, "")
	ExpectCode(t, err, letters.EINVALID)
	_, err = o.WF.ReturnDraft(sekretaris, d.ID, 2, "Perbaiki.")
	ExpectCode(t, err, letters.EINVALID)
	d = must(o.WF.ReturnDraft(sekretaris, d.ID, 1, "Periksa kembali tanggal selesai."))
	if d.Holder != "kabid_pkpl" || len(d.Parafs) != 1 {
		t.Fatalf("after return to step 1: holder %s, marks %+v", d.Holder, d.Parafs)
	}
	_, err = o.WF.ApproveDraft(sekretaris, d.ID, "")
	ExpectCode(t, err, letters.EFORBIDDEN)
	d = must(o.WF.ApproveDraft(kabid, d.ID, "Sudah diperiksa."))

	// Back to the drafter: a new version, on which no earlier mark counts.
	d = must(o.WF.ReturnDraft(sekretaris, d.ID, 0, "Tambahkan tanggapan pengadu."))
	if got, _ := o.L.FindLetterByID(analis, l.ID); got.Status != letters.StatusDrafting || got.Holder != "analis_pkpl" {
		t.Fatalf("letter after return to the drafter: %s held by %s", got.Status, got.Holder)
	}
	if d.State != letters.DraftDrafting || d.ReturnNote != "Tambahkan tanggapan pengadu." {
		t.Fatalf("draft after return: %+v", d)
	}
	save(d.Current.Body + "\nTanggapan pengadu: puas.")
	d = must(o.WF.SubmitDraft(analis, d.ID))
	if d.Version != 3 || len(d.Parafs) != 1 {
		t.Fatalf("resubmitted: version %d with marks %+v", d.Version, d.Parafs)
	}
	_, err = o.WF.SignDraft(kepala, d.ID) // the chain is not at the signature yet
	ExpectCode(t, err, letters.EFORBIDDEN)
	d = must(o.WF.ApproveDraft(kabid, d.ID, ""))
	d = must(o.WF.ApproveDraft(sekretaris, d.ID, ""))
	doc, err := o.WF.SignDraft(kepala, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Version != 3 || len(doc.Parafs) != 3 {
		t.Fatalf("signed version %d with marks %+v", doc.Version, doc.Parafs)
	}
	for _, m := range doc.Parafs {
		if m.Version != 3 {
			t.Fatalf("a mark of version %d was carried to version 3: %+v", m.Version, m)
		}
	}
	vs, err := o.WF.DraftVersions(kepala, d.ID)
	if err != nil || len(vs) != 3 {
		t.Fatalf("versions: %d %v", len(vs), err)
	}
	diff := letters.DiffLines(vs[1].Body, vs[2].Body)
	if diff[len(diff)-1] != (letters.DiffLine{Op: '+', Text: "Tanggapan pengadu: puas."}) {
		t.Fatalf("diff v2→v3 ends with %+v", diff[len(diff)-1])
	}
	text := PDFText(t, mustPDF(t, o, doc.ID))
	for _, want := range []string{doc.Number, "BERITA ACARA", "Bambang Sutrisno", "Kabid PKPL", "Sekretaris DPMPTSP"} {
		if !strings.Contains(text, want) {
			t.Fatalf("Berita Acara lacks %q:\n%s", want, text)
		}
	}
}

func mustPDF(t *testing.T, o *Office, id int64) []byte {
	t.Helper()
	data, err := o.WF.DocumentPDF(o.As(t, positionsOf(o.P, letters.ActionRegister)[0]), id)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Two officials sign two documents of the same type at the same moment:
// each gets its own number, and the numbers have no gap.
func TestSign_ConcurrentSignersGetDistinctNumbers(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	signer1 := o.As(t, "kasubag_rkme")
	signer2, _ := MustUser(t, o.DB, "kasubag_rkme")
	var drafts []int64
	for i := range 2 {
		l := disposedTo(t, o, "analis", "Pengaduan serentak "+string(rune('A'+i)))
		analis := o.As(t, "analis")
		d, err := o.WF.CreateDraft(analis, l.ID, "berita_acara")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.WF.SubmitDraft(analis, d.ID); err != nil {
			t.Fatal(err)
		}
		drafts = append(drafts, d.ID)
	}
	var wg sync.WaitGroup
	docs := make([]*letters.IssuedDocument, 2)
	errs := make([]error, 2)
	for i, ctx := range []context.Context{signer1, signer2} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs[i], errs[i] = o.WF.SignDraft(ctx, drafts[i])
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if docs[0].Number == docs[1].Number {
		t.Fatalf("both signers got number %s", docs[0].Number)
	}
	nums, err := store.NewNumberService(o.DB).FindNumbers(signer1, "berita_acara", 2026)
	if err != nil || len(nums) != 2 || nums[0].Seq != 1 || nums[1].Seq != 2 {
		t.Fatalf("berita_acara numbers: %+v %v", nums, err)
	}
}

func TestDelegation_PlhTakesTheStepAndIsPrinted(t *testing.T) {
	o := MustOffice(t, "dpmptsp")
	admin := o.As(t, "pengadministrasi") // the profile's admin
	plh := o.As(t, "kabid_ippm")
	del := &letters.Delegation{Position: "sekretaris", UserID: User(plh).ID, Kind: "Plh.",
		From: start.Add(-time.Hour), To: start.Add(72 * time.Hour), Note: "Sekretaris cuti."}
	ExpectCode(t, store.NewDelegationService(o.DB).CreateDelegation(plh, del), letters.EFORBIDDEN)
	bad := *del
	bad.Kind = "Pj."
	ExpectCode(t, store.NewDelegationService(o.DB).CreateDelegation(admin, &bad), letters.EINVALID)
	if err := store.NewDelegationService(o.DB).CreateDelegation(admin, del); err != nil {
		t.Fatal(err)
	}
	l := disposedTo(t, o, "analis_pkpl", "Perizinan berusaha")
	analis := o.As(t, "analis_pkpl")
	d, err := o.WF.CreateDraft(analis, l.ID, "berita_acara")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.WF.SubmitDraft(analis, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := o.WF.ApproveDraft(o.As(t, "kabid_pkpl"), d.ID, ""); err != nil {
		t.Fatal(err)
	}
	d, err = o.WF.ApproveDraft(plh, d.ID, "")
	if err != nil {
		t.Fatalf("Plh. Sekretaris paraf: %v", err)
	}
	last := d.Parafs[len(d.Parafs)-1]
	if !strings.HasPrefix(last.Official.Position, "Plh. Sekretaris") || last.Official.Name != User(plh).Name {
		t.Fatalf("Plh. mark: %+v", last)
	}
	// After the period the delegate acts no more.
	o.Clock.Add(96 * time.Hour)
	l2 := disposedTo(t, o, "analis_pkpl", "Perizinan berusaha 2")
	d2, _ := o.WF.CreateDraft(analis, l2.ID, "berita_acara")
	o.WF.SubmitDraft(analis, d2.ID)
	o.WF.ApproveDraft(o.As(t, "kabid_pkpl"), d2.ID, "")
	_, err = o.WF.ApproveDraft(plh, d2.ID, "")
	ExpectCode(t, err, letters.EFORBIDDEN)
}

// A document that belongs between two issued ones takes an inserted number.
func TestSign_InsertedNumber(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	analis, kasubag := o.As(t, "analis"), o.As(t, "kasubag_rkme")
	ready := func(subject string) int64 {
		l := disposedTo(t, o, "analis", subject)
		d, err := o.WF.CreateDraft(analis, l.ID, "berita_acara")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.WF.SubmitDraft(analis, d.ID); err != nil {
			t.Fatal(err)
		}
		return d.ID
	}
	a, b, c := ready("Satu"), ready("Dua"), ready("Tiga")
	if _, err := o.WF.SignDraft(kasubag, a); err != nil {
		t.Fatal(err)
	}
	_, err := o.WF.SignDraftInserted(kasubag, b, 7)
	ExpectCode(t, err, letters.EINVALID) // 7 has not been issued
	doc, err := o.WF.SignDraftInserted(kasubag, b, 1)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Number != "BA/1.a/BKAD/III/2026" {
		t.Fatalf("inserted number %q, want BA/1.a/BKAD/III/2026", doc.Number)
	}
	if doc, err = o.WF.SignDraft(kasubag, c); err != nil || doc.Number != "BA/2/BKAD/III/2026" {
		t.Fatalf("next normal number: %v %v", doc, err)
	}
}

// Sanggau's first response: the Pejabat Pengelola Pengaduan tells the
// complainant within 7 working days whether the complaint is complete. The
// notice runs its own chain (sign, deliver) and leaves the case's status
// alone.
func TestKelengkapan_FirstResponseBesideTheCase(t *testing.T) {
	o := MustOffice(t, "disarpus-sanggau")
	l := NewLetter("Layanan arsip tidak jelas")
	l.Channel = "tatap_muka"
	MustCreateLetter(t, o.DB, o.As(t, "petugas_piket"), l)
	kasubag := o.As(t, "kasubag_umum")
	_, err := o.WF.CreateDraft(o.As(t, "petugas_piket"), l.ID, letters.DocKelengkapan)
	ExpectCode(t, err, letters.EFORBIDDEN)
	d, err := o.WF.CreateDraft(kasubag, l.ID, letters.DocKelengkapan)
	if err != nil {
		t.Fatal(err)
	}
	if d.Current.Fields["kekurangan"] == "" || !strings.Contains(d.Current.Body, "belum lengkap") {
		t.Fatalf("kelengkapan template: %+v", d.Current)
	}
	in := letters.DraftInput{Addressee: d.Current.Addressee, Fields: d.Current.Fields,
		Body: strings.Replace(d.Current.Body, "(sebutkan berkas atau keterangan yang belum lengkap)", "fotokopi KTP dan kronologi kejadian", 1)}
	if _, err := o.WF.SaveDraft(kasubag, d.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, err := o.WF.SubmitDraft(kasubag, d.ID); err != nil {
		t.Fatal(err)
	}
	doc, err := o.WF.SignDraft(kasubag, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.Number, "KL/1/DISARPUS/") {
		t.Fatalf("kelengkapan number %q", doc.Number)
	}
	_, err = o.WF.DeliverDraft(kasubag, d.ID, letters.DeliveryInput{Method: letters.DeliverEmail})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := o.L.FindLetterByID(kasubag, l.ID)
	if got.Status != letters.StatusRegistered {
		t.Fatalf("the notice moved the case to %s", got.Status)
	}
	// Email waits for the mailer.
	docs, _ := o.WF.FindDocuments(kasubag, letters.DocumentFilter{LetterID: l.ID})
	if len(docs) != 1 || docs[0].Delivery != letters.DeliverEmail || docs[0].DeliveredAt != nil {
		t.Fatalf("pending email delivery: %+v", docs)
	}
	if err := o.WF.MarkSent(context.Background(), docs[0].ID); err != nil {
		t.Fatal(err)
	}
	ExpectCode(t, o.WF.MarkSent(context.Background(), docs[0].ID), letters.ECONFLICT)
	if d, _ = o.WF.FindDraftByID(kasubag, d.ID); d.State != letters.DraftDelivered {
		t.Fatalf("draft after sending: %s", d.State)
	}
	text := PDFText(t, mustPDF(t, o, doc.ID))
	if !strings.Contains(text, "fotokopi KTP") || !strings.Contains(text, doc.Number) {
		t.Fatalf("kelengkapan PDF:\n%s", text)
	}
}
