package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// agendaFixture is an office in November 2026 (the clock on 24 November):
// letters either side of the October month end and letters disposed to
// the secretariat's branch and to a field.
type agendaFixture struct {
	e                         *env
	okt31, nov01, nov20, baru *letters.Letter
}

func newAgendaFixture(t *testing.T) *agendaFixture {
	t.Helper()
	e, wf := newWorkflowEnv(t)
	wib, err := time.LoadLocation("Asia/Pontianak")
	if err != nil {
		t.Fatal(err)
	}
	create := func(subject string, received time.Time) *letters.Letter {
		l := &letters.Letter{Category: letters.CategoryPengaduan, Channel: "tatap_muka", Subject: subject,
			Body: "Mohon ditindaklanjuti.", ReceivedAt: received,
			Complainant: letters.Party{Name: "Budi Santoso", NIK: "6171010101900001"}}
		if err := e.letters.CreateLetter(e.user(clerk), l, nil); err != nil {
			t.Fatal(err)
		}
		return l
	}
	dispose := func(by string, l *letters.Letter, to string) {
		if _, err := wf.Dispose(e.user(by), letters.DisposeInput{LetterID: l.ID, To: []string{to},
			Instructions: []string{"untuk ditindaklanjuti"}}); err != nil {
			t.Fatalf("dispose %q to %s: %v", l.Subject, to, err)
		}
	}
	x := &agendaFixture{e: e}
	// 23:30 on 31 October and 00:10 on 1 November WIB are both 31 October in UTC.
	x.okt31 = create("Tunggakan retribusi Oktober", time.Date(2026, 10, 31, 23, 30, 0, 0, wib))
	x.nov01 = create("Tunggakan retribusi November", time.Date(2026, 11, 1, 0, 10, 0, 0, wib))
	x.nov20 = create("Sewa aset gudang", time.Date(2026, 11, 20, 10, 0, 0, 0, wib))
	x.baru = create("Retur SP2D belum didisposisi", time.Time{}) // now, held by the front office
	dispose("kepala", x.okt31, "kabid_perbendaharaan")
	dispose("kepala", x.nov01, "sekretaris")
	dispose("sekretaris", x.nov01, "kasubag_rkme")
	dispose("kepala", x.nov20, "kabid_bmd")
	return x
}

