package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"testing"

	"naskah/store"
)

// When the view of personal data cannot be recorded in the audit log, the
// page and the API answer with an error and show none of it; once the log
// works again the page is shown and the view recorded.
func TestPersonalDataViewNotLoggedIsNotShown(t *testing.T) {
	e := newEnv(t, nil)
	open := e.createLetter("Data pribadi terbuka")
	c := e.client()
	c.login(officer)

	// Break the audit log for personal-data views only, in the real file.
	conn, err := sql.Open("sqlite3", "file:"+e.db.Path()+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(`CREATE TRIGGER uji_audit_gagal BEFORE INSERT ON audit
		WHEN new.action = '` + store.ActionPersonalDataViewed + `'
		BEGIN SELECT RAISE(ABORT, 'log audit rusak'); END`); err != nil {
		t.Fatal(err)
	}
	page := "/surat/" + strconv.FormatInt(open.ID, 10)
	r := c.get(page)
	if r.StatusCode != http.StatusInternalServerError {
		t.Fatalf("letter page with a broken audit log: status %d, want 500", r.StatusCode)
	}
	mustContain(t, "withheld page", r.body, "gagal dicatat dalam log audit")
	mustNotContain(t, "withheld page", r.body, open.Complainant.NIK, open.Complainant.Phone, open.Subject)
	r = c.get("/api/v1/letters/" + strconv.FormatInt(open.ID, 10))
	if r.StatusCode != http.StatusInternalServerError || r.Header.Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("API with a broken audit log: status %d, %s", r.StatusCode, r.Header.Get("Content-Type"))
	}
	mustNotContain(t, "withheld API answer", r.body, open.Complainant.NIK, open.Complainant.Phone)

	if _, err := conn.Exec(`DROP TRIGGER uji_audit_gagal`); err != nil {
		t.Fatal(err)
	}
	r = c.get(page)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("letter page once the log works: %d", r.StatusCode)
	}
	mustContain(t, "letter page", r.body, open.Complainant.NIK)
	rows, err := store.NewAuditService(e.db).FindAuditEntries(context.Background(), "letter", open.ID)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, row := range rows {
		if row.Action == store.ActionPersonalDataViewed {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d personal-data views logged, want 1 (the page that was shown)", n)
	}
}
