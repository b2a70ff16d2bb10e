package pdf

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf16"

	pdfreader "github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
	"golang.org/x/text/unicode/norm"

	"naskah/letters"
)

// Signer is the built-in letters.Signer: it embeds PKCS#7 detached
// signatures (adbe.pkcs7.detached, as Adobe Reader and poppler's pdfsig
// check them) made with the office's key from the data directory, and checks
// files against the office's certificates. It holds no mutable state after
// construction and is safe for concurrent use.
type Signer struct {
	key     crypto.Signer       // nil for a verifier
	chain   []*x509.Certificate // chain[0] is the office's certificate
	trusted []*x509.Certificate // chain[0] and retired certificates
}

var _ letters.Signer = (*Signer)(nil)

// NewSigner loads <dataDir>/keys/office.key and office.crt, or, at the
// office's first start, generates an ECDSA P-256 key (kept 0600) and a
// self-signed certificate with CN the office's name and O its parent
// government.
func NewSigner(dataDir string, office letters.Office) (*Signer, error) {
	dir := filepath.Join(dataDir, keysDir)
	key, chain, err := readKeyPair(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if strings.TrimSpace(office.Name) == "" {
			return nil, letters.Errorf(letters.EINVALID, "Nama kantor (office.name) kosong; sertifikat tanda tangan memerlukannya.")
		}
		if key, chain, err = createKeyPair(dataDir, office); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("office key: %w", err)
	}
	trusted, err := readTrusted(dir)
	if err != nil {
		return nil, err
	}
	return &Signer{key: key, chain: chain, trusted: trusted}, nil
}

// createKeyPair generates the office's key and certificate in a temporary
// directory and renames it to <dataDir>/keys, so that two processes
// starting at once cannot each sign with a key of their own: the loser of
// the rename loads the winner's pair.
func createKeyPair(dataDir string, office letters.Office) (crypto.Signer, []*x509.Certificate, error) {
	key, cert, err := generateOffice(office, time.Now())
	if err != nil {
		return nil, nil, err
	}
	chain := []*x509.Certificate{cert}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, nil, fmt.Errorf("create data directory: %w", err)
	}
	tmp, err := os.MkdirTemp(dataDir, keysDir+".tmp-")
	if err != nil {
		return nil, nil, fmt.Errorf("create keys directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := writeKeyPair(tmp, key, chain); err != nil {
		return nil, nil, err
	}
	dir := filepath.Join(dataDir, keysDir)
	if err := os.Rename(tmp, dir); err != nil {
		if k, c, rerr := readKeyPair(dir); rerr == nil {
			return k, c, nil
		}
		return nil, nil, fmt.Errorf("install office key: %w", err)
	}
	return key, chain, nil
}

// ImportSigner replaces the office's key and certificate with the office's
// own (e.g. one issued by a certification authority). keyPEM is a PKCS#8,
// PKCS#1 or SEC 1 private key; certPEM the certificate, optionally followed
// by its chain. The certificate in use before is kept as retired-<date>.crt,
// so documents signed with it still verify. EINVALID when the key and
// certificate are unreadable or do not belong together.
func ImportSigner(dataDir string, keyPEM, certPEM []byte) (*Signer, error) {
	key, chain, err := parseKeyPair(keyPEM, certPEM)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	if now.After(chain[0].NotAfter) {
		return nil, letters.Errorf(letters.EINVALID, "Sertifikat sudah kedaluwarsa sejak %s.", letters.FormatDate(chain[0].NotAfter))
	}
	dir := filepath.Join(dataDir, keysDir)
	if old, err := os.ReadFile(filepath.Join(dir, certFile)); err == nil {
		name := fmt.Sprintf("%s%s.crt", retiredPrefix, now.UTC().Format("20060102T150405.000000000"))
		if err := writeAtomic(filepath.Join(dir, name), old, 0o644); err != nil {
			return nil, err
		}
	}
	if err := writeKeyPair(dir, key, chain); err != nil {
		return nil, err
	}
	trusted, err := readTrusted(dir)
	if err != nil {
		return nil, err
	}
	return &Signer{key: key, chain: chain, trusted: trusted}, nil
}

// OpenVerifier loads only the office's certificates from the data directory,
// for checking files offline (naskah verify); it never creates a key, and
// its Sign fails. ENOTFOUND when the office has no certificate yet.
func OpenVerifier(dataDir string) (*Signer, error) {
	trusted, err := readTrusted(filepath.Join(dataDir, keysDir))
	if err != nil {
		return nil, err
	}
	return &Signer{chain: trusted[:1], trusted: trusted}, nil
}

// Certificate is the office's current certificate.
func (s *Signer) Certificate() *x509.Certificate { return s.chain[0] }

// CertificatePEM is the office's current certificate as PEM, for publishing.
func (s *Signer) CertificatePEM() []byte { return encodeCerts(s.chain[:1]) }

