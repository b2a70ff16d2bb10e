package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"mime"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// maildirStats counts what genMaildir wrote, by what the import should make
// of it.
type maildirStats struct {
	Messages    int   `json:"messages"`
	Letters     int   `json:"letters"`      // new complaints (each opens a case)
	Replies     int   `json:"replies"`      // follow-ups in a thread
	Duplicates  int   `json:"duplicates"`   // the same Message-ID delivered twice
	AutoReplies int   `json:"auto_replies"` // vacation notices and bounces
	HTML        int   `json:"html"`         // with a text/html part
	PDFs        int   `json:"pdfs"`         // with a PDF attachment
	Latin1      int   `json:"iso_8859_1"`
	Windows1252 int   `json:"windows_1252"`
	Bytes       int64 `json:"bytes"`
}

// mailGen writes a realistic Maildir of complaints to an office: mostly
// UTF-8, some ISO-8859-1 and Windows-1252, quoted-printable and base64,
// text or text+HTML alternatives, one in ten with a small PDF, threads of
// replies, a few auto-replies and re-deliveries. The same seed gives the
// same files.
type mailGen struct {
	r       *rand.Rand
	dir     string
	stats   maildirStats
	threads []genThread // open cases a citizen may write again about
	sent    []string    // raw file names of earlier messages (for re-delivery)
}

type genThread struct {
	id, subject, from string
}

// genMaildir writes n messages into the Maildir dir (created with cur, new
// and tmp). The last twentieth are unread, in new/.
func genMaildir(dir string, n int, seed uint64) (*maildirStats, error) {
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o750); err != nil {
			return nil, err
		}
	}
	g := &mailGen{r: rand.New(rand.NewPCG(seed, 0x6e61736b6168)), dir: dir}
	start := time.Date(2026, 1, 5, 7, 0, 0, 0, time.FixedZone("WIB", 7*3600))
	step := 300 * 24 * time.Hour / time.Duration(max(n, 1))
	for i := range n {
		at := start.Add(time.Duration(i)*step + time.Duration(g.r.IntN(int(step/time.Second)+1))*time.Second)
		raw := g.message(i, at)
		sub, suffix := "cur", ":2,S"
		if i >= n-n/20 {
			sub, suffix = "new", ""
		}
		name := fmt.Sprintf("%010d.M%06dP%d.naskah-gen%s", at.Unix(), i, 4242, suffix)
		if err := os.WriteFile(filepath.Join(dir, sub, name), raw, 0o640); err != nil {
			return nil, err
		}
		g.stats.Messages++
		g.stats.Bytes += int64(len(raw))
	}
	return &g.stats, nil
}

