package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"naskah/letters"
	"naskah/store"
)

func TestCreateLetter_RegistersWithNumberDeadlineAndTimeline(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)
	l := MustCreateLetter(t, db, ctx, NewLetter("Keterlambatan SK kenaikan pangkat"))

	got, err := svc.FindLetterByID(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.AgendaNumber != "1/BKPSDMD/III/2026" || got.Status != letters.StatusRegistered {
		t.Fatalf("letter = %q %s, want 1/BKPSDMD/III/2026 registered", got.AgendaNumber, got.Status)
	}
	want, err := db.Profile.Deadlines(db.Calendar, "surat", "", start)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Deadline.Equal(want.Completion) || !got.ReceivedAt.Equal(start) {
		t.Fatalf("received %v deadline %v, want %v and %v", got.ReceivedAt, got.Deadline, start, want.Completion)
	}
	if got.Responsible != "kasubag_umum" || got.Holder != "kasubag_umum" || got.TrackingCode == "" {
		t.Fatalf("responsible %q holder %q tracking %q", got.Responsible, got.Holder, got.TrackingCode)
	}
	if len(got.Attachments) != 1 || got.Attachments[0].Name != "surat.pdf" || got.Attachments[0].ContentType != "application/pdf" {
		t.Fatalf("attachments = %+v", got.Attachments)
	}
	events, err := svc.LetterEvents(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].Action != "register" || events[0].To != letters.StatusRegistered {
		t.Fatalf("events = %+v, want one register event", events)
	}
	byCode, err := svc.FindLetterByTrackingCode(ctx, strings.ToLower(strings.ReplaceAll(l.TrackingCode, "-", " ")))
	if err != nil || byCode.ID != l.ID {
		t.Fatalf("find by typed tracking code: %v", err)
	}
	_, err = svc.FindLetterByTrackingCode(ctx, "0000-0000-0000-0000")
	ExpectCode(t, err, letters.ENOTFOUND)
	_, err = svc.FindLetterByID(ctx, 9999)
	ExpectCode(t, err, letters.ENOTFOUND)
	_, err = svc.LetterEvents(ctx, 9999)
	ExpectCode(t, err, letters.ENOTFOUND)
}

// A letter that fails its channel's identity rules leaves no trace.
func TestCreateLetter_MissingIdentitySavesNothing(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	MustCreateLetter(t, db, ctx, NewLetter("Surat pertama"))
	raw := RawDB(t, db)
	tables := []string{"letters", "numbers", "letter_events", "attachments", "blobs", "audit", "letters_fts"}
	before := map[string]int{}
	for _, tb := range tables {
		before[tb] = Count(t, raw, tb)
	}
	files := len(Files(t, db))

	l := NewLetter("Pengaduan tatap muka")
	l.Channel = "tatap_muka" // requires name and NIK
	l.Complainant.NIK = ""
	err := store.NewLetterService(db).CreateLetter(ctx, l, []letters.Upload{{Name: "ktp.png", Data: NewPNG()}})
	ExpectCode(t, err, letters.EINVALID)
	if !strings.Contains(letters.ErrorMessage(err), "NIK") {
		t.Fatalf("message %q does not name NIK", letters.ErrorMessage(err))
	}
	for _, tb := range tables {
		if n := Count(t, raw, tb); n != before[tb] {
			t.Errorf("%s: %d rows, want %d", tb, n, before[tb])
		}
	}
	if n := len(Files(t, db)); n != files {
		t.Errorf("%d attachment files, want %d", n, files)
	}
}

func TestCreateLetter_DuplicateLaporIDRefused(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)
	first := NewLetter("Aduan dari LAPOR!")
	first.Channel, first.LaporID = "lapor", "LPR-2026-0311"
	MustCreateLetter(t, db, ctx, first)

	again := NewLetter("Aduan dari LAPOR! (dicatat ulang)")
	again.Channel, again.LaporID = "lapor", " lpr-2026-0311 "
	err := svc.CreateLetter(ctx, again, nil)
	ExpectCode(t, err, letters.ECONFLICT)
	if !strings.Contains(letters.ErrorMessage(err), first.AgendaNumber) {
		t.Fatalf("message %q does not name the agenda number %s", letters.ErrorMessage(err), first.AgendaNumber)
	}
	if _, total, _ := svc.FindLetters(ctx, letters.LetterFilter{}); total != 1 {
		t.Fatalf("%d letters, want 1", total)
	}

	mail1 := NewLetter("Email pengaduan")
	mail1.Channel, mail1.MessageID = "email", "<abc@mail.contoh.id>"
	MustCreateLetter(t, db, ctx, mail1)
	mail2 := NewLetter("Email pengaduan terkirim dua kali")
	mail2.Channel, mail2.MessageID = "email", "<abc@mail.contoh.id>"
	ExpectCode(t, svc.CreateLetter(ctx, mail2, []letters.Upload{{Name: "ktp.pdf", Data: NewPDF()}}), letters.ECONFLICT)
}

