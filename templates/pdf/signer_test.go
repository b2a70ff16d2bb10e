package pdf

import (
	"bytes"
	"context"
	"crypto/x509"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"naskah/letters"
)

// signedBeritaAcara renders the Berita Acara and signs it with a new
// office key in dir.
func signedBeritaAcara(t *testing.T, dir string) (*Signer, []byte) {
	t.Helper()
	c := beritaAcara(t)
	s, err := NewSigner(dir, c.Profile.Office)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := renderer(t).RenderDocument(c)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := s.Sign(context.Background(), raw, letters.SignInfo{
		Signer: c.Signer, Reason: "Penandatanganan Berita Acara Penyelesaian Pengaduan", Location: "Pontianak", At: c.Date,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, signed
}

// pdfsig runs poppler's pdfsig on path; it exits non-zero for a broken
// signature, so its output is returned either way.
func pdfsig(t *testing.T, path string) string {
	t.Helper()
	poppler(t, "pdfinfo", path) // skips or fails without poppler-utils
	out, _ := exec.Command("pdfsig", path).CombinedOutput()
	return string(out)
}

// flipContentByte changes one byte of the page's text, inside the signed
// range, without touching the file's structure.
func flipContentByte(t *testing.T, pdf []byte) []byte {
	t.Helper()
	i := bytes.Index(pdf, []byte("Hasil Penyelesaian"))
	if i < 0 {
		i = bytes.Index(pdf, []byte("BT "))
	}
	if i < 0 {
		t.Fatal("no text operator in the PDF")
	}
	out := bytes.Clone(pdf)
	out[i] ^= 0x01
	return out
}

func TestNewSignerCreatesAndReloadsTheOfficeKey(t *testing.T) {
	dir := t.TempDir()
	o := bkadProfile().Office
	s, err := NewSigner(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, "keys", "office.key"))
	if err != nil {
		t.Fatal(err)
	}
	if perm := st.Mode().Perm(); perm != 0o600 {
		t.Errorf("office.key has mode %o, want 0600", perm)
	}
	cert := s.Certificate()
	if cert.Subject.CommonName != o.Name || len(cert.Subject.Organization) != 1 || cert.Subject.Organization[0] != o.Parent {
		t.Errorf("certificate subject %q, want CN=%s, O=%s", cert.Subject, o.Name, o.Parent)
	}
	again, err := NewSigner(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Certificate().Equal(cert) {
		t.Error("a second start made a new certificate instead of loading the stored one")
	}
}

func TestSignedDocumentIsValidForPdfsigAndVerify(t *testing.T) {
	s, signed := signedBeritaAcara(t, t.TempDir())
	path := writePDF(t, "ba-signed.pdf", signed)
	out := pdfsig(t, path)
	for _, want := range []string{
		"Signature Validation: Signature is Valid.",
		"Signer Certificate Common Name: Badan Keuangan dan Aset Daerah",
		"Signature Type: adbe.pkcs7.detached",
		"Total document signed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfsig lacks %q:\n%s", want, out)
		}
	}
	check, err := s.Verify(context.Background(), signed)
	if err != nil {
		t.Fatal(err)
	}
	if !check.Valid || !strings.Contains(check.Signer, "Muhammad Rizal Fahmi, S.Kom., M.Si.") ||
		!strings.Contains(check.Signer, "Kepala Sub Bagian Rencana Kerja") || check.SignedAt.IsZero() {
		t.Errorf("Verify of the original: %+v", check)
	}
	// The signed file still reads as the document.
	if text := oneLine(pdfText(t, path)); !strings.Contains(text, "Nomor: BA/7/BKAD/XI/2026") {
		t.Errorf("signed PDF lost its text:\n%s", text)
	}
}

func TestOneChangedByteIsNotOriginal(t *testing.T) {
	s, signed := signedBeritaAcara(t, t.TempDir())
	changed := flipContentByte(t, signed)
	out := pdfsig(t, writePDF(t, "changed.pdf", changed))
	if strings.Contains(out, "Signature is Valid") || !strings.Contains(out, "Digest Mismatch") {
		t.Errorf("pdfsig should report the changed copy as a digest mismatch:\n%s", out)
	}
	check, err := s.Verify(context.Background(), changed)
	if err != nil {
		t.Fatal(err)
	}
	if check.Valid || !strings.Contains(check.Reason, "telah diubah") {
		t.Errorf("Verify of a changed copy: %+v", check)
	}

	// Every single byte counts: the signature's own bytes, the trailer, or
	// a byte added at the end.
	for _, at := range []int{len(signed) / 3, len(signed) - 40, len(signed) - 3} {
		c := bytes.Clone(signed)
		c[at] ^= 0x20
		if check, _ := s.Verify(context.Background(), c); check.Valid {
			t.Errorf("byte %d of %d changed, yet Verify says original", at, len(signed))
		}
	}
	if check, _ := s.Verify(context.Background(), append(bytes.Clone(signed), '\n')); check.Valid {
		t.Error("a byte appended after signing, yet Verify says original")
	}
}

