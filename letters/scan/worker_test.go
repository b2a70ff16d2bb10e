//go:build sqlite_fts5

package scan

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os/exec"
	"strings"
	"testing"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/store"
)

// The worker drains a queue holding a pixel flood, a damaged JPEG, a
// 500-page PDF, a password-protected PDF and a real scan: each bad file is
// flagged with its reason, the scan is read, its details suggested, the
// stored files stay byte for byte what arrived, and a word that appears only
// in the scan finds the letter.
func TestWorker_FlagsBadFilesAndGoesOn(t *testing.T) {
	needTools(t, "tesseract", "pdftoppm", "pdfinfo", "pdftotext")
	p, err := profile.Load("bkad-kalbar")
	if err != nil {
		t.Fatal(err)
	}
	db := store.NewDB(t.TempDir())
	db.Profile = p
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	users := store.NewUserService(db)
	clerk := &letters.User{Username: "loket", Name: "Petugas Loket", Position: receiver(t, p)}
	if err := users.CreateUser(context.Background(), clerk, "rahasia-123"); err != nil {
		t.Fatal(err)
	}
	ctx := letters.NewContextWithUser(context.Background(), clerk)

	l := genLetter(4)
	l.Body = append(l.Body[:1], "Jembatan gantung di Desa Oinlasi putus diterjang banjir sehingga anak sekolah tidak dapat menyeberang.")
	uploads := []letters.Upload{
		{Name: "banjir.png", Data: floodPNG(100_000, 100_000)},
		{Name: "rusak.jpg", Data: corruptJPEG(t)},
		{Name: "tebal.pdf", Data: manyPages(t, 500)},
		{Name: "surat-pindaian.pdf", Data: scanned(t, l, 300, 0.6, "pdf", 4)},
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		uploads = append(uploads, letters.Upload{Name: "terkunci.pdf", Data: lockedPDF(t)})
	}
	letter := &letters.Letter{Category: letters.CategorySurat, Channel: "surat", Subject: "Surat masuk dari kabupaten",
		Origin: "Kabupaten", Statement: true, Complainant: letters.Party{Name: "Kantor Kabupaten", Organisation: "Pemkab",
			Address: "Jalan Raya", Phone: "0380 821234", Email: "kab@contoh.go.id", NIK: "5319011203850001"}}
	// Intake does not wait for OCR: the letter is stored and its files queued.
	if err := store.NewLetterService(db).CreateLetter(ctx, letter, uploads); err != nil {
		t.Fatal(err)
	}
	q := store.NewScanService(db)
	w := &Worker{Queue: q, Files: store.NewAttachmentService(db), Extractor: &Extractor{}}
	for i := 0; ; i++ {
		did, err := w.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !did {
			break
		} else if i > len(uploads) {
			t.Fatal("the queue does not drain")
		}
	}
	scans, err := q.FindLetterScans(ctx, letter.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"banjir.png":   "100.000 × 100.000 piksel",
		"rusak.jpg":    "rusak atau terpotong",
		"tebal.pdf":    "500 halaman",
		"terkunci.pdf": "dilindungi kata sandi",
	}
	if len(scans) != len(uploads) {
		t.Fatalf("%d scans, want %d", len(scans), len(uploads))
	}
	for _, s := range scans {
		if s.Name == "surat-pindaian.pdf" {
			if s.Status != letters.ScanDone || s.Method != letters.ScanMethodOCR || s.Pages != 1 {
				t.Fatalf("scan = %s %s %d pages (%s), want done by OCR", s.Status, s.Method, s.Pages, s.Reason)
			}
			if s.Suggestion == nil || s.Suggestion.Number != l.Number || s.Suggestion.Subject != l.Subject {
				t.Errorf("suggestion = %+v, want number %q and subject %q", s.Suggestion, l.Number, l.Subject)
			}
			continue
		}
		if s.Status != letters.ScanFailed || !strings.Contains(s.Reason, want[s.Name]) {
			t.Errorf("%s: %s %q, want failed saying %q", s.Name, s.Status, s.Reason, want[s.Name])
		}
	}

	found, total, err := store.NewLetterService(db).FindLetters(ctx, letters.LetterFilter{Query: "Oinlasi"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || found[0].ID != letter.ID {
		t.Fatalf("search for a word only in the scan found %d letters", total)
	}

	// The originals are untouched.
	files := store.NewAttachmentService(db)
	for i, a := range letter.Attachments {
		rc, err := files.OpenAttachment(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		sum := sha256.Sum256(uploads[i].Data)
		if !bytes.Equal(data, uploads[i].Data) || hex.EncodeToString(sum[:]) != a.SHA256 {
			t.Errorf("%s changed after reading", a.Name)
		}
	}
}

// receiver is the position that registers letters on the "surat" channel.
func receiver(t *testing.T, p *letters.Profile) string {
	for _, r := range p.Actions {
		if r.Action == letters.ActionRegister && len(r.Positions) > 0 {
			return r.Positions[0]
		}
	}
	t.Fatal("nobody registers letters")
	return ""
}