// Sign returns pdf with an embedded signature of the whole file, made with
// the office's key; the signature dictionary names the signer, the reason,
// the place and the time. EINVALID for bytes that are not a PDF.
func (s *Signer) Sign(ctx context.Context, pdf []byte, info letters.SignInfo) ([]byte, error) {
	if s.key == nil {
		return nil, letters.Errorf(letters.EINTERNAL, "Kunci privat kantor tidak dimuat; penanda tangan ini hanya dapat memeriksa.")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, letters.Errorf(letters.EINVALID, "Berkas yang akan ditandatangani bukan PDF.")
	}
	rdr, err := pdfreader.NewReader(bytes.NewReader(pdf), int64(len(pdf)))
	if err != nil {
		return nil, letters.Errorf(letters.EINVALID, "Berkas PDF tidak dapat dibaca untuk ditandatangani: %v", err)
	}
	at := info.At
	if at.IsZero() {
		at = time.Now()
	}
	// ContactInfo carries the signer's position, and the office unless the
	// position already names it.
	contact := s.chain[0].Subject.CommonName
	if pos := strings.TrimSpace(info.Signer.Position); pos != "" {
		if !strings.Contains(strings.ToLower(pos), strings.ToLower(contact)) {
			pos += ", " + contact
		}
		contact = pos
	}
	data := sign.SignData{
		Signature: sign.SignDataSignature{
			Info: sign.SignDataSignatureInfo{
				Name:        pdfSafe(info.Signer.Name),
				Location:    pdfSafe(info.Location),
				Reason:      pdfSafe(info.Reason),
				ContactInfo: pdfSafe(contact),
				Date:        at,
			},
			CertType:   sign.CertificationSignature,
			DocMDPPerm: sign.DoNotAllowAnyChangesPerms,
		},
		Signer:            s.key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       s.chain[0],
		CertificateChains: [][]*x509.Certificate{s.chain},
	}
	var out bytes.Buffer
	out.Grow(len(pdf) + 8192)
	if err := sign.Sign(bytes.NewReader(pdf), &out, rdr, int64(len(pdf)), data); err != nil {
		return nil, fmt.Errorf("sign pdf: %w", err)
	}
	return out.Bytes(), nil
}

// SignRecord signs data (e.g. a PDF's SHA-256 and the approval record) with
// the office's key: an ASN.1 ECDSA or PKCS#1 v1.5 RSA signature of its
// SHA-256 digest.
func (s *Signer) SignRecord(data []byte) ([]byte, error) {
	if s.key == nil {
		return nil, letters.Errorf(letters.EINTERNAL, "Kunci privat kantor tidak dimuat; penanda tangan ini hanya dapat memeriksa.")
	}
	sum := sha256.Sum256(data)
	sig, err := s.key.Sign(rand.Reader, sum[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("sign record: %w", err)
	}
	return sig, nil
}

// VerifyRecord checks a SignRecord signature against the office's current
// and retired certificates. EINVALID when none made it.
func (s *Signer) VerifyRecord(data, sig []byte) error {
	for _, c := range s.trusted {
		alg := x509.ECDSAWithSHA256
		if c.PublicKeyAlgorithm == x509.RSA {
			alg = x509.SHA256WithRSA
		}
		if c.CheckSignature(alg, data, sig) == nil {
			return nil
		}
	}
	return letters.Errorf(letters.EINVALID, "Tanda tangan catatan tidak sah: tidak dibuat dengan kunci kantor atau catatan telah diubah.")
}

// pdfSafe prepares s for pdfsign's signature dictionary strings, which
// writes non-ASCII text as raw UTF-16BE between parentheses without escaping:
// a rune with a byte '(', ')', '\' or CR in its UTF-16 form would break the
// string, so parentheses become brackets and other such runes their base
// letter (č as c) or '?'.
func pdfSafe(s string) string {
	bad := func(b rune) bool { return b == '(' || b == ')' || b == '\\' || b == '\r' }
	ascii := true
	for _, r := range s {
		if r >= 0x80 {
			ascii = false
		}
	}
	if ascii {
		return s
	}
	var out []rune
	for _, r := range s {
		units := utf16.Encode([]rune{r})
		ok := true
		for _, u := range units {
			if bad(rune(u>>8)) || bad(rune(u&0xFF)) {
				ok = false
			}
		}
		switch {
		case ok:
			out = append(out, r)
			continue
		case r == '(':
			out = append(out, '[')
			continue
		case r == ')':
			out = append(out, ']')
			continue
		}
		base := []rune(norm.NFD.String(string(r)))
		if len(base) > 0 && base[0] < 0x80 && base[0] >= 0x20 && !bad(base[0]) {
			out = append(out, base[0])
		} else {
			out = append(out, '?')
		}
	}
	return string(out)
}
