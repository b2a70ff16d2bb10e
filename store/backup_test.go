package store_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// rowsByID reads every row of table keyed by its id column.
func rowsByID(tb testing.TB, path, table string) map[int64]string {
	tb.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT * FROM ` + table)
	if err != nil {
		tb.Fatalf("read %s: %v", table, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	out := map[int64]string{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			tb.Fatal(err)
		}
		out[vals[0].(int64)] = fmt.Sprint(vals...)
	}
	return out
}

// The drill: back up while four clerks register letters with attachments,
// restore into an empty directory and check that the copy is one
// consistent moment of the live data: the manifest's digest of every
// table matches the restored rows, every row is the live row with the same
// ID, IDs have no gaps (no later commit without an earlier one), every
// attachment the rows name is there with its hash, and the audit chain
// verifies.
func TestBackupUnderWriteLoadRestoresAConsistentCopy(t *testing.T) {
	db, _ := MustOpenDBAt(t, t.TempDir(), testProfile)
	ctx := MustClerk(t, db)
	svc := store.NewLetterService(db)
	for i := range 10 {
		MustCreateLetter(t, db, ctx, NewLetter(fmt.Sprintf("Sebelum cadangan %d", i)))
	}

	var stop atomic.Bool
	var created atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				l := NewLetter(fmt.Sprintf("Saat cadangan %d-%d", w, i))
				ups := []letters.Upload{{Name: "surat.pdf", Data: NewPDF()}, {Name: "foto.png", Data: NewPNG()}}
				if err := svc.CreateLetter(ctx, l, ups); err != nil {
					errs <- err
					return
				}
				created.Add(1)
			}
		}()
	}
	waitFor := func(n int64) {
		for created.Load() < n && len(errs) == 0 {
			time.Sleep(time.Millisecond)
		}
	}
	waitFor(20) // writes are under way
	before := created.Load() + 10
	var archive bytes.Buffer
	m, err := store.Backup(context.Background(), db.Dir, &archive)
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	waitFor(before + 20) // and go on after
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("intake during backup: %v", err)
	}
	after := created.Load() + 10

	dir := filepath.Join(t.TempDir(), "pulih")
	if _, err := store.Restore(context.Background(), bytes.NewReader(archive.Bytes()), dir); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	restoredPath := filepath.Join(dir, store.DBFile)
	digests, err := store.TableDigests(context.Background(), restoredPath)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range m.Tables {
		if digests[name] != want {
			t.Errorf("table %s: restored %+v, at backup %+v", name, digests[name], want)
		}
	}
	n := m.Tables["letters"].Rows
	t.Logf("backup: %d letters (%d before it started, %d at the end), %d tables, %d files, %d bytes",
		n, before, after, len(m.Tables), len(m.Files), archive.Len())
	if n < before || n > after {
		t.Errorf("backup holds %d letters; %d existed when it started and %d at the end", n, before, after)
	}
	for _, table := range []string{"letters", "attachments", "audit", "letter_events"} {
		live, restored := rowsByID(t, db.Path(), table), rowsByID(t, restoredPath, table)
		for id, row := range restored {
			if live[id] != row {
				t.Errorf("%s %d differs from the live row:\n%s\n%s", table, id, row, live[id])
			}
		}
		for id := int64(1); id <= int64(len(restored)); id++ {
			if _, ok := restored[id]; !ok {
				t.Errorf("%s: row %d missing although %d rows were restored: not one moment", table, id, len(restored))
				break
			}
		}
	}

	// The restored directory opens as Naskah and serves every file.
	rdb, _ := MustOpenDBAt(t, dir, testProfile)
	rctx := MustClerk(t, rdb)
	list, total, err := store.NewLetterService(rdb).FindLetters(rctx, letters.LetterFilter{Limit: store.MaxLetterLimit})
	if err != nil || int64(total) != n {
		t.Fatalf("restored letters: %d (%v), want %d", total, err, n)
	}
	files := store.NewAttachmentService(rdb)
	checked := 0
	for _, l := range list {
		full, err := store.NewLetterService(rdb).FindLetterByID(rctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range full.Attachments {
			rc, err := files.OpenAttachment(rctx, a.ID)
			if err != nil {
				t.Fatalf("letter %d attachment %d: %v", l.ID, a.ID, err)
			}
			h := sha256.New()
			io.Copy(h, rc)
			rc.Close()
			if got := hex.EncodeToString(h.Sum(nil)); got != a.SHA256 {
				t.Errorf("attachment %d: content hash %s, want %s", a.ID, got, a.SHA256)
			}
			checked++
		}
	}
	if checked < int(n) {
		t.Errorf("only %d attachments checked for %d letters", checked, n)
	}
	rep, err := store.NewAuditService(rdb).VerifyAudit(context.Background())
	if err != nil || !rep.OK {
		t.Errorf("restored audit chain: %v %v", rep, err)
	}
}

// A backup whose attachment was changed, or that is cut short, is refused,
// and nothing is left behind; a restore never writes into a directory
// that holds data.
func TestRestoreRefusesDamagedArchives(t *testing.T) {
	db, _ := MustOpenDBAt(t, t.TempDir(), testProfile)
	MustCreateLetter(t, db, MustClerk(t, db), NewLetter("Cadangan"))
	var archive bytes.Buffer
	if _, err := store.Backup(context.Background(), db.Dir, &archive); err != nil {
		t.Fatal(err)
	}

	// Change one byte of the attachment inside the archive.
	var tampered bytes.Buffer
	zr, _ := gzip.NewReader(bytes.NewReader(archive.Bytes()))
	tr := tar.NewReader(zr)
	zw := gzip.NewWriter(&tampered)
	tw := tar.NewWriter(zw)
	changed := false
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		if strings.HasPrefix(hdr.Name, "attachments/") && !changed {
			data[len(data)/2] ^= 1
			changed = true
		}
		tw.WriteHeader(hdr)
		tw.Write(data)
	}
	tw.Close()
	zw.Close()
	if !changed {
		t.Fatal("no attachment in the archive")
	}

	cases := map[string][]byte{
		"tampered attachment": tampered.Bytes(),
		"truncated":           archive.Bytes()[:archive.Len()*2/3],
		"not an archive":      []byte("bukan arsip"),
	}
	for name, data := range cases {
		dir := t.TempDir()
		_, err := store.Restore(context.Background(), bytes.NewReader(data), dir)
		if err == nil {
			t.Errorf("%s: restored without error", name)
			continue
		}
		ExpectCode(t, err, letters.EINVALID)
		if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) > 0 {
			t.Errorf("%s: left %v behind", name, files)
		}
	}
	_, err := store.Restore(context.Background(), bytes.NewReader(archive.Bytes()), db.Dir)
	ExpectCode(t, err, letters.ECONFLICT)
}