func TestOtherKeyIsRefused(t *testing.T) {
	office, _ := signedBeritaAcara(t, t.TempDir())
	_, foreign := signedBeritaAcara(t, t.TempDir()) // the same document, another key
	check, err := office.Verify(context.Background(), foreign)
	if err != nil {
		t.Fatal(err)
	}
	if check.Valid || !strings.Contains(check.Reason, "sertifikat lain") {
		t.Errorf("a PDF signed with another key: %+v", check)
	}
	if check, _ := office.Verify(context.Background(), []byte("%PDF-1.4\nno signature\n%%EOF\n")); check.Valid || !strings.Contains(check.Reason, "tidak memuat tanda tangan") {
		t.Errorf("an unsigned PDF: %+v", check)
	}
	if _, err := office.Sign(context.Background(), []byte("bukan pdf"), letters.SignInfo{}); letters.ErrorCode(err) != letters.EINVALID {
		t.Errorf("signing a non-PDF: want EINVALID, got %v", err)
	}
}

// After an office imports its own certificate, documents signed with the
// self-signed one still verify, and new ones verify with the new.
func TestImportedCertificateKeepsOldDocumentsValid(t *testing.T) {
	dir := t.TempDir()
	_, old := signedBeritaAcara(t, dir)
	key, cert, err := generateOffice(letters.Office{Name: "BKAD Kalbar (sertifikat BSrE)", Parent: "Pemerintah Provinsi Kalimantan Barat"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	keyPEM, _ := encodeKey(key)
	imported, err := ImportSigner(dir, keyPEM, encodeCerts([]*x509.Certificate{cert}))
	if err != nil {
		t.Fatal(err)
	}
	if check, _ := imported.Verify(context.Background(), old); !check.Valid {
		t.Errorf("a document signed before the import no longer verifies: %+v", check)
	}
	fresh, err := imported.Sign(context.Background(), old[:bytes.Index(old, []byte("%%EOF"))+5], letters.SignInfo{Signer: letters.Official{Name: "A"}})
	if err != nil {
		t.Fatal(err)
	}
	if check, _ := imported.Verify(context.Background(), fresh); !check.Valid {
		t.Errorf("a document signed with the imported key: %+v", check)
	}
	v, err := OpenVerifier(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Certificate().Equal(cert) {
		t.Error("the verifier does not use the imported certificate")
	}
	if _, err := ImportSigner(dir, keyPEM, encodeCerts(imported.trusted[1:2])); letters.ErrorCode(err) != letters.EINVALID {
		t.Errorf("a certificate that does not match the key: want EINVALID, got %v", err)
	}
}

func TestSignerIsSafeForConcurrentUse(t *testing.T) {
	s, signed := signedBeritaAcara(t, t.TempDir())
	raw := signed[:bytes.Index(signed, []byte("%%EOF"))+5]
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := s.Sign(context.Background(), raw, letters.SignInfo{Signer: letters.Official{Name: "Muhammad Rizal Fahmi"}})
			if err == nil {
				var check letters.SignatureCheck
				check, err = s.Verify(context.Background(), out)
				if err == nil && !check.Valid {
					err = &letters.Error{Code: letters.EINTERNAL, Message: check.Reason}
				}
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestRecordSignature(t *testing.T) {
	s, _ := signedBeritaAcara(t, t.TempDir())
	rec := []byte("sha256=ab12…;step=sign;user=kasubag;version=2")
	sig, err := s.SignRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.VerifyRecord(rec, sig); err != nil {
		t.Errorf("own record: %v", err)
	}
	if err := s.VerifyRecord(append(rec, '!'), sig); letters.ErrorCode(err) != letters.EINVALID {
		t.Errorf("changed record: want EINVALID, got %v", err)
	}
}

// Processes starting together at first start end up with one office key.
func TestFirstStartRaceMakesOneKey(t *testing.T) {
	dir := t.TempDir()
	o := bkadProfile().Office
	var wg sync.WaitGroup
	certs := make([]*x509.Certificate, 6)
	for i := range certs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := NewSigner(dir, o)
			if err != nil {
				t.Error(err)
				return
			}
			certs[i] = s.Certificate()
		}()
	}
	wg.Wait()
	stored, err := OpenVerifier(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range certs {
		if c != nil && !c.Equal(stored.Certificate()) {
			t.Errorf("signer %d holds a certificate other than the stored one", i)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "keys.tmp-*")); len(left) > 0 {
		t.Errorf("temporary key directories left behind: %v", left)
	}
}
