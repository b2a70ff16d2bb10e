package web_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"naskah/letters"
	"naskah/store"
)

// Every showing of a complainant's personal data unmasked, on the letter
// page or through the API, leaves an audit row naming who saw what; a page
// that shows nothing personal leaves none.
func TestPersonalDataViewsAreAudited(t *testing.T) {
	e := newEnv(t, nil)
	open := e.createLetter("Data pribadi terbuka")
	secret := &letters.Letter{Category: letters.CategoryPengaduan, Channel: "tatap_muka", Subject: "Data pribadi rahasia",
		Complainant: letters.Party{Name: "Budi Santoso", NIK: "6171010101900001", Confidential: true}}
	if err := e.letters.CreateLetter(e.user(clerk), secret, nil); err != nil {
		t.Fatal(err)
	}
	audit := store.NewAuditService(e.db)
	views := func(id int64) []*letters.AuditEntry {
		t.Helper()
		all, err := audit.FindAuditEntries(context.Background(), "letter", id)
		if err != nil {
			t.Fatal(err)
		}
		var out []*letters.AuditEntry
		for _, a := range all {
			if a.Action == store.ActionPersonalDataViewed {
				out = append(out, a)
			}
		}
		return out
	}
	page := func(id int64) string { return "/surat/" + strconv.FormatInt(id, 10) }

	officerC, clerkC := e.client(), e.client()
	officerC.login(officer)
	clerkC.login(clerk)

	r := officerC.get(page(open.ID))
	if r.StatusCode != http.StatusOK {
		t.Fatalf("letter page: %d", r.StatusCode)
	}
	mustContain(t, "letter page", r.body, "6171010101900001")
	v := views(open.ID)
	if len(v) != 1 || v[0].Actor != officer || !strings.Contains(v[0].Detail, "NIK") || !strings.Contains(v[0].Detail, "halaman surat") {
		t.Fatalf("after one view by %s: audit %+v", officer, v)
	}
	if r := clerkC.get("/api/v1/letters/" + strconv.FormatInt(open.ID, 10)); r.StatusCode != http.StatusOK {
		t.Fatalf("API letter: %d", r.StatusCode)
	}
	if v := views(open.ID); len(v) != 2 || v[1].Actor != clerk || !strings.Contains(v[1].Detail, "API") {
		t.Fatalf("after the API view by %s: audit %+v", clerk, v)
	}

	// The clerk sees "Dirahasiakan", so nothing personal: no row.
	r = clerkC.get(page(secret.ID))
	mustNotContain(t, "confidential letter for the clerk", r.body, "6171010101900001", "Budi Santoso")
	if v := views(secret.ID); len(v) != 0 {
		t.Fatalf("a view without personal data was logged: %+v", v)
	}
	officerC.get(page(secret.ID))
	if v := views(secret.ID); len(v) != 1 || v[0].Actor != officer {
		t.Fatalf("the complaint officer's view of a confidential complainant: audit %+v", v)
	}
	if rep, err := audit.VerifyAudit(context.Background()); err != nil || !rep.OK {
		t.Fatalf("audit chain after the views: %v %v", rep, err)
	}
}
