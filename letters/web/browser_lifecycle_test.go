package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"naskah/letters"
)

// signOut clicks "Keluar" in the navigation.
func signOut(b *browser) {
	b.t.Helper()
	if status, path := b.submit(`form[action="/keluar"] button[type=submit]`); status != http.StatusOK || strings.HasPrefix(path, "/agenda") {
		b.t.Fatalf("sign out: status %d at %s", status, path)
	}
}

// switchUser signs the browser out and in again as username, as a shared
// office PC is used.
func switchUser(b *browser, username string) {
	b.t.Helper()
	signOut(b)
	signInBrowser(b, username)
}

// tick clicks the element sel (a checkbox or radio button).
func tick(b *browser, sel string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		b.t.Fatalf("click %s on %s: %v", sel, b.page, err)
	}
}

// step submits the form button sel and expects to land on want (a path or
// a pattern), status 200; it returns the path.
func step(b *browser, what, sel string, want *regexp.Regexp) string {
	b.t.Helper()
	status, path := b.submit(sel)
	if status != http.StatusOK || !want.MatchString(path) {
		b.t.Fatalf("%s ended on %s with status %d:\n%s", what, path, status, b.text("main"))
	}
	b.checkConsole()
	return path
}

// linksBroken fetches, as the signed-in browser, the links (or frames)
// matching sel and returns those that do not answer 200 with a body (a
// PDF must be one).
func linksBroken(b *browser, sel string) []string {
	b.t.Helper()
	js := `(async () => {
		const out = [];
		const links = [...document.querySelectorAll(` + strconv.Quote(sel) + `)];
		if (links.length === 0) return ['no link matches ` + strings.ReplaceAll(sel, `"`, `\"`) + `'];
		for (const a of links) {
			const r = await fetch(a.href || a.src, {credentials: 'same-origin'});
			const buf = new Uint8Array(await r.arrayBuffer());
			const type = r.headers.get('Content-Type') || '';
			if (r.status !== 200) out.push((a.getAttribute('href') || a.getAttribute('src')) + ': status ' + r.status);
			else if (type.startsWith('application/pdf') && String.fromCharCode(...buf.slice(0, 5)) !== '%PDF-') out.push((a.getAttribute('href') || a.getAttribute('src')) + ': not a PDF');
			else if (buf.length === 0) out.push((a.getAttribute('href') || a.getAttribute('src')) + ': empty');
		}
		return out;
	})()`
	broken, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("check links of %s: %v", b.page, err)
	}
	return broken
}

// openTask goes where a user starts the day: "Tugas saya" in the
// navigation, which counts the open tasks, then the task that links to
// href.
func openTask(b *browser, href string) {
	b.t.Helper()
	if nav := b.text("header nav"); !regexp.MustCompile(`Tugas saya \([1-9]\d*\)`).MatchString(nav) {
		b.t.Fatalf("the navigation does not count a task: %q", nav)
	}
	if status, path := b.submit(`header nav a[href="/tugas"]`); status != http.StatusOK || path != "/tugas" {
		b.t.Fatalf("Tugas saya: status %d at %s", status, path)
	}
	if status, path := b.submit(`main a[href="` + href + `"]`); status != http.StatusOK || path != href {
		b.t.Fatalf("the task %s: status %d at %s", href, status, path)
	}
	b.checkConsole()
}

// openFromAgenda opens the Buku Agenda from the navigation and the case
// that links to href.
func openFromAgenda(b *browser, href string) {
	b.t.Helper()
	if status, path := b.submit(`header nav a[href="/agenda"]`); status != http.StatusOK || path != "/agenda" {
		b.t.Fatalf("Buku Agenda: status %d at %s", status, path)
	}
	if status, path := b.submit(`table.agenda a[href="` + href + `"]`); status != http.StatusOK || path != href {
		b.t.Fatalf("the case %s from the agenda: status %d at %s", href, status, path)
	}
	b.checkConsole()
}

// statusOf reads the letter's status from the store.
func statusOf(t *testing.T, e *fullEnv, id int64) letters.Status {
	t.Helper()
	l, err := e.letters.FindLetterByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return l.Status
}

