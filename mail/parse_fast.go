package mail

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"

	"naskah/letters"
)

// Faster paths of the parser for what nearly every message has (issue 8:
// an import parses thousands of messages on every core). They give the
// same results as go-message's general paths, which remain for the rest.

// readBufs are scratch buffers that parts are read into before they are
// copied out at their exact size: io.ReadAll grows a new buffer for every
// part by doubling, twice the part's size of garbage each time.
var readBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuf is the largest scratch buffer kept for reuse.
const maxPooledBuf = 1 << 20

// readPart reads at most limit bytes of r into a scratch buffer; call done
// when the bytes are no longer needed.
func readPart(r io.Reader, limit int64) (data []byte, done func(), err error) {
	buf := readBufs.Get().(*bytes.Buffer)
	buf.Reset()
	_, err = buf.ReadFrom(io.LimitReader(r, limit))
	return buf.Bytes(), func() {
		if buf.Cap() <= maxPooledBuf {
			readBufs.Put(buf)
		}
	}, err
}

// entityReaders are the buffered readers messages are read through
// (message.Read allocates one for every message).
var entityReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

// maxHeaderBytes is go-message's limit of a message header.
const maxHeaderBytes = 1 << 20

var errHeaderTooBig = errors.New("message: header exceeds maximum size")

// readEntity is message.Read of the message raw, through a pooled reader:
// call done once the entity's body is no longer read.
func readEntity(raw []byte) (e *message.Entity, done func(), err error) {
	br := entityReaders.Get().(*bufio.Reader)
	lr := &headerLimit{r: bytes.NewReader(raw), n: maxHeaderBytes}
	br.Reset(lr)
	done = func() {
		br.Reset(nil)
		entityReaders.Put(br)
	}
	h, err := textproto.ReadHeader(br)
	if err != nil {
		done()
		return nil, func() {}, err
	}
	lr.n = math.MaxInt64
	e, err = message.New(message.Header{Header: h}, br)
	return e, done, err
}

// headerLimit fails a read past n bytes, as go-message's limit of the header.
type headerLimit struct {
	r io.Reader
	n int64
}

func (l *headerLimit) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errHeaderTooBig
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// decodedBody is a part body decoded in one pass (nextPart).
type decodedBody struct {
	data []byte
	off  int
	err  error // returned once data is read: a corrupt or cut encoding
}

func (d *decodedBody) Read(p []byte) (int, error) {
	if d.off >= len(d.data) {
		if d.err != nil {
			return 0, d.err
		}
		return 0, io.EOF
	}
	n := copy(p, d.data[d.off:])
	d.off += n
	return n, nil
}

// maxBase64Raw is the most encoded bytes decoded in one pass: an
// attachment of letters.MaxUploadSize with its line breaks. A larger part
// streams through go-message's decoder, so that attach can measure it.
const maxBase64Raw = (letters.MaxUploadSize+3)/3*4*78/76 + 4096

// nextPart returns the next part of mr as go-message's multipart reader
// does (message.New: transfer encoding and charset decoded), except that a
// base64 body is decoded here in one pass instead of through three
// byte-by-byte readers (a fifth of the parse of a message with a PDF).
// Like go-message, spaces and tabs in base64 are ignored.
func nextPart(mr *textproto.MultipartReader) (*message.Entity, error) {
	p, err := mr.NextPart()
	if err != nil {
		return nil, err
	}
	var body io.Reader = p
	if strings.EqualFold(strings.TrimSpace(p.Header.Get("Content-Transfer-Encoding")), "base64") &&
		!strings.HasPrefix(strings.ToLower(strings.TrimSpace(p.Header.Get("Content-Type"))), "multipart/") {
		body = decodeBase64(p)
		p.Header.Del("Content-Transfer-Encoding")
	}
	return message.New(message.Header{Header: p.Header}, body)
}

// decodeBase64 decodes the base64 body r.
func decodeBase64(r io.Reader) io.Reader {
	raw, done, rerr := readPart(r, maxBase64Raw+1)
	defer done()
	if len(raw) > maxBase64Raw {
		// Too large to keep: stream it, as go-message would.
		rest := io.MultiReader(bytes.NewReader(bytes.Clone(raw)), r)
		return base64.NewDecoder(base64.StdEncoding, &spaceFilter{r: rest})
	}
	// The decoder skips line breaks itself; spaces and tabs (rare) must go.
	if bytes.IndexByte(raw, ' ') >= 0 || bytes.IndexByte(raw, '\t') >= 0 {
		raw = raw[:compactBase64(raw)]
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(raw)))
	m, err := base64.StdEncoding.Decode(out, raw)
	if rerr != nil {
		err = rerr
	}
	return &decodedBody{data: out[:m], err: err}
}

// compactBase64 moves the base64 characters of raw to its start, without
// line breaks, spaces and tabs, and returns how many there are. Lines are
// copied whole: only a line with a space or tab is read byte by byte.
func compactBase64(raw []byte) int {
	n := 0
	for rest := raw; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if bytes.ContainsAny(line, " \t\r") {
			for _, c := range line {
				if c != ' ' && c != '\t' && c != '\r' {
					raw[n] = c
					n++
				}
			}
			continue
		}
		n += copy(raw[n:], line)
	}
	return n
}

// spaceFilter drops spaces and tabs (base64.NewDecoder drops line breaks).
type spaceFilter struct{ r io.Reader }

func (f *spaceFilter) Read(p []byte) (int, error) {
	for {
		n, err := f.r.Read(p)
		k := 0
		for _, c := range p[:n] {
			if c != ' ' && c != '\t' {
				p[k] = c
				k++
			}
		}
		if k > 0 || n == 0 || err != nil {
			return k, err
		}
	}
}

// headerDate reads the Date header in the form nearly every mailer writes
// (RFC 5322's, as time.RFC1123Z) without go-message's general parser,
// which tries several layouts and allocates an error for each that does
// not fit. ok is false for any other form.
func headerDate(v string) (t time.Time, ok bool) {
	v = strings.TrimSpace(v)
	if len(v) != len(time.RFC1123Z) || v[3] != ',' {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC1123Z, v)
	return t, err == nil
}