// message builds message i, sent at at.
func (g *mailGen) message(i int, at time.Time) []byte {
	r := g.r
	switch k := r.IntN(1000); {
	case k < 5 && len(g.sent) > 0:
		// A mail server delivered an earlier message again.
		g.stats.Duplicates++
		raw := g.sent[r.IntN(len(g.sent))]
		return []byte(strings.Replace(raw, "Received: from", "Received: from relay2.kalbarprov.go.id by", 1))
	case k < 15:
		g.stats.AutoReplies++
		return g.autoReply(i, at)
	}
	name, addr := g.person()
	from := mime.QEncoding.Encode("utf-8", name) + " <" + addr + ">"
	if isASCII(name) {
		from = name + " <" + addr + ">"
	}
	id := fmt.Sprintf("%d.%d.%x@%s", at.Unix(), i, r.Uint32(), strings.SplitN(addr, "@", 2)[1])
	topic := genTopics[r.IntN(len(genTopics))]
	subject := topic.subject + " " + genPlaces[r.IntN(len(genPlaces))]
	var refs string
	body := g.complaint(name, topic)
	if len(g.threads) > 0 && r.IntN(100) < 15 {
		t := g.threads[r.IntN(len(g.threads))]
		g.stats.Replies++
		subject, refs = "Re: "+t.subject, t.id
		from = t.from
		body = "Menanggapi surat saya sebelumnya, sampai hari ini belum ada tindak lanjut. " +
			genSentences[r.IntN(len(genSentences))] + "\n\nTerima kasih.\n\n> " +
			strings.ReplaceAll(firstRunes(g.complaint(name, topic), 160), "\n", "\n> ") + "\n"
	} else {
		g.stats.Letters++
		if len(g.threads) < 400 {
			g.threads = append(g.threads, genThread{id: id, subject: subject, from: from})
		} else {
			g.threads[r.IntN(len(g.threads))] = genThread{id: id, subject: subject, from: from}
		}
	}
	var h bytes.Buffer
	fmt.Fprintf(&h, "Return-Path: <%s>\r\n", addr)
	fmt.Fprintf(&h, "Received: from mail-%d.example.net (mail-%d.example.net [203.0.113.%d])\r\n\tby mx.kalbarprov.go.id (Postfix) with ESMTPS id %X\r\n\tfor <pengaduan@kalbarprov.go.id>; %s\r\n",
		i%97, i%97, i%250+1, r.Uint32(), at.Format(time.RFC1123Z))
	fmt.Fprintf(&h, "From: %s\r\nTo: Pengaduan BKAD <pengaduan@kalbarprov.go.id>\r\n", from)
	fmt.Fprintf(&h, "Subject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\n", g.subjectHeader(subject), at.Format(time.RFC1123Z), id)
	if refs != "" {
		fmt.Fprintf(&h, "In-Reply-To: <%s>\r\nReferences: <%s>\r\n", refs, refs)
	}
	fmt.Fprintf(&h, "X-Mailer: %s\r\nMIME-Version: 1.0\r\n", genMailers[r.IntN(len(genMailers))])
	g.body(&h, body, r.IntN(100) < 10)
	raw := h.String()
	if len(g.sent) < 200 {
		g.sent = append(g.sent, raw)
	}
	return []byte(raw)
}

