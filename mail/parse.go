// Package mail brings email into Naskah: it parses messages (any charset
// Indonesian mail uses), fetches them from the office's IMAP mailbox and
// imports .eml, mbox and Maildir files, handing each message to a
// letters.MailService. IMAP sits behind the package's own small Mailbox
// interface.
package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decode ISO-8859-x, Windows-125x and other charsets
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"

	"naskah/letters"
)

// MaxMessageSize is the default largest message parsed. A larger one is
// recorded as refused (its raw bytes are kept).
const MaxMessageSize = 64 << 20

// maxTextPart is the most bytes read from one text part.
const maxTextPart = 4 << 20

// maxDepth limits nested multiparts (a message bomb nests thousands).
const maxDepth = 20

// Parse reads a raw message. It keeps what can be read and notes the rest
// in Problems; it returns an error only when the data is not an email at
// all (no header can be read).
func Parse(raw []byte) (*letters.MailMessage, error) {
	sum := sha256.Sum256(raw)
	m := &letters.MailMessage{Hash: hex.EncodeToString(sum[:]), Raw: raw}
	e, done, err := readEntity(raw)
	defer done()
	if e == nil {
		return m, fmt.Errorf("mail: header: %w", err)
	}
	if err != nil && (message.IsUnknownCharset(err) || message.IsUnknownEncoding(err)) {
		m.Problems = append(m.Problems, "Pengodean email tidak dikenal ("+err.Error()+"); isi mungkin tidak terbaca sempurna.")
	}
	if len(e.Header.Map()) == 0 {
		return m, errors.New("mail: no header fields")
	}
	h := gomail.Header{Header: e.Header}
	readHeader(m, h)
	m.AutoReply = AutoReplyReason(h)
	p := &parser{m: m}
	p.walk(e, 0)
	if m.Text == "" && m.HTML != "" {
		m.Text = htmlToText(m.HTML)
	}
	m.HTML = sanitizeHTML(m.HTML)
	m.Text = strings.TrimSpace(m.Text)
	return m, nil
}

// readHeader fills the identity, subject, date and threading fields.
func readHeader(m *letters.MailMessage, h gomail.Header) {
	if s, err := h.Subject(); err == nil {
		m.Subject = s
	} else {
		m.Subject = h.Get("Subject")
		m.Problems = append(m.Problems, "Perihal email tidak dapat diuraikan sepenuhnya.")
	}
	m.Subject = cleanLine(m.Subject)
	if id, err := h.MessageID(); err == nil && id != "" {
		m.MessageID = id
	} else if v := strings.Trim(strings.TrimSpace(h.Get("Message-Id")), "<>"); v != "" {
		m.MessageID = v
	}
	for _, key := range []string{"In-Reply-To", "References"} {
		ids, _ := h.MsgIDList(key)
		m.References = append(m.References, ids...)
	}
	if d, ok := headerDate(h.Get("Date")); ok {
		m.Date = d.UTC()
	} else if d, err := h.Date(); err == nil {
		m.Date = d.UTC()
	}
	from, err := h.AddressList("From")
	if err == nil && len(from) > 0 {
		m.FromName, m.FromAddress = cleanLine(from[0].Name), strings.ToLower(from[0].Address)
	} else if v := h.Get("From"); v != "" {
		// An address the parser refuses: keep the words for the clerk.
		if dec, err := (&mime.WordDecoder{CharsetReader: message.CharsetReader}).DecodeHeader(v); err == nil {
			v = dec
		}
		m.FromName = cleanLine(v)
		m.Problems = append(m.Problems, fmt.Sprintf("Alamat pengirim %q tidak sah; periksa identitas pengadu.", cleanLine(v)))
	} else {
		m.Problems = append(m.Problems, "Email tanpa alamat pengirim (From).")
	}
	if rt, err := h.AddressList("Reply-To"); err == nil && len(rt) > 0 && m.FromAddress != "" &&
		!strings.EqualFold(rt[0].Address, m.FromAddress) {
		m.Problems = append(m.Problems, fmt.Sprintf("Alamat balasan (Reply-To) %s berbeda dari pengirim.", rt[0].Address))
	}
}

// cleanLine folds a header value to one line without control characters.
func cleanLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\r' || r == '\n':
			return ' '
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

type parser struct {
	m     *letters.MailMessage
	texts []string
}

