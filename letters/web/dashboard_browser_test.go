package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The Kepala opens the dashboard from the navigation, on a desktop and on
// a phone: the charts are drawn (each SVG has a size and its bars), nothing
// sticks out sideways, and no page logs a console error. The agenda's
// "Unduh Excel" link and every other link there download.
func TestBrowserDashboard(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	e.clock.Set(wib(2026, 11, 3, 9))
	for _, s := range []string{"Hibah belum cair", "Tunjangan terlambat", "Aset rusak"} {
		e.createLetter(s)
	}
	e.clock.Set(start)
	b := newBrowser(t, e.url)
	signInBrowser(b, "kepala")
	if !strings.Contains(b.text("header nav"), "Tugas saya (3)") {
		t.Errorf("nav %q lacks the head's three tasks", b.text("header nav"))
	}
	if status, path := b.submit(`header nav a[href="/dasbor"]`); status != http.StatusOK || path != "/dasbor" {
		t.Fatalf("the nav's Dasbor link went to %s (%d)", path, status)
	}
	for _, vp := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		b.viewport(vp.width, vp.height)
		b.open("/dasbor", http.StatusOK)
		if n := b.overflow(); n > 0 {
			t.Errorf("/dasbor on a %s is %d px too wide", vp.name, n)
		}
		drawn, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('svg.chart')].map(s => {
			const r = s.getBoundingClientRect();
			return s.id + ':' + (r.width > 100 && r.height > 20 ? 'ok' : 'empty') + ':' + s.querySelectorAll('rect').length;
		})`))
		if err != nil {
			t.Fatal(err)
		}
		if len(drawn) < 2 {
			t.Fatalf("%d charts drawn on a %s: %q", len(drawn), vp.name, drawn)
		}
		for _, d := range drawn {
			if strings.Contains(d, ":empty:") || strings.HasSuffix(d, ":0") {
				t.Errorf("chart on a %s not drawn: %s", vp.name, d)
			}
		}
		b.snap("dasbor-" + vp.name)
	}
	b.viewport(1280, 900)
	b.open("/agenda?kategori=pengaduan", http.StatusOK)
	b.snap("agenda-unduh-excel")
	if got := b.text("a.export"); got != "Unduh Excel" {
		t.Errorf("agenda export link %q", got)
	}
	if broken := b.brokenLinks(); len(broken) > 0 {
		t.Errorf("broken links on the agenda: %s", strings.Join(broken, "; "))
	}
	b.checkConsole()
}
