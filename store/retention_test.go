package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"naskah/letters"
	"naskah/reports"
	"naskah/store"
)

// Closed cases past retention lose every trace of the complainant (the
// letter, the search index, the files, the raw email, the database file
// itself); newer and open cases keep theirs; the monthly report gives the
// same figures; the audit chain verifies; a second run does nothing.
func TestRetention_ErasesPersonalDataOfOldClosedCases(t *testing.T) {
	db, clock := MustOpenDBAt(t, t.TempDir(), testProfile) // retention: 2 years
	wita := db.Calendar.Location()
	clerk := MustClerk(t, db)
	svc := store.NewLetterService(db)
	raw := RawDB(t, db)

	ktp := NewPNG()
	create := func(at time.Time, name, nik string) *letters.Letter {
		clock.Set(at)
		l := NewLetter("Pengaduan layanan kenaikan pangkat " + name)
		l.Complainant.Name, l.Complainant.NIK = name, nik
		l.Complainant.Phone = "0813 3900 " + nik[12:]
		l.Body = "Saya " + name + ", NIK " + nik + ", belum menerima SK kenaikan pangkat."
		uploads := []letters.Upload{{Name: "surat.pdf", Data: NewPDF()}, {Name: "ktp-" + name + ".png", Data: ktp}}
		if err := svc.CreateLetter(clerk, l, uploads); err != nil {
			t.Fatal(err)
		}
		return l
	}
	closeCase := func(l *letters.Letter, at time.Time) {
		if _, err := raw.Exec(`UPDATE letters SET status = 'closed', completed_at = ? WHERE id = ?`,
			at.UTC().Format("2006-01-02T15:04:05.000Z"), l.ID); err != nil {
			t.Fatal(err)
		}
	}
	may2023 := time.Date(2023, 5, 8, 9, 0, 0, 0, wita)
	oldA := create(may2023, "Servasius Ngamal", "5319012345670001")
	oldB := mailCase(t, db, clock, may2023.Add(time.Hour), "Maria Goreti Jehaut", "maria.jehaut@contoh.id", ktp)
	openOld := create(may2023.Add(2*time.Hour), "Kanisius Dangur", "5319012345670003")
	newC := create(time.Date(2024, 5, 6, 9, 0, 0, 0, wita), "Fransiska Nidus", "5319012345670004")
	closeCase(oldA, time.Date(2023, 6, 2, 10, 0, 0, 0, wita))
	closeCase(oldB, time.Date(2023, 12, 29, 10, 0, 0, 0, wita))
	closeCase(newC, time.Date(2024, 6, 3, 10, 0, 0, 0, wita))
	// OCR text of every scan, as the scanner leaves it.
	if _, err := raw.Exec(`UPDATE scans SET status = 'done', text = 'KTP ' || (SELECT complainant_name FROM letters WHERE id = scans.letter_id)`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO scans_fts (rowid, text, letter_id) SELECT attachment_id, text, letter_id FROM scans`); err != nil {
		t.Fatal(err)
	}
	if got := search(t, svc, "Servasius"); len(got) != 1 {
		t.Fatalf("before: search finds %d", len(got))
	}
	filesOf := func(l *letters.Letter) []string {
		got, err := svc.FindLetterByID(context.Background(), l.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range got.Attachments {
			out = append(out, a.SHA256)
		}
		return out
	}
	pdfA := filesOf(oldA)[0]
	var rawSum string
	if err := raw.QueryRow(`SELECT raw_sha256 FROM mail_messages WHERE letter_id = ?`, oldB.ID).Scan(&rawSum); err != nil {
		t.Fatal(err)
	}

	if held := fileHolds(t, db, "Servasius Ngamal"); len(held) == 0 {
		t.Fatal("before the erase the database files do not hold the name: the check below proves nothing")
	}
	clock.Set(time.Date(2026, 1, 10, 9, 0, 0, 0, wita)) // A and B finished over 2 years ago
	period, _ := letters.ParsePeriod("2023-05")
	before := monthlyReport(t, db, period)

	ret := store.NewRetentionService(db)
	cutoff := db.Profile.Retention.Cutoff(clock.Now())
	due, err := ret.RetentionDue(context.Background(), cutoff)
	if err != nil {
		t.Fatal(err)
	}
	if due.Due != 2 || due.Oldest == nil || due.Oldest.Year() != 2023 || len(due.ByYear) != 1 || due.ByYear[0] != (letters.RetentionYear{Year: 2023, Cases: 2}) {
		t.Fatalf("due = %+v", due)
	}
	_, err = ret.ErasePersonalData(context.Background(), cutoff)
	ExpectCode(t, err, letters.EUNAUTHORIZED)
	admin, _ := MustUser(t, db, "kepala")
	res, err := ret.ErasePersonalData(admin, cutoff)
	if err != nil {
		t.Fatal(err)
	}
	if res.Cases != 2 || res.Attachments != 3 || res.Messages != 1 {
		t.Errorf("result = %+v", res)
	}

	for _, l := range []*letters.Letter{oldA, oldB} {
		got, err := svc.FindLetterByID(context.Background(), l.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := got.Complainant; c.Name != letters.ErasedMark || c.NIK != "" || c.Phone != "" || c.Address != "" || c.Email != "" || c.Organisation != "" {
			t.Errorf("letter %d complainant after erase: %+v", l.ID, c)
		}
		if len(got.Attachments) != 0 {
			t.Errorf("letter %d keeps %d attachments", l.ID, len(got.Attachments))
		}
		if got.AgendaNumber != l.AgendaNumber || got.TrackingCode != l.TrackingCode || got.Channel != l.Channel ||
			got.Category != l.Category || got.Status != letters.StatusClosed || !got.ReceivedAt.Equal(l.ReceivedAt) || !got.Deadline.Equal(l.Deadline) {
			t.Errorf("letter %d case data changed: %+v", l.ID, got)
		}
		if strings.Contains(got.Body+got.Subject, "5319012345670001") || strings.Contains(got.Body+got.Subject, "Ngamal") || strings.Contains(got.Body+got.Subject, "Jehaut") {
			t.Errorf("letter %d text keeps personal data: %q / %q", l.ID, got.Subject, got.Body)
		}
		if n := countWhere(t, raw, `audit WHERE entity = 'letter' AND entity_id = ? AND action = 'letter.retention_erase'`, l.ID); n != 1 {
			t.Errorf("letter %d has %d retention audit rows", l.ID, n)
		}
	}
	for _, q := range []string{"Servasius", "Ngamal", "Jehaut", "KTP"} {
		for _, l := range search(t, svc, q) {
			if l.ID == oldA.ID || l.ID == oldB.ID {
				t.Errorf("search %q still finds erased letter %d", q, l.ID)
			}
		}
	}
	for _, q := range []string{"Kanisius", "Nidus"} {
		if len(search(t, svc, q)) != 1 {
			t.Errorf("search %q no longer finds a kept case", q)
		}
	}
	if n := countWhere(t, raw, `scans_fts WHERE scans_fts MATCH ?`, "Servasius OR Jehaut"); n != 0 {
		t.Errorf("OCR index keeps %d erased rows", n)
	}
	if n := countWhere(t, raw, `mail_messages WHERE letter_id = ? AND (raw IS NOT NULL OR raw_sha256 IS NOT NULL OR sender LIKE '%maria%')`, oldB.ID); n != 0 {
		t.Errorf("raw email of the erased case kept")
	}
	for _, sum := range []string{pdfA, rawSum} {
		if _, err := os.Stat(filepath.Join(db.Dir, "attachments", sum[:2], sum)); !os.IsNotExist(err) {
			t.Errorf("file %s still on disk (%v)", sum, err)
		}
	}
	// The KTP image is shared with the kept cases: its file stays for them.
	ktpSum := sha256.Sum256(ktp)
	ktpHex := hex.EncodeToString(ktpSum[:])
	if _, err := os.Stat(filepath.Join(db.Dir, "attachments", ktpHex[:2], ktpHex)); err != nil {
		t.Errorf("shared KTP file of kept cases: %v", err)
	}
	for _, l := range []*letters.Letter{openOld, newC} {
		got, _ := svc.FindLetterByID(context.Background(), l.ID)
		if got.Complainant.Name != l.Complainant.Name || got.Complainant.NIK != l.Complainant.NIK || len(got.Attachments) != 2 || got.Body != l.Body {
			t.Errorf("kept case %d changed: %+v", l.ID, got.Complainant)
		}
	}
	// Not in the database file or its log either, not even in free pages.
	if held := fileHolds(t, db, "Servasius Ngamal", "Goreti Jehaut", "maria.jehaut@contoh.id"); len(held) > 0 {
		t.Errorf("the database files still hold %v", held)
	}

	if after := monthlyReport(t, db, period); after != before {
		t.Errorf("report figures changed:\nbefore %s\nafter  %s", before, after)
	}
	rep, err := store.NewAuditService(db).VerifyAudit(context.Background())
	if err != nil || !rep.OK {
		t.Fatalf("audit: %+v %v", rep, err)
	}

	auditRows := countWhere(t, raw, `audit WHERE 1 = ?`, 1)
	again, err := ret.ErasePersonalData(admin, cutoff)
	if err != nil || again.Cases != 0 || again.Files != 0 {
		t.Errorf("second run: %+v %v", again, err)
	}
	if n := countWhere(t, raw, `audit WHERE 1 = ?`, 1); n != auditRows {
		t.Errorf("second run wrote %d audit rows", n-auditRows)
	}
	if due, _ := ret.RetentionDue(context.Background(), cutoff); due.Due != 0 || due.Erased != 2 {
		t.Errorf("due after erase: %+v", due)
	}

	// A run interrupted after its transactions left files to remove: the
	// next run removes them, unless the same file was given again since.
	stray, again2 := []byte("sisa berkas KTP"), ktpHex
	straySum := sha256.Sum256(stray)
	strayHex := hex.EncodeToString(straySum[:])
	strayPath := filepath.Join(db.Dir, "attachments", strayHex[:2], strayHex)
	os.MkdirAll(filepath.Dir(strayPath), 0o750)
	if err := os.WriteFile(strayPath, stray, 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO retention_files (sha256) VALUES (?), (?)`, strayHex, again2); err != nil {
		t.Fatal(err)
	}
	if res, err := ret.ErasePersonalData(admin, cutoff); err != nil || res.Files != 1 {
		t.Errorf("finishing an interrupted run: %+v %v", res, err)
	}
	if _, err := os.Stat(strayPath); !os.IsNotExist(err) {
		t.Errorf("left-over file not removed: %v", err)
	}
	if _, err := os.Stat(filepath.Join(db.Dir, "attachments", ktpHex[:2], ktpHex)); err != nil {
		t.Errorf("a file in use was removed: %v", err)
	}
	if n := Count(t, raw, "retention_files"); n != 0 {
		t.Errorf("%d files still queued", n)
	}
}

