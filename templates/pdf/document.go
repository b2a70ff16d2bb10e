package pdf

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"naskah/letters"
)

var _ letters.DocumentRenderer = (*Renderer)(nil)

// Document type codes the renderer lays out on their own; any other code is
// printed as an ordinary outgoing letter (the Surat Jawaban layout).
const (
	TypeSuratJawaban = "surat_jawaban"
	TypeBeritaAcara  = "berita_acara"
	TypeKelengkapan  = "kelengkapan"
)

// Keys of DocumentContent.Fields the renderer reads. Dates are YYYY-MM-DD
// or written out ("26 November 2026"); lists have one item a line. The
// workflow's draft templates (letters.DraftTemplate) use the same keys, and
// the aliases below for some.
const (
	FieldSifat            = "sifat"             // letters: Biasa (default), Segera, Sangat Segera, Rahasia
	FieldLampiran         = "lampiran"          // letters: "-" by default, e.g. "1 (satu) berkas"
	FieldHal              = "hal"               // letters: the subject line (alias "perihal"); a default from the type and the case
	FieldTembusan         = "tembusan"          // letters: copies to, one a line
	FieldKekurangan       = "kekurangan"        // kelengkapan: what is missing, one a line
	FieldBatasKelengkapan = "batas_kelengkapan" // kelengkapan: date or period to complete by (alias "batas_melengkapi")
	FieldPengaduan        = "pengaduan"         // berita acara: the complaint as recorded (default: the letter's subject)
	FieldTindakan         = "tindakan"          // berita acara: action taken
	FieldHasil            = "hasil"             // berita acara: result
	FieldTanggalSelesai   = "tanggal_selesai"   // berita acara: date completed (default: the document's date)
	FieldTepatWaktu       = "tepat_waktu"       // berita acara: "ya"/"tidak" or a sentence (default: from the deadline)
	FieldTanggapanPengadu = "tanggapan_pengadu" // berita acara: the complainant's response
	FieldPihakPengadu     = "pihak_pengadu"     // berita acara: the complainant party's name (default: the complainant)
)

// fieldAliases are other keys read for a field when it is empty.
var fieldAliases = map[string][]string{
	FieldHal:              {"perihal"},
	FieldBatasKelengkapan: {"batas_melengkapi"},
	FieldTanggapanPengadu: {"tanggapan"},
}