// walk visits e and its parts: the first text/plain and text/html parts
// that are not attachments become the body; everything else with content is
// kept as an attachment. message/rfc822 is kept whole, never opened.
func (p *parser) walk(e *message.Entity, depth int) {
	mt, params, _ := e.Header.ContentType()
	if mt == "" {
		mt = "text/plain"
	}
	if strings.HasPrefix(mt, "multipart/") {
		if depth >= maxDepth {
			p.problem("Bagian email bersarang terlalu dalam; sisanya hanya ada pada pesan asli.")
			return
		}
		mr := textproto.NewMultipartReader(e.Body, params["boundary"])
		n := 0
		for {
			part, err := nextPart(mr)
			if err == io.EOF {
				break
			} else if err != nil {
				if part == nil {
					if n == 0 {
						p.problem("Struktur MIME email rusak (batas bagian tidak ditemukan); isi diambil apa adanya dari pesan asli.")
						p.rawFallback()
					} else {
						p.problem("Struktur MIME email rusak; sebagian isi mungkin hilang, lihat pesan asli.")
					}
					return
				}
				if message.IsUnknownCharset(err) || message.IsUnknownEncoding(err) {
					p.problem("Pengodean bagian email tidak dikenal: " + err.Error())
				}
			}
			n++
			p.walk(part, depth+1)
		}
		return
	}
	disp, dparams, _ := e.Header.ContentDisposition()
	name := dparams["filename"]
	if name == "" {
		name = params["name"]
	}
	if name != "" {
		if dec, err := (&mime.WordDecoder{CharsetReader: message.CharsetReader}).DecodeHeader(name); err == nil {
			name = dec
		}
	}
	isAttachment := disp == "attachment" || (name != "" && !strings.HasPrefix(mt, "text/"))
	switch {
	case !isAttachment && mt == "text/plain" && p.m.Text == "":
		p.m.Text = p.readText(e)
	case !isAttachment && mt == "text/html" && p.m.HTML == "":
		p.m.HTML = p.readText(e)
	case !isAttachment && strings.HasPrefix(mt, "text/") && disp != "inline":
		// A second text part of an alternative or a calendar: keep it.
		p.attach(e, mt, name, false)
	default:
		p.attach(e, mt, name, disp == "inline" || e.Header.Get("Content-Id") != "")
	}
}

func (p *parser) problem(s string) {
	for _, q := range p.m.Problems {
		if q == s {
			return
		}
	}
	p.m.Problems = append(p.m.Problems, s)
}

// readText reads a decoded text part, at most maxTextPart bytes.
func (p *parser) readText(e *message.Entity) string {
	data, done, err := readPart(e.Body, maxTextPart+1)
	defer done()
	if err != nil {
		p.problem("Sebagian isi email tidak dapat dibaca: " + err.Error())
	}
	if len(data) > maxTextPart {
		data = data[:maxTextPart]
		p.problem("Isi email sangat panjang dan dipotong; naskah lengkap ada pada pesan asli.")
	}
	s := string(data)
	if !utf8.ValidString(s) {
		// Undeclared 8-bit text: old Windows mailers write Windows-1252.
		if r, err := message.CharsetReader("windows-1252", bytes.NewReader(data)); err == nil {
			if dec, err := io.ReadAll(r); err == nil && utf8.Valid(dec) {
				s = string(dec)
			}
		}
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		p.problem("Pengodean isi email tidak dinyatakan dengan benar; periksa huruf yang mungkin salah tampil.")
	}
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// attach keeps a part as an attachment; message/rfc822 is kept whole.
func (p *parser) attach(e *message.Entity, mt, name string, inline bool) {
	var data []byte
	var err error
	if d, ok := e.Body.(*decodedBody); ok && len(d.data) <= letters.MaxUploadSize {
		// Decoded by nextPart: kept as it is.
		data, err = d.data, d.err
	} else {
		buf, done, rerr := readPart(e.Body, int64(letters.MaxUploadSize)+1)
		data, err = bytes.Clone(buf), rerr
		done()
	}
	if err != nil {
		p.problem(fmt.Sprintf("Lampiran %q tidak dapat dibaca utuh: %v", name, err))
	}
	if len(data) > letters.MaxUploadSize {
		// Drain so that the rest of the message can be read.
		n, _ := io.Copy(io.Discard, e.Body)
		data = data[:0]
		p.problem(fmt.Sprintf("Lampiran %q (%d MB) melebihi batas %d MB; hanya ada pada pesan asli.",
			name, (int64(letters.MaxUploadSize)+1+n)>>20, letters.MaxUploadSize>>20))
		return
	}
	if len(data) == 0 {
		return
	}
	if name == "" && mt == "message/rfc822" {
		name = forwardedName(data)
	}
	p.m.Attachments = append(p.m.Attachments, letters.MailPart{Name: name, ContentType: mt, Data: data, Inline: inline})
}

// rawFallback keeps the body of a message whose MIME structure is broken as
// its text, so the clerk can read what was sent.
func (p *parser) rawFallback() {
	raw := p.m.Raw
	if i := bytes.Index(raw, []byte("\r\n\r\n")); i >= 0 {
		raw = raw[i+4:]
	} else if i := bytes.Index(raw, []byte("\n\n")); i >= 0 {
		raw = raw[i+2:]
	}
	if len(raw) > maxTextPart {
		raw = raw[:maxTextPart]
	}
	if p.m.Text == "" {
		p.m.Text = strings.ToValidUTF8(strings.ReplaceAll(string(raw), "\r\n", "\n"), "\uFFFD")
	}
}

// parseHeaderOnly reads only the header of raw (for messages too large to
// parse whole).
func parseHeaderOnly(raw []byte) (*letters.MailMessage, error) {
	end := bytes.Index(raw, []byte("\r\n\r\n"))
	if end < 0 {
		end = bytes.Index(raw, []byte("\n\n"))
	}
	if end < 0 || end > 1<<20 {
		return nil, errors.New("mail: no header")
	}
	e, err := message.Read(bytes.NewReader(raw[:end+2]))
	if e == nil {
		return nil, err
	}
	m := &letters.MailMessage{}
	readHeader(m, gomail.Header{Header: e.Header})
	return m, nil
}

// forwardedName names a forwarded message after its subject.
func forwardedName(data []byte) string {
	hm, err := parseHeaderOnly(data)
	if err != nil || hm.Subject == "" {
		return "pesan-terusan.eml"
	}
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, hm.Subject)
	if r := []rune(name); len(r) > 100 {
		name = string(r[:100])
	}
	return name + ".eml"
}
