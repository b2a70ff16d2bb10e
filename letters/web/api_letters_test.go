package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

// GET /api/v1/letters gives next on a full page; after=next continues
// after the page's last letter, so a script reads every letter of a filter
// once, in the agenda's order, across letters received at the same moment
// and while new letters arrive. A damaged token and after with a search
// are a 422 naming the parameter.
func TestAPILettersAfterNext(t *testing.T) {
	e := newEnv(t, nil)
	tiedLetters(t, e, 300, 30, []time.Time{start.Add(-time.Hour)}, nil) // one moment: pages of 7 end inside it
	c := e.as(clerk)
	type page struct {
		Letters []letters.Letter `json:"letters"`
		Total   int              `json:"total"`
		Next    string           `json:"next"`
	}
	get := func(query string) page {
		t.Helper()
		r := c.get("/api/v1/letters?" + query)
		wantStatus(t, "api ?"+query, r, http.StatusOK)
		var p page
		if err := json.Unmarshal([]byte(r.body), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, filter := range []string{"", "status=registered", "channel=tatap_muka&from=2026-01-01"} {
		t.Run("filter "+filter, func(t *testing.T) {
			var want []int64
			for offset := 0; ; offset += 500 {
				p := get(fmt.Sprintf("%s&limit=500&offset=%d", filter, offset))
				for _, l := range p.Letters {
					want = append(want, l.ID)
				}
				if len(p.Letters) < 500 {
					break
				}
			}
			if len(want) < 20 {
				t.Fatalf("filter %q lists %d letters: too few to page", filter, len(want))
			}
			var got []int64
			query := filter + "&limit=7"
			for pages := 0; ; pages++ {
				if pages > len(want) {
					t.Fatalf("still paging after %d pages", pages)
				}
				if pages == 2 { // a letter arriving meanwhile is newer: not in the pages after
					e.createLetter("Surat yang tiba di tengah")
				}
				p := get(query)
				if p.Total < len(want) {
					t.Fatalf("page %d: total %d, want at least %d", pages, p.Total, len(want))
				}
				for _, l := range p.Letters {
					got = append(got, l.ID)
				}
				if p.Next == "" {
					if len(p.Letters) == 7 {
						t.Fatalf("page %d is full but has no next", pages)
					}
					break
				}
				query = filter + "&limit=7&after=" + url.QueryEscape(p.Next)
			}
			if !slices.Equal(got, want) {
				t.Errorf("paged by after: %d letters %v\nwant %d %v", len(got), got, len(want), want)
			}
		})
	}
	if p := get("q=serentak&limit=10"); p.Next != "" || len(p.Letters) != 10 {
		t.Errorf("a search gave next %q (%d letters): it pages by offset", p.Next, len(p.Letters))
	}

	last := get("limit=1").Next
	for _, tc := range []struct{ query, want string }{
		{"after=bukan-penanda", "after"},
		{"after=" + url.QueryEscape(strings.ToUpper(last)), "after"},
		{"q=serentak&after=" + url.QueryEscape(last), "pencarian"},
	} {
		r := c.get("/api/v1/letters?" + tc.query)
		var apiErr struct {
			Error struct{ Code, Message string }
		}
		json.Unmarshal([]byte(r.body), &apiErr)
		if r.StatusCode != http.StatusUnprocessableEntity || apiErr.Error.Code != letters.EINVALID || !strings.Contains(apiErr.Error.Message, tc.want) {
			t.Errorf("api ?%s: %d %s", tc.query, r.StatusCode, r.body)
		}
	}
}
