package pdf

import (
	"bytes"
	"image/png"
	"sync"

	"github.com/jung-kurt/gofpdf"
	qrcode "github.com/skip2/go-qrcode"
)

// trackingBox writes the framed tracking code with the QR code of url and
// the note on keeping the receipt.
func (d *doc) trackingBox(y float64, code, url string, qr []byte) float64 {
	const qrSize, pad = 30.0, 4.0
	textW := contentW - qrSize - 3*pad
	d.font(styleRegular, 9)
	note := d.wrap("Simpan tanda bukti ini. Gunakan kode lacak untuk memantau pengaduan Anda di "+url+".", textW)
	h := max(qrSize+2*pad, pad+6+11+float64(len(note))*d.lineHeight()+pad)
	y = d.need(y, h)

	d.SetFillColor(244, 244, 244)
	d.SetDrawColor(0, 0, 0)
	d.SetLineWidth(0.3)
	d.Rect(marginX, y, contentW, h, "FD")

	x := marginX + pad
	d.font(styleBold, 9)
	d.text(x, y+pad+3.5, "KODE LACAK")
	d.font(styleBold, 19)
	d.spaced(x, y+pad+13, 0.7, code)
	d.font(styleRegular, 9)
	ny := y + pad + 17 + d.lineHeight()*0.8
	for _, line := range note {
		d.text(x, ny, line)
		ny += d.lineHeight()
	}

	opt := gofpdf.ImageOptions{ImageType: "PNG"}
	d.RegisterImageOptionsReader("qr", opt, bytes.NewReader(qr))
	d.ImageOptions("qr", pageW-marginX-pad-qrSize, y+(h-qrSize)/2, qrSize, qrSize, false, opt, 0, "")
	return y + h
}

var pngBuffers pngPool

type pngPool struct{ sync.Pool }

func (p *pngPool) Get() *png.EncoderBuffer {
	b, _ := p.Pool.Get().(*png.EncoderBuffer)
	return b
}

func (p *pngPool) Put(b *png.EncoderBuffer) { p.Pool.Put(b) }

// qrPNG draws url as a QR code (level M, 4 pixels a module, with the quiet
// zone) and encodes it as a two-colour PNG.
func qrPNG(url string) ([]byte, error) {
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pngBuffers}
	if err := enc.Encode(&buf, q.Image(-4)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
