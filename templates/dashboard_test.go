package templates_test

import (
	"strings"
	"testing"

	"naskah/letters"
	"naskah/templates"
)

func dashboardSamples(staff *letters.User) map[string]any {
	months := templates.BarChart{ID: "grafik-bulanan", Title: "Pengaduan diterima dan selesai per bulan",
		Desc: "Diagram <batang> enam bulan", Labels: []string{"Okt 2026", "Nov 2026"},
		Series: []templates.Series{{Name: "Diterima", Color: "#1f5f8b", Values: []float64{12, 3}},
			{Name: "Selesai", Color: "#2e7d4f", Values: []float64{10, 0}}}}
	return map[string]any{
		templates.PageDashboard: templates.DashboardPage{
			Base:  templates.Base{Title: "Dasbor Pimpinan", Office: "BKAD", User: staff},
			Month: "November 2026", AsOf: "24 November 2026 09.00 WIB",
			Received: 3, InProgress: 3, Overdue: 1, Rate: "—", RateSixMonths: "80%", HasRateSixMonths: true,
			SixMonthsMeter: templates.Meter{ID: "grafik-tepat-waktu-6", Title: "Selesai tepat waktu", Desc: "80%", Value: 0.8, Color: "#2e7d4f"},
			Months: []templates.DashboardMonth{{Label: "Okt 2026", Period: "2026-10", Received: 12, Completed: 10, Rate: "80%"},
				{Label: "Nov 2026", Period: "2026-11", Received: 3, Rate: "—"}},
			MonthsChart:  months,
			Units:        []templates.DashboardUnit{{Label: "Kabid <BMD>", Overdue: 1}},
			UnitsChart:   templates.HBarChart{ID: "grafik-terlambat", Title: "Terlambat per unit", Labels: []string{"Kabid <BMD>"}, Values: []float64{1}, Color: "#b3261e"},
			OverdueTotal: 1, OverdueURL: "/agenda?terlambat=1",
			Reports: []templates.DashboardReport{{Text: "Laporan Bulanan Oktober 2026", Due: "15 November 2026", DaysLeft: -9,
				Left: "terlambat 9 hari", Late: true, URL: "/laporan?periode=2026-10", Prepared: "Kasubag RKME", To: "Gubernur"}},
		},
	}
}

// The dashboard's charts are accessible images whose text is escaped, with
// the same numbers in tables; nothing needs a script or a style attribute.
func TestDashboardRendersChartsAndTables(t *testing.T) {
	tpl := parse(t)
	html := render(t, tpl, templates.PageDashboard, dashboardSamples(&letters.User{Name: "Kepala"})[templates.PageDashboard])
	mustContain(t, "dashboard", html,
		`<svg class="chart" id="grafik-bulanan"`, `role="img" aria-labelledby="grafik-bulanan-judul grafik-bulanan-uraian"`,
		`<desc id="grafik-bulanan-uraian">Diagram &lt;batang&gt; enam bulan</desc>`,
		`<title>Okt 2026, Diterima: 12</title>`, `>Kabid &lt;BMD&gt;<`, `id="tepat-waktu-6">80%<`,
		`<th scope="row">Okt 2026</th><td>12</td><td>10</td><td>80%</td>`,
		`<a href="/laporan?periode=2026-10">Unduh<span class="sr-only"> Laporan Bulanan Oktober 2026</span></a>`,
		"terlambat 9 hari", "kepada Gubernur")
	for _, bad := range []string{"<script", "style=", "Kabid <BMD>"} {
		if strings.Contains(html, bad) {
			t.Errorf("dashboard contains %q", bad)
		}
	}
}

// Bars are as tall as their values on one scale, and an empty horizontal
// chart says there is nothing.
func TestChartScales(t *testing.T) {
	svg := string(templates.BarChart{ID: "x", Labels: []string{"a", "b"},
		Series: []templates.Series{{Name: "n", Color: "#000", Values: []float64{10, 5}}}}.SVG())
	// The axis tops at 12 (four steps of 3) over a 214 px plot: 10 → 178.3 px, 5 → 89.2 px.
	for _, want := range []string{`height="178.3"`, `height="89.2"`, `>12</text>`} {
		if !strings.Contains(svg, want) {
			t.Errorf("bar chart lacks a bar of %s:\n%s", want, svg)
		}
	}
	empty := string(templates.HBarChart{ID: "y", Title: "Terlambat"}.SVG())
	if !strings.Contains(empty, "Tidak ada.") {
		t.Errorf("empty chart: %s", empty)
	}
	if got := templates.FormatPercent(0.875); got != "87,5%" {
		t.Errorf("FormatPercent(0.875) = %q", got)
	}
}

// The navigation counts the tasks once, only when a page asks, and shows a
// positive count; a page without a Nav shows neither count nor dashboard.
func TestNavCountsTheTasksOnce(t *testing.T) {
	tpl := parse(t)
	user := &letters.User{ID: 9, Name: "Kepala"}
	calls := 0
	nav := &templates.Nav{Dashboard: true, Tasks: func() int { calls++; return 7 }}
	page := templates.ErrorPage{Base: templates.Base{Title: "Galat", User: user, Nav: nav}, Status: 404, Message: "Tidak ada."}
	if calls != 0 {
		t.Fatal("the tasks were counted before any page was rendered")
	}
	html := render(t, tpl, templates.PageError, page)
	mustContain(t, "nav", html, `Tugas saya <span class="count">(7)</span>`, `<a href="/dasbor">Dasbor</a>`)
	render(t, tpl, templates.PageError, page)
	if calls != 1 {
		t.Errorf("the tasks were counted %d times for one request", calls)
	}
	page.Base.Nav = nil
	html = render(t, tpl, templates.PageError, page)
	if strings.Contains(html, `class="count"`) || strings.Contains(html, `href="/dasbor"`) {
		t.Error("a page without a nav shows its count or link")
	}
}

// A count at the cap shows as "99+" (html/template writes + as &#43;):
// counting stops there.
func TestNavShowsACappedCount(t *testing.T) {
	tpl := parse(t)
	user := &letters.User{ID: 9, Name: "Petugas"}
	for n, want := range map[int]string{letters.NavTaskCap: "(99&#43;)", letters.TaskCountCap: "(99&#43;)", 99: "(99)", 7: "(7)"} {
		nav := &templates.Nav{Tasks: func() int { return n }}
		html := render(t, tpl, templates.PageError, templates.ErrorPage{Base: templates.Base{Title: "Galat", User: user, Nav: nav}, Status: 404, Message: "Tidak ada."})
		mustContain(t, "nav", html, `Tugas saya <span class="count">`+want+`</span>`)
	}
}
