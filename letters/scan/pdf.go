package scan

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"naskah/letters"
)

// pdfInfo is what pdfinfo says about a document.
type pdfInfo struct {
	pages int
	sizes map[int][2]float64 // page → width, height in points
}

var (
	pdfPagesRe = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)
	pdfSizeRe  = regexp.MustCompile(`(?m)^Page\s+(\d+)\s+size:\s+([\d.]+) x ([\d.]+) pts`)
)

// info runs pdfinfo on the first MaxPages pages.
func (e *Extractor) info(ctx context.Context, path, name string) (*pdfInfo, error) {
	lim := e.limits()
	out, err := e.run(ctx, "Membaca data PDF", "pdfinfo", "-f", "1", "-l", strconv.Itoa(lim.MaxPages), path)
	if err != nil {
		return nil, pdfError(err, name)
	}
	m := pdfPagesRe.FindSubmatch(out)
	if m == nil {
		return nil, letters.Errorf(letters.EINVALID, "PDF %q rusak: jumlah halamannya tidak terbaca.", name)
	}
	info := &pdfInfo{sizes: map[int][2]float64{}}
	info.pages, _ = strconv.Atoi(string(m[1]))
	for _, s := range pdfSizeRe.FindAllSubmatch(out, -1) {
		n, _ := strconv.Atoi(string(s[1]))
		w, _ := strconv.ParseFloat(string(s[2]), 64)
		h, _ := strconv.ParseFloat(string(s[3]), 64)
		info.sizes[n] = [2]float64{w, h}
	}
	return info, nil
}

// pdfError turns a poppler failure into a message for the clerk.
func pdfError(err error, name string) error {
	var ce *commandError
	if !errors.As(err, &ce) {
		return err
	}
	switch s := strings.ToLower(ce.stderr); {
	case strings.Contains(s, "password"):
		return letters.Errorf(letters.EINVALID, "PDF %q dilindungi kata sandi, sehingga isinya tidak dapat dibaca. Minta pengirim mengirim berkas tanpa kata sandi; berkas asli tetap disimpan.", name)
	case strings.Contains(s, "damaged") || strings.Contains(s, "syntax error") || strings.Contains(s, "couldn't") || strings.Contains(s, "may not be a pdf"):
		return letters.Errorf(letters.EINVALID, "PDF %q rusak atau tidak lengkap, sehingga isinya tidak dapat dibaca.", name)
	}
	return letters.Errorf(letters.EINVALID, "PDF %q tidak dapat dibaca (%s).", name, firstLine(ce.stderr))
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// extractPDF reads each page's text layer and OCRs the pages without one.
func (e *Extractor) extractPDF(ctx context.Context, dir, name string, data []byte) (*Result, error) {
	lim := e.limits()
	path := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, fmt.Errorf("scan: write temp: %w", err)
	}
	info, err := e.info(ctx, path, name)
	if err != nil {
		return nil, err
	}
	if info.pages == 0 {
		return nil, letters.Errorf(letters.EINVALID, "PDF %q tidak berisi halaman.", name)
	}
	if info.pages > lim.MaxPages {
		return nil, letters.Errorf(letters.ETOOLARGE, "PDF %q berisi %d halaman, melebihi batas %d halaman untuk pembacaan otomatis. Berkas tetap disimpan; baca atau ketik isinya secara manual.", name, info.pages, lim.MaxPages)
	}
	res := &Result{}
	for n := 1; n <= info.pages; n++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		start := time.Now()
		page := strconv.Itoa(n)
		out, err := e.run(ctx, fmt.Sprintf("Membaca teks halaman %d", n), "pdftotext", "-f", page, "-l", page, "-layout", "-enc", "UTF-8", path, "-")
		if err != nil {
			return nil, pdfError(err, name)
		}
		text := cleanText(string(out))
		if countWordChars(text) >= minTextLayer {
			res.Pages = append(res.Pages, Page{Number: n, Method: letters.ScanMethodText, Text: text, Duration: time.Since(start)})
			continue
		}
		text, err = e.ocrPDFPage(ctx, dir, path, name, n, info.sizes[n])
		if err != nil {
			return nil, err
		}
		res.Pages = append(res.Pages, Page{Number: n, Method: letters.ScanMethodOCR, Text: text, Duration: time.Since(start)})
	}
	return res, nil
}

// ocrPDFPage rasterises page n in grey and reads it. The resolution drops
// below the configured DPI when the page is so large that the image would
// pass the pixel limit; a page that would still be too large is refused.
func (e *Extractor) ocrPDFPage(ctx context.Context, dir, path, name string, n int, size [2]float64) (string, error) {
	lim := e.limits()
	dpi := float64(lim.DPI)
	if w, h := size[0], size[1]; w > 0 && h > 0 {
		px := func(d float64) (float64, float64) { return w / 72 * d, h / 72 * d }
		if pw, ph := px(dpi); pw*ph > float64(lim.MaxPixels) || pw > float64(lim.MaxDimension) || ph > float64(lim.MaxDimension) {
			dpi = math.Min(math.Sqrt(float64(lim.MaxPixels)/(w*h))*72, float64(lim.MaxDimension)*72/math.Max(w, h))
			dpi = math.Floor(dpi)
		}
		if dpi < 100 {
			return "", letters.Errorf(letters.ETOOLARGE, "Halaman %d PDF %q berukuran %.0f × %.0f cm, terlalu besar untuk dibaca otomatis.", n, name, w/72*2.54, h/72*2.54)
		}
	}
	page := strconv.Itoa(n)
	prefix := filepath.Join(dir, "page")
	if _, err := e.run(ctx, fmt.Sprintf("Mengubah halaman %d menjadi gambar", n), "pdftoppm", "-f", page, "-l", page,
		"-r", strconv.Itoa(int(dpi)), "-gray", "-png", "-singlefile", path, prefix); err != nil {
		return "", pdfError(err, name)
	}
	img := prefix + ".png"
	defer os.Remove(img)
	return e.tesseract(ctx, img, n, int(dpi))
}

// cleanText drops form feeds and trailing spaces and squeezes runs of blank
// lines to one.
func cleanText(s string) string {
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(strings.ReplaceAll(s, "\f", "\n")))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	blank := 0
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if line == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
			if blank > 0 {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(line)
	}
	return b.String()
}
