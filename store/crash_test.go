package store_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// crashDirEnv tells TestHelperIntakeLoop, run as a child process, where the
// data directory is.
const crashDirEnv = "NASKAH_STORE_CRASH_DIR"

// A process killed with SIGKILL in the middle of registering letters leaves
// a sound database: the file checks, the agenda numbers have no gap, every
// attachment's file is there with the right content, the audit chain holds.
func TestCrash_KilledDuringIntake(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test re-runs the test binary")
	}
	dir := t.TempDir()
	for round := range 4 {
		runAndKill(t, dir, 400*time.Millisecond+time.Duration(round)*200*time.Millisecond)
	}

	db, clock := MustOpenDBAt(t, dir, testProfile)
	ctx := context.Background()
	if res, err := db.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q (%v)", res, err)
	}
	raw := RawDB(t, db)
	nLetters := Count(t, raw, "letters")
	if nLetters == 0 {
		t.Fatal("the child registered no letter")
	}
	t.Logf("%d letters survived 4 kills", nLetters)

	rows, err := raw.Query(`SELECT year, COUNT(*), MAX(seq), COUNT(l.id) FROM numbers n
		LEFT JOIN letters l ON l.agenda_number = n.formatted
		WHERE document = 'agenda' AND suffix = '' GROUP BY year`)
	if err != nil {
		t.Fatal(err)
	}
	numbered := 0
	for rows.Next() {
		var year, count, maxSeq, withLetter int
		if err := rows.Scan(&year, &count, &maxSeq, &withLetter); err != nil {
			t.Fatal(err)
		}
		if count != maxSeq || withLetter != count {
			t.Fatalf("agenda %d: %d numbers up to %d, %d given to letters: a gap or a lost letter", year, count, maxSeq, withLetter)
		}
		numbered += count
	}
	rows.Close()
	if numbered != nLetters {
		t.Fatalf("%d agenda numbers for %d letters", numbered, nLetters)
	}

	rows, err = raw.Query(`SELECT sha256, size FROM attachments`)
	if err != nil {
		t.Fatal(err)
	}
	nAtt := 0
	for rows.Next() {
		var sum string
		var size int
		if err := rows.Scan(&sum, &size); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "attachments", sum[:2], sum))
		if err != nil {
			t.Fatalf("attachment file missing: %v", err)
		}
		got := sha256.Sum256(data)
		if hex.EncodeToString(got[:]) != sum || len(data) != size {
			t.Fatalf("attachment %s: content does not match its hash", sum)
		}
		nAtt++
	}
	rows.Close()
	if nAtt != 2*nLetters {
		t.Fatalf("%d attachments for %d letters, want 2 each", nAtt, nLetters)
	}

	rep, err := store.NewAuditService(db).VerifyAudit(ctx)
	if err != nil || !rep.OK {
		t.Fatalf("audit after crashes: %v (%v)", rep, err)
	}

	// Work goes on where it stopped.
	clock.Set(time.Now())
	l := MustCreateLetter(t, db, MustClerk(t, db), NewLetter("Sesudah pemulihan"))
	var count int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM numbers WHERE document = 'agenda' AND year = ?`,
		time.Now().In(db.Calendar.Location()).Year()).Scan(&count); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(l.AgendaNumber, strconv.Itoa(count)+"/") {
		t.Fatalf("next agenda number %q, want %d/…", l.AgendaNumber, count)
	}
}

// runAndKill runs the intake loop as a child process on dir and kills it
// with SIGKILL d after it is ready.
func runAndKill(t *testing.T, dir string, d time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperIntakeLoop$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if sc.Text() == "READY" {
				ready <- true
			}
		}
		close(ready)
	}()
	select {
	case ok := <-ready:
		if !ok {
			cmd.Wait()
			t.Fatalf("child stopped before it was ready: %s", stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatal("child not ready after 60 s")
	}
	time.Sleep(d)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill: %v (child ended early? %s)", err, stderr.String())
	}
	err = cmd.Wait()
	if st, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !st.Signaled() || st.Signal() != syscall.SIGKILL {
		t.Fatalf("child did not die by SIGKILL (%v): %s", err, stderr.String())
	}
}

// TestHelperIntakeLoop is not a test: run by TestCrash_KilledDuringIntake as
// a child, it registers letters with two attachments each (one shared by all
// letters, one new) until it is killed.
func TestHelperIntakeLoop(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("helper process of TestCrash_KilledDuringIntake")
	}
	db := store.NewDB(dir)
	db.Profile = MustLoadProfile(t, testProfile)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	users := store.NewUserService(db)
	u, err := users.FindUserByUsername(ctx, "crash.clerk")
	if letters.ErrorCode(err) == letters.ENOTFOUND {
		u = &letters.User{Username: "crash.clerk", Name: "Petugas Uji", Position: "pengadministrasi_umum"}
		err = users.CreateUser(ctx, u, testPassword)
	}
	if err != nil {
		t.Fatal(err)
	}
	ctx = letters.NewContextWithUser(ctx, u)
	svc := store.NewLetterService(db)
	shared := []byte("%PDF-1.4\n% formulir bersama\n%%EOF\n")
	os.Stdout.WriteString("READY\n")
	for i := 0; ; i++ {
		own := fmt.Appendf(nil, "%%PDF-1.4\n%% proses %d surat %d\n%%%%EOF\n", os.Getpid(), i)
		l := NewLetter("Pengaduan berulang")
		if err := svc.CreateLetter(ctx, l, []letters.Upload{
			{Name: "formulir.pdf", Data: shared}, {Name: "ktp.pdf", Data: own},
		}); err != nil {
			t.Fatal(err)
		}
	}
}
