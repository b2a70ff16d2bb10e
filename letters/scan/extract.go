// Package scan reads the text of letters' attachments: a PDF's own text
// layer with poppler's pdftotext, otherwise the page rasterised with pdftoppm
// and read by Tesseract (Indonesian and English); JPEG and PNG scans go to
// Tesseract directly. It suggests the letter's details from the text and
// runs the background worker that drains the queue kept by the store.
//
// The original file is never written to: every step reads a private copy in
// a temporary directory.
package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"
	"unicode"

	"naskah/letters"
)

// Limits keep one bad file from starving the rest.
type Limits struct {
	MaxPages     int           // pages per document; more is refused
	PageTimeout  time.Duration // per command per page (pdftotext, pdftoppm, tesseract)
	MaxPixels    int64         // width × height of an image or a rasterised page
	MaxDimension int           // width or height in pixels
	DPI          int           // rasterisation of PDF pages without text
}

// DefaultLimits fit an office scanner's output: A4 at 300 dpi is 8.7
// million pixels.
var DefaultLimits = Limits{
	MaxPages:     50,
	PageTimeout:  90 * time.Second,
	MaxPixels:    40_000_000, // A4 at 600 dpi is 35 million
	MaxDimension: 20_000,
	DPI:          300,
}

// Extractor reads text from files. The zero value uses DefaultLimits and
// Tesseract languages "ind+eng".
type Extractor struct {
	Limits    Limits
	Languages string                     // Tesseract -l value
	TempDir   string                     // "" for the system's
	onTSV     func(page int, tsv string) // tests: sees Tesseract's raw output
}

// Page is the text of one page and how it was read.
type Page struct {
	Number   int           `json:"number"`
	Method   string        `json:"method"` // text or ocr
	Text     string        `json:"text"`
	Duration time.Duration `json:"duration"`
}

// Result is the text of one file.
type Result struct {
	Method   string        `json:"method"` // text, ocr or mixed
	Pages    []Page        `json:"pages"`
	Text     string        `json:"text"`
	Duration time.Duration `json:"duration"`
}

// minTextLayer is the number of letters and digits a page's text layer must
// have to be used instead of OCR: a scanned page often carries a few
// characters (a stamp, a page number) but not the letter.
const minTextLayer = 40

func (e *Extractor) limits() Limits {
	l := e.Limits
	d := DefaultLimits
	if l.MaxPages <= 0 {
		l.MaxPages = d.MaxPages
	}
	if l.PageTimeout <= 0 {
		l.PageTimeout = d.PageTimeout
	}
	if l.MaxPixels <= 0 {
		l.MaxPixels = d.MaxPixels
	}
	if l.MaxDimension <= 0 {
		l.MaxDimension = d.MaxDimension
	}
	if l.DPI <= 0 {
		l.DPI = d.DPI
	}
	return l
}

func (e *Extractor) languages() string {
	if e.Languages != "" {
		return e.Languages
	}
	return "ind+eng"
}

// Extract reads the text of data, a file named name (the name is only used
// in messages). A file that cannot be read returns a *letters.Error whose
// message tells the clerk why, in Indonesian: EINVALID (damaged, locked with
// a password, not a PDF or image), ETOOLARGE (over a limit).
func (e *Extractor) Extract(ctx context.Context, name string, data []byte) (*Result, error) {
	start := time.Now()
	dir, err := os.MkdirTemp(e.TempDir, "naskah-scan-*")
	if err != nil {
		return nil, fmt.Errorf("scan: temp dir: %w", err)
	}
	defer os.RemoveAll(dir)

	var res *Result
	switch kind := http.DetectContentType(data); kind {
	case "application/pdf":
		res, err = e.extractPDF(ctx, dir, name, data)
	case "image/jpeg", "image/png":
		res, err = e.extractImage(ctx, dir, name, data)
	default:
		return nil, letters.Errorf(letters.EINVALID, "Berkas %q bukan PDF, JPEG atau PNG; teksnya tidak dibaca.", name)
	}
	if err != nil {
		return nil, err
	}
	res.Duration = time.Since(start)
	var texts []string
	methods := map[string]bool{}
	for _, p := range res.Pages {
		texts = append(texts, strings.TrimSpace(p.Text))
		methods[p.Method] = true
	}
	res.Text = strings.TrimSpace(strings.Join(texts, "\n\f\n"))
	switch {
	case len(methods) > 1:
		res.Method = letters.ScanMethodMix
	case methods[letters.ScanMethodText]:
		res.Method = letters.ScanMethodText
	default:
		res.Method = letters.ScanMethodOCR
	}
	return res, nil
}

// run runs a program with a timeout and returns its standard output. A
// timeout is reported as ETOOLARGE naming what took too long.
func (e *Extractor) run(ctx context.Context, what string, name string, args ...string) ([]byte, error) {
	lim := e.limits()
	ctx, cancel := context.WithTimeout(ctx, lim.PageTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1", "LC_ALL=C")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.WaitDelay = 2 * time.Second
	err := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return nil, letters.Errorf(letters.ETOOLARGE, "%s melebihi batas waktu %s; berkas terlalu berat untuk dibaca otomatis.", what, lim.PageTimeout)
	}
	if errors.Is(err, exec.ErrNotFound) {
		return nil, letters.Errorf(letters.EINTERNAL, "Program %s tidak terpasang di server; hubungi admin (paket poppler-utils dan tesseract-ocr-ind).", name)
	}
	if err != nil {
		return out.Bytes(), &commandError{name: name, err: err, stderr: strings.TrimSpace(errOut.String())}
	}
	return out.Bytes(), nil
}

// commandError is a program that ran and failed.
type commandError struct {
	name   string
	err    error
	stderr string
}

func (c *commandError) Error() string {
	return fmt.Sprintf("scan: %s: %v: %s", c.name, c.err, c.stderr)
}

func (c *commandError) Unwrap() error { return c.err }

// countWordChars counts letters and digits.
func countWordChars(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