// RenderDocument prints an outgoing document: a Surat Jawaban (or any
// letter), an informasi kelengkapan letter, or a Berita Acara Penyelesaian
// Pengaduan, with the letterhead, the signer, the QR code of VerifyURL and
// the paraf table; a draft carries a "KONSEP" watermark and no QR code.
// EINVALID names what is missing.
func (r *Renderer) RenderDocument(c letters.DocumentContent) ([]byte, error) {
	if c.Profile == nil || c.Letter == nil {
		return nil, letters.Errorf(letters.EINVALID, "Dokumen memerlukan profil kantor dan surat/pengaduan yang dijawab.")
	}
	loc, err := officeZone(c.Profile)
	if err != nil {
		return nil, err
	}
	if err := checkDocument(c); err != nil {
		return nil, err
	}
	var qr []byte
	if !c.Draft {
		if qr, err = qrPNG(c.VerifyURL); err != nil {
			return nil, letters.Errorf(letters.EINVALID, "Alamat verifikasi terlalu panjang untuk kode QR (%d karakter).", len(c.VerifyURL))
		}
	}
	logo, err := officeLogo(c.Profile.Office)
	if err != nil {
		return nil, err
	}
	name := documentName(c)
	d := r.newDoc(name, c.Profile.Office.Name)
	d.ref = name
	if c.Number != "" {
		d.ref += " Nomor " + c.Number
	}
	y := d.letterhead(c.Profile.Office, logo)
	l := layout{doc: d, c: c, loc: loc, qr: qr}
	switch c.Type {
	case TypeBeritaAcara:
		err = l.beritaAcara(y)
	default:
		err = l.letter(y)
	}
	if err != nil {
		return nil, err
	}
	if c.Draft {
		d.watermark("KONSEP")
	}
	var buf bytes.Buffer
	if err := d.finish(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// layout is one document being laid out.
type layout struct {
	*doc
	c   letters.DocumentContent
	loc *time.Location
	qr  []byte
}

func checkDocument(c letters.DocumentContent) error {
	switch {
	case strings.TrimSpace(c.Type) == "":
		return letters.Errorf(letters.EINVALID, "Jenis dokumen belum diisi.")
	case c.Date.IsZero():
		return letters.Errorf(letters.EINVALID, "Tanggal dokumen belum diisi.")
	case strings.TrimSpace(c.Signer.Name) == "":
		return letters.Errorf(letters.EINVALID, "Nama pejabat penanda tangan belum diisi.")
	case strings.TrimSpace(c.Signer.Position) == "":
		return letters.Errorf(letters.EINVALID, "Jabatan pejabat penanda tangan belum diisi.")
	case c.Draft:
		return nil
	case strings.TrimSpace(c.Number) == "":
		return letters.Errorf(letters.EINVALID, "Nomor dokumen belum diisi; hanya konsep yang boleh dicetak tanpa nomor.")
	case strings.TrimSpace(c.VerifyURL) == "":
		return letters.Errorf(letters.EINVALID, "Alamat verifikasi (VerifyURL) belum diisi; dokumen yang ditandatangani memuatnya dalam kode QR.")
	}
	switch c.Type {
	case TypeBeritaAcara:
		for _, f := range []struct{ key, label string }{
			{FieldTindakan, "Tindakan yang dilakukan"}, {FieldHasil, "Hasil penyelesaian"},
		} {
			if strings.TrimSpace(c.Fields[f.key]) == "" {
				return letters.Errorf(letters.EINVALID, "Berita acara: %s (%s) belum diisi.", f.label, f.key)
			}
		}
	case TypeKelengkapan:
		if strings.TrimSpace(c.Fields[FieldKekurangan]) == "" && strings.TrimSpace(c.Body) == "" {
			return letters.Errorf(letters.EINVALID, "Informasi kelengkapan: daftar kekurangan berkas (%s) belum diisi.", FieldKekurangan)
		}
	default:
		if strings.TrimSpace(c.Body) == "" {
			return letters.Errorf(letters.EINVALID, "Isi surat belum diisi.")
		}
	}
	return nil
}

// documentName is the document type's name: the title, else the profile's
// name for the type.
func documentName(c letters.DocumentContent) string {
	if c.Title != "" {
		return c.Title
	}
	if doc := c.Profile.Document(c.Type); doc != nil && doc.Name != "" {
		return doc.Name
	}
	switch c.Type {
	case TypeBeritaAcara:
		return "Berita Acara Penyelesaian Pengaduan"
	case TypeKelengkapan:
		return "Pemberitahuan Kelengkapan Berkas Pengaduan"
	}
	return "Surat Jawaban Pengaduan"
}

// field returns c.Fields[key] (or an alias) trimmed, or def when empty.
func (l *layout) field(key, def string) string {
	for _, k := range append([]string{key}, fieldAliases[key]...) {
		if v := strings.TrimSpace(l.c.Fields[k]); v != "" {
			return v
		}
	}
	return def
}

// dateField reads a date field, YYYY-MM-DD or written out ("26 November
// 2026"), in the office's zone; other text is returned as it is with a zero
// time. ok is false when the field is empty.
func (l *layout) dateField(key string) (t time.Time, text string, ok bool) {
	v := l.field(key, "")
	if v == "" {
		return time.Time{}, "", false
	}
	if t, err := time.ParseInLocation("2006-01-02", v, l.loc); err == nil {
		return t, letters.FormatDate(t), true
	}
	if f := strings.Fields(v); len(f) == 3 {
		for m := time.January; m <= time.December; m++ {
			if strings.EqualFold(f[1], letters.MonthName(m)) {
				day, err1 := strconv.Atoi(f[0])
				year, err2 := strconv.Atoi(f[2])
				if err1 == nil && err2 == nil && day >= 1 && day <= 31 {
					t := time.Date(year, m, day, 0, 0, 0, 0, l.loc)
					return t, letters.FormatDate(t), true
				}
			}
		}
	}
	return time.Time{}, v, true
}

// logos caches the office logos read from the profiles' paths.
var logos sync.Map

// officeLogo reads the PNG the profile names as logo, once per path.
func officeLogo(o letters.Office) ([]byte, error) {
	if o.Logo == "" {
		return nil, nil
	}
	if b, ok := logos.Load(o.Logo); ok {
		return b.([]byte), nil
	}
	b, err := os.ReadFile(o.Logo)
	if err != nil {
		return nil, letters.Errorf(letters.EINVALID, "Logo kantor (office.logo) %q tidak dapat dibaca: %v", o.Logo, err)
	}
	if !bytes.HasPrefix(b, []byte("\x89PNG")) {
		return nil, letters.Errorf(letters.EINVALID, "Logo kantor (office.logo) %q harus berkas PNG.", o.Logo)
	}
	logos.Store(o.Logo, b)
	return b, nil
}

// signer is the block of the document's signer.
func (l *layout) signer(cx float64, heading ...string) sigColumn {
	return sigColumn{cx: cx, heading: heading, position: l.c.Signer.Position, official: l.c.Signer, qr: l.qr, url: l.c.VerifyURL}
}

// closingBlock writes the signature columns with the paraf table on the
// left (beside the only column, or under the first of two), kept together
// on one page, and returns the y below them.
func (l *layout) closingBlock(y float64, cols []sigColumn) float64 {
	marks := parafMarks(l.c.Parafs)
	ph := parafHeight(len(marks))
	total := 0.0
	for _, c := range cols {
		total = max(total, l.sigHeight(c))
	}
	below := len(cols) > 1
	if below {
		total = max(total, l.sigHeight(cols[0])+5+ph)
	} else {
		total = max(total, sigLH*1.5+ph)
	}
	y = l.need(y, total+2)
	bottom, py := y, y+sigLH*1.5
	for i, c := range cols {
		end := l.signature(y, c)
		bottom = max(bottom, end)
		if i == 0 && below {
			py = end + 5
		}
	}
	end := l.parafTable(l.mx, py, marks, l.loc)
	l.font(styleRegular, l.bodyFS)
	return max(bottom, end)
}

// complainant is the complainant's name as the office's documents print it.
func (l *layout) complainant() string { return complainantName(l.c.Letter.Complainant) }

func placeDate(o letters.Office, t time.Time) string {
	if o.City == "" {
		return letters.FormatDate(t)
	}
	return fmt.Sprintf("%s, %s", o.City, letters.FormatDate(t))
}
