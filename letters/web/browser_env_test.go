package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser is a real headless Chromium driving a running Naskah. Console
// errors and uncaught exceptions of every page are collected and fail the
// test; on failure a screenshot of the page is saved and its path logged.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	dir  string // screenshots on failure

	mu       sync.Mutex
	problems []string // console errors and exceptions, with the page
	page     string   // the path of the page being looked at
}

// chromiumPath finds Debian's chromium. Without it the browser tests are
// skipped, except in CI (CI=true), where they fail.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; the browser tests need it (scripts/test-deps.sh installs it)")
	}
	t.Skip("chromium is not installed: browser tests skipped (apt-get install chromium)")
	return ""
}

// newBrowser starts Chromium headless with a fresh profile directory and
// without the background connections this network refuses.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	exe := chromiumPath(t)
	profileDir := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.UserDataDir(profileDir),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	b := &browser{t: t, ctx: ctx, base: base, dir: filepath.Join(os.TempDir(), "naskah-browser-"+sanitize(t.Name()))}
	os.RemoveAll(b.dir) // no stale screenshots of an earlier run
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.mu.Lock()
				b.problems = append(b.problems, fmt.Sprintf("%s on %s (%s:%d)", m, b.page, m.URL, m.Line))
				b.mu.Unlock()
			}
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			b.screenshot("failure")
		}
		b.checkConsole()
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return b
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

func sanitize(s string) string { return unsafeName.ReplaceAllString(s, "_") }

// screenshot saves a full-page PNG of the current page under b.dir and
// returns its path.
func (b *browser) screenshot(name string) string {
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	if err := os.MkdirAll(b.dir, 0o755); err != nil {
		b.t.Logf("screenshot dir: %v", err)
		return ""
	}
	path := filepath.Join(b.dir, sanitize(name)+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	b.t.Logf("screenshot of %s saved: %s", b.page, path)
	return path
}

// snap saves a screenshot when NASKAH_SHOTS names a directory, for a person
// to look at the pages; it does nothing otherwise.
func (b *browser) snap(name string) {
	dir := os.Getenv("NASKAH_SHOTS")
	if dir == "" {
		return
	}
	saved := b.dir
	b.dir = dir
	b.screenshot(name)
	b.dir = saved
}

// checkConsole fails the test for every console error or uncaught
// exception seen so far.
func (b *browser) checkConsole() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Errorf("browser console: %s", p)
	}
	b.problems = nil
}

// open loads path and waits for the page; it fails the test on a status
// other than want.
func (b *browser) open(path string, want int64) {
	b.t.Helper()
	b.setPage(path)
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	if resp.Status != want {
		b.t.Fatalf("open %s: status %d, want %d", path, resp.Status, want)
	}
}

// submit clicks the button sel and waits for the page it leads to; it
// returns the status and the path of that page.
func (b *browser) submit(sel string) (int64, string) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("click %s on %s: %v", sel, b.page, err)
	}
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	path := strings.TrimPrefix(loc, b.base)
	b.setPage(path)
	return resp.Status, path
}

func (b *browser) setPage(path string) {
	b.mu.Lock()
	b.page = path
	b.mu.Unlock()
}

// fill types values into the inputs with these ids (select boxes and date
// inputs get their value set).
func (b *browser) fill(values map[string]string) {
	b.t.Helper()
	for id, v := range values {
		kind, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(e => e.tagName + ":" + (e.type || ""))(document.getElementById(%q))`, id)))
		if err != nil {
			b.t.Fatalf("field %s on %s: %v", id, b.page, err)
		}
		var action chromedp.Action[chromedp.Void]
		if kind == "SELECT:select-one" || kind == "INPUT:date" { // typing a date depends on the browser's locale
			action = chromedp.SetValue(chromedp.ID(id), v)
		} else {
			action = chromedp.SendKeys(chromedp.ID(id), v)
		}
		if err := chromedp.Do(b.ctx, action); err != nil {
			b.t.Fatalf("fill %s on %s: %v", id, b.page, err)
		}
	}
}

// check ticks the checkbox with this id.
func (b *browser) check(id string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.ID(id))); err != nil {
		b.t.Fatalf("check %s on %s: %v", id, b.page, err)
	}
}

// attach sets the file input id to the files.
func (b *browser) attach(id string, files ...string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.SetUploadFiles(chromedp.ID(id), files)); err != nil {
		b.t.Fatalf("attach to %s: %v", id, err)
	}
}

// text returns the visible text of the first element matching sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s on %s: %v", sel, b.page, err)
	}
	return s
}

// viewport sets the window's width (CSS pixels); phone widths get mobile
// emulation.
func (b *browser) viewport(width, height int64) {
	b.t.Helper()
	var opts []chromedp.EmulateViewportOption
	if width < 600 {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
	}
	if err := chromedp.Do(b.ctx, chromedp.EmulateViewport(width, height, opts...)); err != nil {
		b.t.Fatalf("viewport: %v", err)
	}
}

// overflow reports how many CSS pixels the page is wider than the window:
// 0 when nothing sticks out sideways.
func (b *browser) overflow() int64 {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int64](`Math.max(0, document.documentElement.scrollWidth - window.innerWidth)`))
	if err != nil {
		b.t.Fatal(err)
	}
	return n
}

// brokenLinks fetches every same-site link of the page (as the signed-in
// browser, with its cookies) and returns those that do not answer 200 or
// whose PDF is not a PDF.
func (b *browser) brokenLinks() []string {
	b.t.Helper()
	const js = `(async () => {
		const out = [];
		const seen = new Set();
		for (const a of document.querySelectorAll('a[href]')) {
			const u = new URL(a.getAttribute('href'), location.href);
			if (u.origin !== location.origin || seen.has(u.href) || u.pathname === '/keluar') continue;
			seen.add(u.href);
			const r = await fetch(u.href, {credentials: 'same-origin'});
			if (r.redirected && new URL(r.url).pathname === '/masuk') { out.push(u.pathname + ': sent to the sign-in page'); continue; }
			const buf = new Uint8Array(await r.arrayBuffer());
			const head = String.fromCharCode(...buf.slice(0, 5));
			const type = r.headers.get('Content-Type') || '';
			if (r.status !== 200) out.push(u.pathname + u.search + ': status ' + r.status);
			else if (type.startsWith('application/pdf') && head !== '%PDF-') out.push(u.pathname + ': not a PDF');
			else if (buf.length === 0) out.push(u.pathname + ': empty');
		}
		return out;
	})()`
	broken, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("check links of %s: %v", b.page, err)
	}
	return broken
}
