package store_test

import (
	"strings"
	"testing"

	"naskah/letters"
)

// TestSign_ApprovalRecordIsSigned: the record of who approved which version
// is kept signed beside the PDF; the original checks out, and a record
// edited in the database file (a paraf's name changed) makes the same,
// untouched PDF fail the check.
func TestSign_ApprovalRecordIsSigned(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	l := disposedTo(t, o, "analis", "Catatan persetujuan")
	analis := o.As(t, "analis")
	d, err := o.WF.CreateDraft(analis, l.ID, "berita_acara")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.WF.SubmitDraft(analis, d.ID); err != nil {
		t.Fatal(err)
	}
	var doc *letters.IssuedDocument
	for range 10 { // walk the chain: paraf steps, then the signature
		cur, err := o.WF.FindDraftByID(analis, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		st := cur.CurrentStep()
		if st == nil {
			break
		}
		actor := o.As(t, st.Position)
		if st.Step == letters.StepSign {
			if doc, err = o.WF.SignDraft(actor, d.ID); err != nil {
				t.Fatal(err)
			}
			break
		}
		if _, err := o.WF.ApproveDraft(actor, d.ID, ""); err != nil {
			t.Fatalf("paraf by %s: %v", st.Position, err)
		}
	}
	if doc == nil {
		t.Fatal("the chain never reached the signature")
	}
	pdf := mustPDF(t, o, doc.ID)
	fc, err := o.WF.CheckFile(analis, doc.VerifyCode, pdf)
	if err != nil || !fc.Original {
		t.Fatalf("original: %+v %v", fc, err)
	}

	raw := RawDB(t, o.DB)
	var record string
	if err := raw.QueryRow(`SELECT record FROM documents WHERE id = ?`, doc.ID).Scan(&record); err != nil || record == "" {
		t.Fatalf("no approval record kept: %q %v", record, err)
	}
	forged := strings.Replace(record, `"version":1`, `"version":2`, 1)
	if forged == record {
		t.Fatalf("record has no version 1: %s", record)
	}
	if _, err := raw.Exec(`UPDATE documents SET record = ? WHERE id = ?`, forged, doc.ID); err != nil {
		t.Fatal(err)
	}
	fc, err = o.WF.CheckFile(analis, doc.VerifyCode, pdf)
	if err != nil || fc.Original || !strings.Contains(fc.Reason, "Catatan persetujuan") {
		t.Fatalf("an edited approval record must be caught: %+v %v", fc, err)
	}
}