// mailCase ingests an email complaint whose raw message is big enough to be
// kept as a file, with the KTP attached.
func mailCase(t *testing.T, db *store.DB, clock *Clock, at time.Time, name, addr string, ktp []byte) *letters.Letter {
	t.Helper()
	clock.Set(at)
	raw := []byte("From: " + name + " <" + addr + ">\r\nSubject: Pengaduan\r\n\r\n" + strings.Repeat("Salam, "+name+". ", 20000))
	sum := sha256.Sum256(raw)
	m := &letters.MailMessage{MessageID: "retensi-" + hex.EncodeToString(sum[:4]) + "@contoh.id", Subject: "Pengaduan dari " + name,
		FromName: name, FromAddress: addr, Date: at, Text: "Saya " + name + " (" + addr + ") mengadukan layanan.",
		Attachments: []letters.MailPart{{Name: "ktp.png", ContentType: "image/png", Data: ktp}},
		Hash:        hex.EncodeToString(sum[:]), Raw: raw}
	res, err := store.NewMailService(db).IngestMessage(context.Background(), letters.MailSource{Folder: "imap:INBOX", UIDValidity: 1, UID: 1}, m)
	if err != nil || res.LetterID == 0 {
		t.Fatalf("ingest: %+v %v", res, err)
	}
	l, err := store.NewLetterService(db).FindLetterByID(context.Background(), res.LetterID)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func search(t *testing.T, svc *store.LetterService, q string) []*letters.Letter {
	t.Helper()
	got, _, err := svc.FindLetters(context.Background(), letters.LetterFilter{Query: q})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func countWhere(t *testing.T, raw *sql.DB, from string, args ...any) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM `+from, args...).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", from, err)
	}
	return n
}

// monthlyReport writes the period's workbook and returns its figures: the
// summary and every cell of the recap sheets.
func monthlyReport(t *testing.T, db *store.DB, period letters.Period) string {
	t.Helper()
	var buf bytes.Buffer
	sum, err := reports.Write(context.Background(), &buf, store.NewLetterService(db),
		reports.Options{Profile: db.Profile, Calendar: db.Calendar, Period: period, Issued: db.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Received != 3 || sum.Completed != 2 {
		t.Fatalf("report of %s: %d received, %d completed", period, sum.Received, sum.Completed)
	}
	out, _ := json.Marshal(sum)
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range []string{reports.SheetSummary, reports.SheetByChannel, reports.SheetByMonth} {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		cells, _ := json.Marshal(rows)
		out = append(out, cells...)
	}
	return string(out)
}

// fileHolds returns which of values appear in the bytes of the SQLite file
// or its WAL.
func fileHolds(t *testing.T, db *store.DB, values ...string) []string {
	t.Helper()
	var data []byte
	for _, f := range []string{db.Path(), db.Path() + "-wal"} {
		b, err := os.ReadFile(f)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		data = append(data, b...)
	}
	var out []string
	for _, v := range values {
		if bytes.Contains(data, []byte(v)) {
			out = append(out, v)
		}
	}
	return out
}
