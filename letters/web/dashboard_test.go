package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wib is a wall-clock time in Pontianak (UTC+7).
func wib(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, time.FixedZone("WIB", 7*3600))
}

// tableRow returns the cells of the row whose header cell is label in the
// table with this id, tags stripped.
func tableRow(t *testing.T, body, id, label string) []string {
	t.Helper()
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no table %s on the page", id)
	}
	table := body[i:]
	table = table[:strings.Index(table, "</table>")]
	tag := regexp.MustCompile(`<[^>]+>`)
	for _, row := range strings.Split(table, "<tr") {
		cells := regexp.MustCompile(`<t[hd][^>]*>(.*?)</t[hd]>`).FindAllStringSubmatch(row, -1)
		if len(cells) > 0 && strings.TrimSpace(tag.ReplaceAllString(cells[0][1], "")) == label {
			out := make([]string, len(cells))
			for j, c := range cells {
				out[j] = strings.TrimSpace(tag.ReplaceAllString(c[1], ""))
			}
			return out
		}
	}
	t.Fatalf("table %s has no row %q:\n%s", id, label, table)
	return nil
}

// The heads' dashboard counts this month's and the last months' complaints
// as the report does, the late cases per unit and the reports owed, draws
// them as accessible SVG with the numbers in tables; it is for heads and
// report preparers only, who also get its link in the navigation. The
// navigation counts the user's open tasks as "Tugas saya" lists them.
func TestDashboardAndNavCounts(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	kepala := e.as("kepala")

	// October: two complaints, one filed at once (completed in time).
	e.clock.Set(wib(2026, 10, 2, 9))
	oct := e.createLetter("Hibah Oktober")
	e.createLetter("Tunjangan Oktober")
	wantStatus(t, "file October's letter", kepala.postForm(fmt.Sprintf("/surat/%d/tanpa-disposisi", oct.ID),
		url.Values{"arsip": {"1"}, "catatan": {"Untuk arsip."}}), http.StatusSeeOther)
	// November: three complaints, one disposed to the Kabid BMD.
	e.clock.Set(wib(2026, 11, 3, 9))
	nov := e.createLetter("Aset rusak")
	e.createLetter("Gaji terlambat")
	e.createLetter("Hibah November")
	wantStatus(t, "dispose", kepala.postForm(fmt.Sprintf("/surat/%d/disposisi", nov.ID),
		url.Values{"kepada": {"kabid_bmd"}, "instruksi": {"siapkan jawaban"}}), http.StatusSeeOther)
	e.clock.Set(start) // 24 November: every open case is past its five working days

	page := kepala.get("/dasbor")
	wantStatus(t, "head's dashboard", page, http.StatusOK)
	for id, want := range map[string]string{"jumlah-diterima": "3", "jumlah-selesai": "0", "jumlah-proses": "3", "jumlah-terlambat": "3"} {
		m := regexp.MustCompile(`id="` + id + `">([^<]*)<`).FindStringSubmatch(page.body)
		if m == nil || m[1] != want {
			t.Errorf("November %s: %v, want %s", id, m, want)
		}
	}
	if got := tableRow(t, page.body, "tabel-bulanan", "Okt 2026"); got[1] != "2" || got[2] != "1" || got[3] != "100%" {
		t.Errorf("October row %q: want 2 received, 1 completed, 100%% in time", got)
	}
	if got := tableRow(t, page.body, "tabel-bulanan", "Nov 2026"); got[1] != "3" || got[2] != "0" || got[3] != "—" {
		t.Errorf("November row %q", got)
	}
	if got := tableRow(t, page.body, "tabel-bulanan", "Jun 2026"); got[1] != "0" {
		t.Errorf("June row %q: six months listed, oldest first", got)
	}
	mustContain(t, "dashboard", page.body, `id="tepat-waktu-6">100%<`, `>4 berkas terbuka melewati batas waktu.`)
	if got := tableRow(t, page.body, "tabel-unit", "Kabid BMD"); got[1] != "1" {
		t.Errorf("Kabid BMD row %q: one late case disposed there", got)
	}
	if got := tableRow(t, page.body, "tabel-laporan", "Laporan Bulanan Oktober 2026kepada Gubernur Kalimantan Barat"); got[2] != "15 November 2026" || got[3] != "terlambat 9 hari" {
		t.Errorf("October's report row %q: due 15 November, 9 days late on the 24th", got)
	}
	// The charts: inline SVG images with a title and a description, no script.
	for _, id := range []string{"grafik-bulanan", "grafik-terlambat", "grafik-tepat-waktu-6"} {
		mustContain(t, "chart "+id, page.body, `<svg class="chart" id="`+id+`"`,
			`aria-labelledby="`+id+`-judul `+id+`-uraian"`, `<title id="`+id+`-judul">`, `<desc id="`+id+`-uraian">`)
	}
	if n := strings.Count(page.body, `fill="#1f5f8b"><title>`); n != 6 {
		t.Errorf("%d bars of received complaints, want one per month (6)", n)
	}
	mustNotContain(t, "dashboard", page.body, "<script", "style=")
	mustContain(t, "head's nav", page.body, `<a href="/dasbor">Dasbor</a>`)

	// Report preparers may open it; other positions get 403 and no link.
	wantStatus(t, "kasubag (prepares the report)", e.as(officer).get("/dasbor"), http.StatusOK)
	for _, u := range []string{"analis", clerk, fieldHead} {
		c := e.as(u)
		wantStatus(t, u+" opening the dashboard", c.get("/dasbor"), http.StatusForbidden)
		mustNotContain(t, u+"'s nav", c.get("/agenda").body, `href="/dasbor"`)
	}
	wantStatus(t, "anonymous", e.client().get("/dasbor"), http.StatusSeeOther)

	// "Tugas saya (n)": the head's and the Kabid's queues, as /tugas lists them.
	for _, u := range []string{"kepala", fieldHead} {
		tasks, err := e.workflow.MyTasks(e.user(u))
		if err != nil {
			t.Fatal(err)
		}
		if len(tasks) == 0 {
			t.Fatalf("%s has no task: the count is not tested", u)
		}
		want := `Tugas saya <span class="count">(` + strconv.Itoa(len(tasks)) + `)</span>`
		mustContain(t, u+"'s nav", e.as(u).get("/agenda").body, want)
	}
	// A user with nothing to do sees no count.
	mustContain(t, "analis's nav", e.as("analis").get("/agenda").body, `<a href="/tugas">Tugas saya</a>`)
}