// The whole life of a complaint, every step clicked in a real browser by
// the user whose turn it is, on one shared office PC (sign out, sign in),
// each finding the case under "Tugas saya" in the navigation (the Kepala
// in the Buku Agenda): the front office registers it with an attachment,
// the Kepala disposes it down through the Sekretaris and the Kasubag to
// the Analis, the Analis drafts the Surat Jawaban and submits it, the
// Kasubag and the Sekretaris paraf, the Kepala signs, the front office
// records the number and delivers it, and the complainant's tracking page
// shows it done. No page may log a console error; on a failure the page's
// screenshot is saved and its path logged (browser_env_test.go).
func TestBrowserComplaintLifecycle(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	b := newBrowser(t, e.url)

	// The front office registers the complaint.
	signInBrowser(b, clerk)
	b.open("/surat/baru", http.StatusOK)
	b.fill(map[string]string{
		"saluran": "tatap_muka", "perihal": "Hibah kelompok tani belum cair",
		"isi": "Dana hibah tahap II belum diterima.", "nama": "Budi Santoso", "nik": "6171010101900001",
		"telepon": "081234567890",
	})
	b.attach("lampiran", writePDF(t, "proposal-hibah.pdf", "Proposal hibah kelompok tani"))
	lp := step(b, "registration", `form.intake button[type=submit]`, letterPath)
	id, _ := strconv.ParseInt(letterPath.FindStringSubmatch(lp)[1], 10, 64)
	l, err := e.letters.FindLetterByID(context.Background(), id)
	if err != nil || len(l.Attachments) != 1 {
		t.Fatalf("registered letter %+v: %v", l, err)
	}
	b.snap("lifecycle-1-registered")

	// The disposition goes down the hierarchy, each holder ticking the next.
	samePage := regexp.MustCompile("^" + regexp.QuoteMeta(lp) + "$")
	for _, d := range []struct{ user, to string }{
		{"kepala", "sekretaris"}, {"sekretaris", "kasubag_rkme"}, {officer, "analis"},
	} {
		switchUser(b, d.user)
		if d.user == "kepala" {
			// A new case waits on the complaint officer, not the Kepala:
			// the Kepala finds it in the Buku Agenda.
			openFromAgenda(b, lp)
		} else {
			openTask(b, lp)
		}
		tick(b, "#ke-"+d.to)
		tick(b, `input[name=instruksi][value="siapkan jawaban"]`)
		step(b, d.user+" disposing to "+d.to, `form[action$="/disposisi"] button[type=submit]`, samePage)
		if !strings.Contains(b.text("section.workflow"), e.profile.PositionTitle(d.to)) {
			t.Fatalf("the letter page does not show the disposition to %s", d.to)
		}
	}
	if st := statusOf(t, e, id); st != letters.StatusDisposed {
		t.Fatalf("after the dispositions: %s", st)
	}
	b.snap("lifecycle-2-disposed")

	// The Analis drafts the answer and submits it for paraf.
	switchUser(b, "analis")
	openTask(b, lp)
	b.fill(map[string]string{"jenis": "surat_jawaban"})
	dp := step(b, "new draft", `form[action$="/konsep"] button[type=submit]`, draftLocation)
	draftPage := regexp.MustCompile("^" + regexp.QuoteMeta(dp) + "$")
	b.fill(map[string]string{"isi": "\nDana hibah tahap II telah dicairkan pada 20 November 2026.", "catatan": "isi jawaban"})
	step(b, "save version 2", `form[action="`+dp+`"] button[type=submit]`, draftPage)
	if !strings.Contains(b.text("main"), "Dana hibah tahap II telah dicairkan") {
		t.Fatalf("the saved draft lacks the typed answer:\n%s", b.text("main"))
	}
	if broken := linksBroken(b, `a[href$="/pratinjau.pdf"], iframe.pdf-preview[src$="/pratinjau.pdf?tampil=1"]`); len(broken) > 0 {
		t.Errorf("the draft's PDF preview: %s", strings.Join(broken, "; "))
	}
	step(b, "submit for paraf", `form[action$="/ajukan"] button[type=submit]`, draftPage)
	b.snap("lifecycle-3-submitted")

	// The paraf chain, then the Kepala's signature.
	for _, u := range []string{officer, "sekretaris"} {
		switchUser(b, u)
		openTask(b, dp)
		b.fill(map[string]string{"paraf-catatan": "Sesuai."})
		step(b, u+" paraf", `form[action$="/paraf"] button[type=submit]`, draftPage)
	}
	switchUser(b, "kepala")
	openTask(b, dp)
	step(b, "signature", `form[action$="/tandatangani"] button[type=submit]`, draftPage)
	if st := statusOf(t, e, id); st != letters.StatusSigned {
		t.Fatalf("after signing: %s", st)
	}
	b.snap("lifecycle-4-signed")

	// The front office records the number and delivers the answer; the
	// signed PDF downloads.
	switchUser(b, clerk)
	openTask(b, dp)
	step(b, "registration of the answer", `form[action$="/registrasi"] button[type=submit]`, draftPage)
	b.fill(map[string]string{"cara": "cetak", "penerima": "Budi Santoso"})
	step(b, "delivery", `form[action$="/serahkan"] button[type=submit]`, draftPage)
	if st := statusOf(t, e, id); st != letters.StatusDelivered {
		t.Fatalf("after delivery: %s", st)
	}
	if broken := linksBroken(b, `a[href^="/dokumen/"], a[href^="/verifikasi/"]`); len(broken) > 0 {
		t.Errorf("the signed document's links on the draft page: %s", strings.Join(broken, "; "))
	}
	b.snap("lifecycle-5-delivered")

	// The complainant, not signed in, tracks the case and sees it done.
	signOut(b)
	b.open("/lacak", http.StatusOK)
	b.fill(map[string]string{"kode": l.TrackingCode})
	step(b, "tracking", `form[action="/lacak"] button[type=submit]`, regexp.MustCompile(`^/lacak\?kode=`))
	done := letters.StatusDelivered.Label()
	if got := b.text("main h2 .badge"); got != done {
		t.Errorf("tracking page shows status %q, want %q", got, done)
	}
	stages := b.text("ol.timeline")
	for _, st := range []letters.Status{letters.StatusRegistered, letters.StatusDisposed, letters.StatusSigned, letters.StatusDelivered} {
		if !strings.Contains(stages, st.Label()) {
			t.Errorf("tracking page lacks the stage %q:\n%s", st.Label(), stages)
		}
	}
	main := b.text("main")
	for _, private := range []string{"Budi Santoso", "Hibah kelompok tani", "Sesuai.", "Dana hibah"} {
		if strings.Contains(main, private) {
			t.Errorf("the public tracking page shows %q", private)
		}
	}
	b.snap("lifecycle-6-tracked")
	b.checkConsole()
}
