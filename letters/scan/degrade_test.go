package scan

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// rasterise renders page 1 of a PDF in grey at dpi with pdftoppm.
func rasterise(t testing.TB, pdf []byte, dpi int) *image.Gray {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "page")
	if b, err := exec.Command("pdftoppm", "-f", "1", "-l", "1", "-r", strconv.Itoa(dpi), "-gray", "-png", "-singlefile", in, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, b)
	}
	f, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	g, ok := img.(*image.Gray)
	if !ok {
		g = image.NewGray(img.Bounds())
		for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
			for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
				g.Set(x, y, img.At(x, y))
			}
		}
	}
	return g
}

// degrade makes a page look scanned: rotated by deg degrees about its
// centre (bilinear, white outside), grey paper, Gaussian noise of sigma
// levels and a sprinkle of dark specks.
func degrade(src *image.Gray, deg, sigma float64, seed int64) *image.Gray {
	r := rand.New(rand.NewSource(seed))
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewGray(b)
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(src.Pix[y*src.Stride+x])
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			// Inverse mapping: where does this pixel come from?
			dx, dy := float64(x)-cx, float64(y)-cy
			sx := cos*dx + sin*dy + cx
			sy := -sin*dx + cos*dy + cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			v := at(x0, y0)*(1-fx)*(1-fy) + at(x0+1, y0)*fx*(1-fy) + at(x0, y0+1)*(1-fx)*fy + at(x0+1, y0+1)*fx*fy
			v = v*0.92 + 8 // paper is never white, ink never black
			v += r.NormFloat64() * sigma
			if r.Intn(2000) == 0 {
				v = 40
			}
			dst.Pix[y*dst.Stride+x] = uint8(math.Max(0, math.Min(255, v)))
		}
	}
	return dst
}

// scanned renders l as a scan: rasterised at dpi, skewed and noisy, then
// encoded as kind ("png", "jpeg", or "pdf": a JPEG in a PDF without text).
func scanned(t testing.TB, l testLetter, dpi int, deg float64, kind string, seed int64) []byte {
	t.Helper()
	img := degrade(rasterise(t, l.PDF(t), dpi), deg, 10, seed)
	var buf bytes.Buffer
	switch kind {
	case "png":
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	case "jpeg":
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddPage()
	f.RegisterImageOptionsReader("scan", gofpdf.ImageOptions{ImageType: "JPG"}, &buf)
	f.ImageOptions("scan", 0, 0, 210, 297, false, gofpdf.ImageOptions{ImageType: "JPG"}, 0, "")
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
