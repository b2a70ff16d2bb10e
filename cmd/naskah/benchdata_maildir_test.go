package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"naskah/letters"
	"naskah/mail"
)

// TestBenchMaildirImport is the small run of scripts/mail-compare.sh: a
// generated Maildir of 200 messages imported into a new office. Every
// message is accounted for as the generator wrote it, the text of every
// charset reads back right, the index finds the letters, and the same seed
// writes the same files.
func TestBenchMaildirImport(t *testing.T) {
	md := filepath.Join(t.TempDir(), "Maildir")
	out, err := runNaskah(t, "bench-data", "--maildir", md, "--messages", "200", "--json")
	if err != nil {
		t.Fatalf("bench-data --maildir: %v\n%s", err, out)
	}
	var gen struct{ Result maildirStats }
	if err := json.Unmarshal([]byte(out), &gen); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	st := gen.Result
	if st.Messages != 200 || st.PDFs == 0 || st.HTML == 0 || st.Latin1 == 0 || st.Windows1252 == 0 || st.Replies == 0 {
		t.Fatalf("generated %+v: not the mix asked for", st)
	}

	dir := filepath.Join(t.TempDir(), "data")
	out, err = runNaskah(t, "import", "--data", dir, "--profile", "bkad-kalbar", "--json", md)
	if err != nil {
		t.Fatalf("naskah import: %v\n%s", err, out)
	}
	var sum mail.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if sum.Messages != 200 || sum.Letters != st.Letters || sum.Replies != st.Replies ||
		sum.Duplicates != st.Duplicates || sum.AutoReplies != st.AutoReplies || len(sum.Refused) != 0 {
		t.Errorf("imported %+v, generated %+v", sum, st)
	}

	a, err := openApp(dataFlags{dir: dir}, false)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	list, total, err := a.letters.FindLetters(ctx, letters.LetterFilter{Limit: 500})
	if err != nil || total != st.Letters {
		t.Fatalf("%d letters (%v), want %d", total, err, st.Letters)
	}
	attached := 0
	for _, l := range list {
		if strings.ContainsAny(l.Body+l.Subject+l.Complainant.Name, "\uFFFD\x1a") || !strings.Contains(l.Body, "Hormat saya") {
			t.Errorf("letter %d read wrong: %q / %q", l.ID, l.Subject, l.Body)
		}
		full, err := a.letters.FindLetterByID(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		attached += len(full.Attachments)
	}
	if attached == 0 {
		t.Error("no PDF kept as an attachment")
	}
	for _, word := range []string{"pengaduan", "Hormat"} {
		if _, n, err := a.letters.FindLetters(ctx, letters.LetterFilter{Query: word, Limit: 1}); err != nil || n != st.Letters {
			t.Errorf("search %q finds %d of %d (%v)", word, n, st.Letters, err)
		}
	}

	// Deterministic: the same seed writes the same bytes.
	again := filepath.Join(t.TempDir(), "Maildir")
	if _, err := genMaildir(again, 200, 1); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"cur", "new"} {
		names, _ := filepath.Glob(filepath.Join(md, sub, "*"))
		for _, n := range names {
			a, _ := os.ReadFile(n)
			b, err := os.ReadFile(filepath.Join(again, sub, filepath.Base(n)))
			if err != nil || string(a) != string(b) {
				t.Fatalf("%s differs between two runs with seed 1 (%v)", filepath.Base(n), err)
			}
		}
	}
}
