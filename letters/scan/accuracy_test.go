package scan

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// needTools skips a test when the programs it drives are missing (the
// Makefile's test-deps installs them; CI=true makes their absence fatal).
func needTools(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (scripts/test-deps.sh)", n)
			}
			t.Skipf("%s is not installed (scripts/test-deps.sh installs it)", n)
		}
	}
}

// fold normalises a value for comparison: case, spaces and trailing
// punctuation do not count; the clerk would not correct them.
func fold(s string) string {
	return strings.TrimRight(strings.ToLower(strings.Join(strings.Fields(s), " ")), " .,;")
}

// TestSuggestAccuracyOCR renders letters, scans them (200–300 dpi, up to
// 1.2° skew, noise; as PNG, JPEG or a PDF without text), reads them with
// the real Tesseract and counts the fields the suggestion got right.
// NASKAH_OCR_LETTERS sets how many (default 6, to keep `make test` short;
// the report's figure is from 60).
func TestSuggestAccuracyOCR(t *testing.T) {
	needTools(t, "tesseract", "pdftoppm", "pdfinfo", "pdftotext")
	n := 6
	if v, err := strconv.Atoi(os.Getenv("NASKAH_OCR_LETTERS")); err == nil && v > 0 {
		n = v
	}
	if testing.Short() {
		n = 3
	}
	first, _ := strconv.Atoi(os.Getenv("NASKAH_OCR_FIRST")) // a fresh set: letters first … first+n-1
	fields := []string{"nomor", "tanggal", "hal", "sifat", "lampiran", "yth", "asal"}
	right := map[string]int{}
	var mu sync.Mutex
	var ocrTime time.Duration
	var misses []string
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := first; i < first+n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			l := genLetter(i)
			dpi := []int{200, 250, 300}[i%3]
			deg := (float64(i%7) - 3) * 0.4 // −1.2° … +1.2°
			kind := []string{"png", "jpeg", "pdf"}[(i/3)%3]
			res, err := cachedOCR(t, i, func() []byte { return scanned(t, l, dpi, deg, kind, int64(i)) }, kind)
			if err != nil {
				t.Errorf("letter %d: %v", i, err)
				return
			}
			s := Suggest(res.Text)
			got := map[string]bool{
				"nomor":    s.Number == l.Number,
				"tanggal":  s.Date != nil && s.Date.Equal(l.Date) && s.Place == l.Place,
				"hal":      fold(s.Subject) == fold(l.Subject),
				"sifat":    s.Nature == l.Nature,
				"lampiran": fold(s.Enclosure) == fold(l.Enclosure),
				"yth":      fold(s.Addressee) == fold(l.Addressee),
				"asal":     fold(s.Origin) == fold(l.Office),
			}
			mu.Lock()
			defer mu.Unlock()
			ocrTime += res.Duration
			for _, f := range fields {
				if got[f] {
					right[f]++
				} else {
					misses = append(misses, fmt.Sprintf("letter %d (%d dpi, %.1f°, %s, kepada-kanan=%v) %s: got %q",
						i, dpi, deg, kind, l.KepadaRight, f, map[string]string{
							"nomor": s.Number + " want " + l.Number, "tanggal": fmt.Sprint(s.Place, " ", s.Date),
							"hal": s.Subject + " want " + l.Subject, "sifat": s.Nature + " want " + l.Nature,
							"lampiran": s.Enclosure + " want " + l.Enclosure, "yth": s.Addressee + " want " + l.Addressee,
							"asal": s.Origin + " want " + l.Office}[f]))
				}
			}
		}(i)
	}
	wg.Wait()
	sort.Strings(misses)
	for _, m := range misses {
		t.Log("miss:", m)
	}
	var report strings.Builder
	fmt.Fprintf(&report, "%d scanned letters, OCR %.2f s per page (mean, 2 in parallel)\n", n, ocrTime.Seconds()/float64(n))
	for _, f := range fields {
		fmt.Fprintf(&report, "  %-9s %3d/%d  %5.1f %%\n", f, right[f], n, 100*float64(right[f])/float64(n))
	}
	t.Log("\n" + report.String())
	// The target: number, date and subject right in at least 90 %.
	for _, f := range []string{"nomor", "tanggal", "hal"} {
		if n >= 6 && right[f]*10 < n*9 {
			t.Errorf("%s right in %d of %d letters, below 90 %%", f, right[f], n)
		}
	}
}

// cachedOCR extracts the text of scan i. With NASKAH_OCR_CACHE set to a
// directory (for tuning Suggest and the layout by hand) Tesseract's output
// is kept there and reused.
func cachedOCR(t *testing.T, i int, scan func() []byte, kind string) (*Result, error) {
	dir := os.Getenv("NASKAH_OCR_CACHE")
	path := filepath.Join(dir, fmt.Sprintf("%03d.tsv", i))
	if dir != "" {
		if b, err := os.ReadFile(path); err == nil {
			words, width := parseTSV(string(b))
			return &Result{Text: cleanText(layoutText(words, width))}, nil
		}
	}
	var e Extractor
	var tsv string
	e.onTSV = func(_ int, s string) { tsv = s }
	res, err := e.Extract(context.Background(), fmt.Sprintf("surat-%d.%s", i, kind), scan())
	if err == nil && dir != "" {
		if err := os.WriteFile(path, []byte(tsv), 0o644); err != nil {
			t.Error(err)
		}
	}
	return res, err
}
