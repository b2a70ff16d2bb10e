package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"naskah/letters"
)

// xssPayload sets window.__xss if any of its forms runs.
const xssPayload = `"><script>window.__xss=1</script><img src=x onerror="window.__xss=2"><svg onload="window.__xss=3">'`

// Payloads in the sender's name, subject, body and an attachment's file
// name are shown as text on every page that shows them, for the complaint
// officer who sees everything: no script runs (window.__xss stays unset), no
// element is injected, and the browser reports no blocked inline script
// (which would mean escaping failed and only the CSP saved the page).
func TestBrowserXSSPayloadsStayText(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	l := &letters.Letter{Category: letters.CategoryPengaduan, Channel: "tatap_muka",
		Subject: "Perihal " + xssPayload, Body: "Isi " + xssPayload + "\nbaris kedua", Origin: "Asal " + xssPayload,
		Complainant: letters.Party{Name: "Nama " + xssPayload, NIK: "6171010101900001", Address: "Jl. " + xssPayload}}
	up := []letters.Upload{{Name: `<img src=x onerror="window.__xss=4">.pdf`, Data: realPDF(t, "lampiran")}}
	if err := e.letters.CreateLetter(e.user(clerk), l, up); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e.url)
	signInBrowser(b, officer)
	pages := []string{
		"/agenda",
		"/agenda?q=" + url.QueryEscape("Perihal"),
		"/surat/" + strconv.FormatInt(l.ID, 10),
		"/tugas",
		"/lacak?kode=" + url.QueryEscape(l.TrackingCode),
	}
	for _, p := range pages {
		b.open(p, http.StatusOK)
		state, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](
			`String(window.__xss) + "|" + document.querySelectorAll("main script, main img[src='x'], main svg[onload]").length`))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if state != "undefined|0" {
			t.Errorf("%s: payload ran or was injected (window.__xss|injected elements = %s)", p, state)
		}
		b.checkConsole()
	}
	// A code typed as a payload is answered 404 with the code escaped.
	r := e.client().get("/lacak?kode=" + url.QueryEscape(xssPayload))
	mustNotContain(t, "tracking page for a payload", r.body, "<script>window.__xss", `<img src=x`, "<svg onload")

	// On the letter page the payloads are there, as text.
	b.open("/surat/"+strconv.FormatInt(l.ID, 10), http.StatusOK)
	text := b.text("main")
	for _, want := range []string{"Perihal " + xssPayload[:10], "Nama " + xssPayload[:10], "<script>window.__xss=1</script>"} {
		if !strings.Contains(text, want) {
			t.Errorf("letter page text lacks %q", want)
		}
	}
}