func TestCreateLetter_UploadsCheckedByContent(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)
	for _, tc := range []struct {
		name string
		data []byte
		code string
		msg  string
	}{
		{"surat.pdf", NewPNG(), letters.EINVALID, `Berkas "surat.pdf" bukan PDF yang sah.`},
		{"foto.png", NewPDF(), letters.EINVALID, `Berkas "foto.png" bukan gambar PNG yang sah.`},
		{"ktp.jpg", NewPNG(), letters.EINVALID, `Berkas "ktp.jpg" bukan gambar JPEG yang sah.`},
		{"potong.pdf", []byte("%PDF-1.4\n1 0 obj"), letters.EINVALID, `Berkas "potong.pdf" bukan PDF yang sah.`},
		{"virus.exe", []byte("MZ\x90\x00"), letters.EINVALID, "PDF, JPG atau PNG"},
		{"besar.pdf", append(NewPDF(), make([]byte, letters.MaxUploadSize)...), letters.ETOOLARGE, "melebihi batas 20 MB"},
		{"kosong.pdf", nil, letters.EINVALID, "kosong"},
	} {
		err := svc.CreateLetter(ctx, NewLetter("Lampiran "+tc.name), []letters.Upload{{Name: tc.name, Data: tc.data}})
		ExpectCode(t, err, tc.code)
		if !strings.Contains(letters.ErrorMessage(err), tc.msg) {
			t.Errorf("%s: message %q, want %q", tc.name, letters.ErrorMessage(err), tc.msg)
		}
	}
	if _, total, _ := svc.FindLetters(ctx, letters.LetterFilter{}); total != 0 {
		t.Fatalf("%d letters saved, want 0", total)
	}
	l := NewLetter("Foto bukti")
	if err := svc.CreateLetter(ctx, l, []letters.Upload{{Name: `C:\Users\warga\..\Foto Bukti.PNG`, Data: NewPNG()}}); err != nil {
		t.Fatal(err)
	}
	if a := l.Attachments[0]; a.Name != "Foto Bukti.PNG" || a.ContentType != "image/png" {
		t.Fatalf("attachment = %+v, want Foto Bukti.PNG image/png", a)
	}
}

// The same file attached to two letters is stored once, under its hash.
func TestAttachments_StoredOnceByHash(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)
	pdf := NewPDF()
	var ids []int64
	for _, name := range []string{"../../etc/passwd.pdf", "surat warga.pdf"} {
		l := NewLetter("Lampiran sama")
		if err := svc.CreateLetter(ctx, l, []letters.Upload{{Name: name, Data: pdf}}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.Attachments[0].ID)
	}
	raw := RawDB(t, db)
	if b, a := Count(t, raw, "blobs"), Count(t, raw, "attachments"); b != 1 || a != 2 {
		t.Fatalf("blobs %d attachments %d, want 1 and 2", b, a)
	}
	files := Files(t, db)
	sum := sha256.Sum256(pdf)
	want := filepath.Join(db.Dir, "attachments", hex.EncodeToString(sum[:1]), hex.EncodeToString(sum[:]))
	if len(files) != 1 || files[0] != want {
		t.Fatalf("files = %v, want only %s", files, want)
	}

	atts := store.NewAttachmentService(db)
	for _, id := range ids {
		rc, err := atts.OpenAttachment(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, pdf) {
			t.Fatalf("attachment %d content differs (%v)", id, err)
		}
	}
	a, err := atts.FindAttachmentByID(ctx, ids[0])
	if err != nil || a.Name != "passwd.pdf" || a.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("attachment = %+v (%v)", a, err)
	}
	_, err = atts.OpenAttachment(ctx, 999)
	ExpectCode(t, err, letters.ENOTFOUND)
}

// Without a signed-in user only the public web form may register.
func TestCreateLetter_PublicFormOnlyForWeb(t *testing.T) {
	db := MustOpenDB(t)
	svc := store.NewLetterService(db)
	ctx := context.Background()
	ExpectCode(t, svc.CreateLetter(ctx, NewLetter("Tanpa masuk"), nil), letters.EUNAUTHORIZED)

	l := NewLetter("Dari formulir daring")
	l.Channel = "web"
	if err := svc.CreateLetter(ctx, l, nil); err != nil {
		t.Fatal(err)
	}
	events, err := svc.LetterEvents(ctx, l.ID)
	if err != nil || len(events) != 1 || events[0].ActorID != 0 || events[0].Actor == "" {
		t.Fatalf("events = %+v (%v), want one by the public form", events, err)
	}
	if l.CreatedBy != 0 || l.AgendaNumber == "" {
		t.Fatalf("letter = %+v", l)
	}
}
