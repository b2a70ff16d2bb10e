package web_test

import (
	"context"
	"net/http"
	"regexp"
	"testing"

	"naskah/letters"
	"naskah/store"
)

// A search for a word in more than letters.SearchLimit letters says "lebih
// dari 1.000 surat" instead of counting every match (issue 8), lists the
// newest matches first, and pages through them; a rarer word is counted
// exactly.
func TestAgendaSearchCapsTheCount(t *testing.T) {
	e := newEnv(t, nil)
	if _, err := e.db.BulkLoadLetters(context.Background(), store.BulkOptions{Letters: letters.SearchLimit + 100}); err != nil {
		t.Fatal(err)
	}
	e.createLetter("Jembatan gantung putus") // the newest letter
	c := e.client()
	c.login(clerk)

	r := c.get("/agenda?q=hormat") // "Dengan hormat" opens every generated letter
	wantStatus(t, "search", r, http.StatusOK)
	mustContain(t, "capped search", r.body, "lebih dari 1.000 surat", "halaman 1 dari 21")
	if n := countLetterLinks(r.body); n != 50 {
		t.Errorf("first page of the search lists %d letters, want 50", n)
	}
	r = c.get("/agenda?q=hormat&hal=21")
	wantStatus(t, "last page", r, http.StatusOK)
	if n := countLetterLinks(r.body); n == 0 {
		t.Errorf("page 21 of a capped search is empty")
	}

	r = c.get("/agenda?q=jembatan+gantung")
	mustContain(t, "rare word", r.body, "Jembatan gantung putus")
	mustNotContain(t, "rare word", r.body, "lebih dari")
	if !regexp.MustCompile(`>\s*[1-9]\d* surat`).MatchString(r.body) {
		t.Errorf("a search with few matches does not show its exact count")
	}
	r = c.get("/agenda")
	mustNotContain(t, "agenda without a search", r.body, "lebih dari")
	mustContain(t, "agenda without a search", r.body, "1101 surat")
}

// countLetterLinks counts the distinct letters a page links to.
func countLetterLinks(body string) int {
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(`href="/surat/(\d+)"`).FindAllStringSubmatch(body, -1) {
		seen[m[1]] = true
	}
	return len(seen)
}