// agendaLetters is the subjects the agenda page lists, in order (the
// link after the channel's cell).
func agendaLetters(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<td>[^<]*</td>\s*<td><a href="/surat/\d+">([^<]*)</a></td>`).FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// The agenda filters by the days received (inclusive, office time, across
// a month end) and by unit (a position and those below it), keeps the
// chosen filters in the form, and says in Indonesian what is wrong with a
// bad date, a period ending before it starts or an unknown unit.
func TestAgendaFiltersByPeriodAndUnit(t *testing.T) {
	x := newAgendaFixture(t)
	c := x.e.as(clerk)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"dari=2026-10-31&sampai=2026-10-31", []string{x.okt31.Subject}},
		{"dari=2026-11-01&sampai=2026-11-30", []string{x.baru.Subject, x.nov20.Subject, x.nov01.Subject}},
		{"sampai=2026-11-01", []string{x.nov01.Subject, x.okt31.Subject}},
		{"unit=sekretaris", []string{x.baru.Subject, x.nov01.Subject}},
		{"unit=kasubag_rkme&dari=2026-11-02", []string{x.baru.Subject}},
		{"unit=kabid_bmd", []string{x.nov20.Subject}},
		{"unit=sekretaris&q=tunggakan&dari=2026-11-01", []string{x.nov01.Subject}},
		{"unit=analis", nil},
	} {
		r := c.get("/agenda?" + tc.query)
		wantStatus(t, tc.query, r, http.StatusOK)
		if got := agendaLetters(r.body); !slices.Equal(got, tc.want) {
			t.Errorf("/agenda?%s lists %q, want %q", tc.query, got, tc.want)
		}
	}

	r := c.get("/agenda?dari=2026-11-01&sampai=2026-11-30&unit=kasubag_rkme")
	mustContain(t, "the form keeps the filters", r.body,
		`name="dari" type="date" value="2026-11-01"`, `name="sampai" type="date" value="2026-11-30"`,
		`<option value="kasubag_rkme" selected>`,
		`href="/agenda.xlsx?dari=2026-11-01&amp;sampai=2026-11-30&amp;unit=kasubag_rkme"`)
	// The quick periods keep the other filters; the chosen one is marked.
	mustContain(t, "quick periods", r.body,
		`<a href="/agenda?dari=2026-11-01&amp;sampai=2026-11-30&amp;unit=kasubag_rkme" aria-current="true">Bulan ini</a>`,
		`<a href="/agenda?dari=2026-10-01&amp;sampai=2026-10-31&amp;unit=kasubag_rkme">Bulan lalu</a>`,
		`<a href="/agenda?dari=2026-01-01&amp;sampai=2026-12-31&amp;unit=kasubag_rkme">Tahun ini</a>`)

	for _, tc := range []struct{ query, want string }{
		{"dari=2026-13-01", `Tanggal "dari" "2026-13-01" tidak valid; tulis sebagai TTTT-BB-HH`},
		{"sampai=30-11-2026", `Tanggal "sampai" "30-11-2026" tidak valid`},
		{"dari=2026-11-20&sampai=2026-11-01", `Tanggal "sampai" (1 November 2026) lebih awal dari tanggal "dari" (20 November 2026)`},
		{"unit=bidang_fiktif", `Unit "bidang_fiktif" tidak dikenal`},
	} {
		r := c.get("/agenda?" + tc.query + "&q=tunggakan")
		wantStatus(t, tc.query, r, http.StatusUnprocessableEntity)
		if msg := html.UnescapeString(r.body); !strings.Contains(msg, tc.want) {
			t.Errorf("/agenda?%s: no message %q:\n%.2000s", tc.query, tc.want, r.body)
		}
		mustContain(t, tc.query, r.body, `name="q" type="search" value="tunggakan"`)
		if got := agendaLetters(r.body); len(got) != 0 {
			t.Errorf("/agenda?%s lists %q under a filter it could not read", tc.query, got)
		}
		mustNotContain(t, tc.query, r.body, "Unduh Excel")
		wantStatus(t, "export "+tc.query, c.get("/agenda.xlsx?"+tc.query), http.StatusUnprocessableEntity)
	}
}

// Past a page, the pager keeps the period and the unit; the Excel export
// has every letter of them and names the filters.
func TestAgendaPeriodAndUnitPagesAndExport(t *testing.T) {
	x := newAgendaFixture(t)
	for i := range agendaPage {
		l := &letters.Letter{Category: letters.CategoryPengaduan, Channel: "tatap_muka",
			Subject: fmt.Sprintf("Berkas antrean %02d", i), Complainant: letters.Party{Name: "Budi Santoso", NIK: "6171010101900001"}}
		if err := x.e.letters.CreateLetter(x.e.user(clerk), l, nil); err != nil {
			t.Fatal(err)
		}
	}
	c := x.e.as(clerk)
	const filters = "dari=2026-11-01&sampai=2026-11-30&unit=sekretaris"
	r := c.get("/agenda?" + filters)
	wantStatus(t, "page 1", r, http.StatusOK)
	mustContain(t, "page 1", r.body, "52 surat", "halaman 1 dari 2",
		`href="/agenda?dari=2026-11-01&amp;hal=2&amp;sampai=2026-11-30&amp;unit=sekretaris">Berikutnya`)
	r = c.get("/agenda?dari=2026-11-01&hal=2&sampai=2026-11-30&unit=sekretaris")
	if got := agendaLetters(r.body); !slices.Equal(got, []string{x.baru.Subject, x.nov01.Subject}) {
		t.Errorf("page 2 lists %q", got)
	}

	r = c.get("/agenda.xlsx?" + filters)
	wantStatus(t, "export", r, http.StatusOK)
	_, rows := openWorkbook(t, r.body)
	if len(rows) != 4+52 {
		t.Fatalf("export: %d rows, want title, filter line, blank, header and 52 letters", len(rows))
	}
	if !strings.Contains(rows[1][0], "Periode: 1 November 2026 s.d. 30 November 2026") ||
		!strings.Contains(rows[1][0], "Unit: Sekretaris") {
		t.Errorf("export filter line %q", rows[1][0])
	}
	var subjects []string
	for _, row := range rows[4:] {
		subjects = append(subjects, strings.Join(row, "|"))
	}
	all := strings.Join(subjects, "\n")
	if !strings.Contains(all, x.nov01.Subject) || strings.Contains(all, x.nov20.Subject) || strings.Contains(all, x.okt31.Subject) {
		t.Errorf("export rows:\n%s", all)
	}
}

const agendaPage = 50

// GET /api/v1/letters takes from, to and unit; a bad one is a 422 naming
// the parameter.
func TestAPILettersPeriodAndUnit(t *testing.T) {
	x := newAgendaFixture(t)
	c := x.e.as(clerk)
	var got struct {
		Letters     []letters.Letter `json:"letters"`
		Total       int              `json:"total"`
		TotalCapped *bool            `json:"total_capped"`
	}
	r := c.get("/api/v1/letters?from=2026-11-01&to=2026-11-30&unit=sekretaris")
	wantStatus(t, "api", r, http.StatusOK)
	if err := json.Unmarshal([]byte(r.body), &got); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, l := range got.Letters {
		ids = append(ids, l.ID)
	}
	if !slices.Equal(ids, []int64{x.baru.ID, x.nov01.ID}) || got.Total != 2 || got.TotalCapped == nil || *got.TotalCapped {
		t.Errorf("api letters %v, total %d, capped %v", ids, got.Total, got.TotalCapped)
	}
	r = c.get("/api/v1/letters?to=2026-10-31")
	json.Unmarshal([]byte(r.body), &got)
	if len(got.Letters) != 1 || got.Letters[0].ID != x.okt31.ID {
		t.Errorf("api to=2026-10-31: %d letters", len(got.Letters))
	}
	for _, tc := range []struct{ query, want string }{
		{"from=kemarin", "(from)"},
		{"to=2026-02-30", "(to)"},
		{"from=2026-11-02&to=2026-11-01", "lebih awal"},
		{"unit=bidang_fiktif", "(unit)"},
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

// A search past letters.SearchLimit says so in the API with total_capped.
func TestAPILettersSearchCapped(t *testing.T) {
	e := newEnv(t, nil)
	if _, err := e.db.BulkLoadLetters(context.Background(), store.BulkOptions{Letters: letters.SearchLimit + 20}); err != nil {
		t.Fatal(err)
	}
	e.createLetter("Talud longsor di Kampung Sungaiwaru")
	c := e.as(clerk)
	for _, tc := range []struct {
		q      string
		total  int
		capped bool
	}{
		{"hormat", letters.SearchLimit + 1, true},
		{"sungaiwaru", 1, false},
	} {
		var got struct {
			Total       int  `json:"total"`
			TotalCapped bool `json:"total_capped"`
		}
		r := c.get("/api/v1/letters?q=" + tc.q)
		wantStatus(t, tc.q, r, http.StatusOK)
		if err := json.Unmarshal([]byte(r.body), &got); err != nil {
			t.Fatal(err)
		}
		if got.Total != tc.total || got.TotalCapped != tc.capped {
			t.Errorf("q=%s: total %d capped %v, want %d %v", tc.q, got.Total, got.TotalCapped, tc.total, tc.capped)
		}
	}
}
