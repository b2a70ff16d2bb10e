// Package templates holds Naskah's HTML views. Every view is embedded in the
// binary and parsed once, at start-up, by Parse: a broken template stops the
// program before it serves anything (and fails the package's tests), never in
// the middle of a request.
//
// Each page is the layout (views/layout.html) plus one page file that
// defines "content". The data of each page is one of the *Page types in
// pages.go; handlers fill them and never pass raw maps.
package templates

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"
)

//go:embed views/*.html views/static
var files embed.FS

// Page names, one per file in views/ other than the layout.
const (
	PageLogin  = "login"
	PageAgenda = "agenda"
	PageIntake = "intake"
	PageLetter = "letter"
	PageTrack  = "track"
	PageError  = "error"
)

const layoutFile = "views/layout.html"

// Templates is the parsed set of pages. It is safe for concurrent use once
// Location has been set (set it before serving, never while serving).
type Templates struct {
	// Location is the zone dates are shown in: the office's zone. Nil means UTC.
	Location *time.Location

	pages map[string]*template.Template
}

// Parse parses the layout and every page in views/. It fails when any file
// does not parse or a page does not define "content".
func Parse() (*Templates, error) {
	t := &Templates{pages: map[string]*template.Template{}}
	layout, err := files.ReadFile(layoutFile)
	if err != nil {
		return nil, fmt.Errorf("templates: read layout: %w", err)
	}
	entries, err := fs.Glob(files, "views/*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: list views: %w", err)
	}
	for _, file := range entries {
		if file == layoutFile {
			continue
		}
		name := strings.TrimSuffix(path.Base(file), ".html")
		body, err := files.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("templates: read %s: %w", file, err)
		}
		tpl, err := template.New("layout").Funcs(t.funcs()).Parse(string(layout))
		if err != nil {
			return nil, fmt.Errorf("templates: parse layout: %w", err)
		}
		if _, err := tpl.New(name).Parse(string(body)); err != nil {
			return nil, fmt.Errorf("templates: parse %s: %w", file, err)
		}
		if tpl.Lookup("content") == nil {
			return nil, fmt.Errorf("templates: %s does not define \"content\"", file)
		}
		t.pages[name] = tpl
	}
	for _, name := range []string{PageLogin, PageAgenda, PageIntake, PageLetter, PageTrack, PageError} {
		if t.pages[name] == nil {
			return nil, fmt.Errorf("templates: page %q is missing from views/", name)
		}
	}
	return t, nil
}

// Pages lists the names of the parsed pages.
func (t *Templates) Pages() []string {
	out := make([]string, 0, len(t.pages))
	for name := range t.pages {
		out = append(out, name)
	}
	return out
}

// Render executes page name with data into w. The page is rendered into a
// buffer first, so a failing template writes nothing half-way.
func (t *Templates) Render(w io.Writer, name string, data any) error {
	tpl, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("templates: no page %q", name)
	}
	var buf bytes.Buffer
	if err := tpl.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("templates: render %s: %w", name, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// Static returns the embedded static files (style sheet) to be served under
// /static/.
func Static() fs.FS {
	sub, err := fs.Sub(files, "views/static")
	if err != nil {
		panic(err) // the directory is embedded; fs.Sub fails only on a bad name
	}
	return sub
}