// body writes the MIME body: its charset and transfer encoding, an HTML
// alternative for about a third, and a PDF for withPDF.
func (g *mailGen) body(w *bytes.Buffer, text string, withPDF bool) {
	r := g.r
	charset, enc := "utf-8", encoding.Encoding(nil)
	switch k := r.IntN(100); {
	case k < 12:
		charset, enc = "iso-8859-1", charmap.ISO8859_1
		g.stats.Latin1++
	case k < 24:
		charset, enc = "windows-1252", charmap.Windows1252
		g.stats.Windows1252++
	}
	html := r.IntN(100) < 35
	boundary := fmt.Sprintf("----=_Part_%d_%d", r.Uint32(), r.Uint32())
	if withPDF {
		g.stats.PDFs++
		fmt.Fprintf(w, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\nThis is a multi-part message in MIME format.\r\n--%s\r\n", boundary, boundary)
	}
	if html {
		g.stats.HTML++
		alt := boundary + "_alt"
		fmt.Fprintf(w, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n--%s\r\n", alt, alt)
		g.textPart(w, "text/plain", charset, enc, text)
		fmt.Fprintf(w, "--%s\r\n", alt)
		g.textPart(w, "text/html", charset, enc, toHTML(text))
		fmt.Fprintf(w, "--%s--\r\n", alt)
	} else {
		g.textPart(w, "text/plain", charset, enc, text)
	}
	if withPDF {
		name := fmt.Sprintf("surat-pengaduan-%d.pdf", r.IntN(9000)+1000)
		fmt.Fprintf(w, "--%s\r\nContent-Type: application/pdf; name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
			boundary, name, name)
		writeBase64(w, genPDF(r, text))
		fmt.Fprintf(w, "--%s--\r\n", boundary)
	}
}

// textPart writes one text part in charset (enc nil: UTF-8), quoted-printable
// or base64.
func (g *mailGen) textPart(w *bytes.Buffer, ct, charset string, enc encoding.Encoding, text string) {
	data := []byte(strings.ReplaceAll(text, "\n", "\r\n"))
	if enc == charmap.ISO8859_1 {
		data = []byte(latin1Safe.Replace(string(data)))
	}
	if enc != nil {
		data, _ = encoding.ReplaceUnsupported(enc.NewEncoder()).Bytes(data)
	}
	if g.r.IntN(100) < 30 {
		fmt.Fprintf(w, "Content-Type: %s; charset=\"%s\"\r\nContent-Transfer-Encoding: base64\r\n\r\n", ct, charset)
		writeBase64(w, data)
		return
	}
	fmt.Fprintf(w, "Content-Type: %s; charset=\"%s\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n", ct, charset)
	qp := quotedprintable.NewWriter(w)
	qp.Write(data)
	qp.Close()
	w.WriteString("\r\n")
}

// subjectHeader encodes a subject as mailers do: plain ASCII, or an
// RFC 2047 word in UTF-8 (B or Q) or ISO-8859-1.
func (g *mailGen) subjectHeader(s string) string {
	if g.r.IntN(100) < 20 {
		s += " – mohon segera"
	}
	if isASCII(s) {
		return s
	}
	switch g.r.IntN(3) {
	case 0:
		return mime.BEncoding.Encode("utf-8", s)
	case 1:
		if l1, err := charmap.ISO8859_1.NewEncoder().String(latin1Safe.Replace(s)); err == nil {
			return mime.QEncoding.Encode("iso-8859-1", l1)
		}
	}
	return mime.QEncoding.Encode("utf-8", s)
}

// autoReply is a vacation notice or a delivery failure report.
func (g *mailGen) autoReply(i int, at time.Time) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\nTo: pengaduan@kalbarprov.go.id\r\n")
	fmt.Fprintf(&b, "Subject: Undelivered Mail Returned to Sender\r\nDate: %s\r\nMessage-ID: <bounce.%d.%x@mx.example.net>\r\n",
		at.Format(time.RFC1123Z), i, g.r.Uint32())
	fmt.Fprintf(&b, "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
	fmt.Fprintf(&b, "This is the mail system at host mx.example.net.\r\n\r\nI'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n<warga%d@example.net>: host not found\r\n", i)
	return b.Bytes()
}

func writeBase64(w *bytes.Buffer, data []byte) {
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		w.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	w.WriteString(enc + "\r\n")
}

// latin1Safe writes the typographic marks ISO-8859-1 lacks as a Latin-1
// mailer would.
var latin1Safe = strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "–", "-", "—", "-", "…", "...")

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// toHTML renders the paragraphs of text as a mailer's HTML part.
func toHTML(text string) string {
	var b strings.Builder
	b.WriteString(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div dir="ltr" style="font-family:Arial,sans-serif;font-size:small">`)
	for _, p := range strings.Split(text, "\n\n") {
		p = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", "<br>").Replace(p)
		b.WriteString("<p>" + p + "</p>\n")
	}
	b.WriteString(`</div><div><br></div><div>-- <br><span style="color:#888">Dikirim dari perangkat seluler</span></div></body></html>`)
	return b.String()
}

// genPDF is a small valid PDF: a page of the complaint's first lines and a
// compressed-looking image stream of 8–60 KB, as a phone scanner writes.
func genPDF(r *rand.Rand, text string) []byte {
	var page strings.Builder
	page.WriteString("BT /F1 11 Tf 50 780 Td 14 TL\n")
	for j, line := range strings.Split(text, "\n") {
		if j > 40 {
			break
		}
		line = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(line)
		fmt.Fprintf(&page, "(%s) Tj T*\n", strings.Map(func(c rune) rune {
			if c < 0x20 || c > 0x7e {
				return '?'
			}
			return c
		}, line))
	}
	page.WriteString("ET\n")
	img := make([]byte, 8<<10+r.IntN(52<<10))
	for k := range img {
		img[k] = byte(r.Uint32())
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", page.Len(), page.String()),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width 1 /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream", len(img), len(img), img),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for k, o := range objs {
		offs[k] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", k+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
