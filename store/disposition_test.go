package store_test

import (
	"context"
	"testing"
	"time"

	"naskah/letters"
)

func TestDisposition_VisibilityWithdrawAndSideways(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	l := NewLetter("Retribusi aset daerah")
	l.Channel = "tatap_muka"
	MustCreateLetter(t, o.DB, o.As(t, "petugas_pengaduan"), l)
	kepala, sekretaris, bmd, analis := o.As(t, "kepala"), o.As(t, "sekretaris"), o.As(t, "kabid_bmd"), o.As(t, "analis")

	// Before any disposition only the desk and the head see the letter.
	if _, err := o.L.FindLetterByID(kepala, l.ID); err != nil {
		t.Fatalf("the head cannot see a new letter: %v", err)
	}
	for _, ctx := range []context.Context{bmd, analis} {
		_, err := o.L.FindLetterByID(ctx, l.ID)
		ExpectCode(t, err, letters.EFORBIDDEN)
	}
	_, err := o.WF.Dispose(kepala, letters.DisposeInput{LetterID: l.ID, To: []string{"kabid_bmd"}})
	ExpectCode(t, err, letters.EINVALID) // no instruction
	_, err = o.WF.Dispose(kepala, letters.DisposeInput{LetterID: l.ID, To: []string{"kabid_bmd"}, Instructions: []string{"untuk diketahui"}, Nature: "kilat"})
	ExpectCode(t, err, letters.EINVALID)
	d, err := o.WF.Dispose(kepala, letters.DisposeInput{LetterID: l.ID, To: []string{"kabid_bmd"}, Instructions: []string{"untuk ditindaklanjuti"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.L.FindLetterByID(bmd, l.ID); err != nil {
		t.Fatalf("recipient cannot see the letter: %v", err)
	}
	if list, total, _ := o.L.FindLetters(bmd, letters.LetterFilter{}); total != 1 || list[0].ID != l.ID {
		t.Fatalf("recipient's agenda: %d letters", total)
	}
	_, err = o.L.FindLetterByID(analis, l.ID)
	ExpectCode(t, err, letters.EFORBIDDEN)

	// Withdrawn by its author only, while unopened; the recipient loses it.
	ExpectCode(t, o.WF.WithdrawDisposition(sekretaris, d.ID, ""), letters.EFORBIDDEN)
	if err := o.WF.WithdrawDisposition(kepala, d.ID, "Salah bidang."); err != nil {
		t.Fatal(err)
	}
	_, err = o.L.FindLetterByID(bmd, l.ID)
	ExpectCode(t, err, letters.EFORBIDDEN)
	if got, _ := o.L.FindLetterByID(kepala, l.ID); got.Holder != "kepala" {
		t.Fatalf("holder after withdrawal: %s", got.Holder)
	}

	// Down only, unless the profile allows sideways.
	if _, err := o.WF.Dispose(kepala, letters.DisposeInput{LetterID: l.ID, To: []string{"sekretaris"}, Instructions: []string{"koordinasikan"}}); err != nil {
		t.Fatal(err)
	}
	_, err = o.WF.Dispose(sekretaris, letters.DisposeInput{LetterID: l.ID, To: []string{"kabid_bmd"}, Instructions: []string{"koordinasikan"}})
	ExpectCode(t, err, letters.EFORBIDDEN)
	o.P.Disposition.Sideways = true
	defer func() { o.P.Disposition.Sideways = false }()
	if _, err := o.WF.Dispose(sekretaris, letters.DisposeInput{LetterID: l.ID, To: []string{"kabid_bmd"}, Instructions: []string{"koordinasikan"}}); err != nil {
		t.Fatalf("sideways allowed by the profile: %v", err)
	}
	_, err = o.WF.Dispose(sekretaris, letters.DisposeInput{LetterID: l.ID, To: []string{"kepala"}, Instructions: []string{"untuk diketahui"}})
	ExpectCode(t, err, letters.EFORBIDDEN) // never up
	ds, err := o.WF.FindDispositions(kepala, l.ID)
	if err != nil || len(ds) != 3 || ds[0].Live() || ds[2].ParentID != ds[1].ID {
		t.Fatalf("dispositions: %+v %v", ds, err)
	}
}

func TestDisposition_NotNeeded(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	kepala := o.As(t, "kepala")
	file := NewLetter("Undangan rapat koordinasi")
	file.Channel = "tatap_muka"
	MustCreateLetter(t, o.DB, o.As(t, "petugas_pengaduan"), file)
	_, err := o.WF.SkipDisposition(o.As(t, "analis"), file.ID, true, "")
	ExpectCode(t, err, letters.EFORBIDDEN)
	got, err := o.WF.SkipDisposition(kepala, file.ID, true, "Cukup diarsipkan.")
	if err != nil || got.Status != letters.StatusClosed {
		t.Fatalf("filed: %v %v", got, err)
	}

	direct := NewLetter("Pertanyaan tentang pajak kendaraan")
	direct.Channel = "tatap_muka"
	MustCreateLetter(t, o.DB, o.As(t, "petugas_pengaduan"), direct)
	if got, err = o.WF.SkipDisposition(kepala, direct.ID, false, ""); err != nil || got.Holder != "kepala" {
		t.Fatalf("answered directly: %v %v", got, err)
	}
	if _, err := o.WF.CreateDraft(kepala, direct.ID, "surat_jawaban"); err != nil {
		t.Fatalf("the head drafts the answer himself: %v", err)
	}
}

// A case past its deadline shows in the queue of whoever escalates it
// (Kalbar: to the Governor via the Sekda), until it is escalated.
func TestTasks_OverdueCaseWaitsForEscalation(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	l := NewLetter("Pengaduan lama")
	l.Channel = "tatap_muka"
	MustCreateLetter(t, o.DB, o.As(t, "petugas_pengaduan"), l)
	kasubag := o.As(t, "kasubag_rkme")
	has := func() bool {
		tasks, err := o.WF.MyTasks(kasubag)
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range tasks {
			if tk.Kind == letters.TaskEscalate && tk.LetterID == l.ID {
				return tk.Overdue
			}
		}
		return false
	}
	if has() {
		t.Fatal("a case within its deadline waits for escalation")
	}
	o.Clock.Set(l.Deadline.Add(time.Hour))
	if !has() {
		t.Fatal("the overdue case is not in the escalation queue")
	}
	got, err := o.L.Transition(kasubag, l.ID, letters.TransitionInput{Action: letters.ActionEscalate})
	if err != nil || got.Status != letters.StatusEscalated {
		t.Fatalf("escalate: %v %v", got, err)
	}
	if has() {
		t.Fatal("an escalated case still waits for escalation")
	}
}
