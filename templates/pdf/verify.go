package pdf

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"regexp"
	"strconv"
	"time"

	pdfreader "github.com/digitorus/pdf"
	"github.com/digitorus/pkcs7"

	"naskah/letters"
)

var byteRangeRE = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)

// Verify checks that pdf carries a signature made with the office's current
// or a retired certificate and that not one byte of the file differs from
// what was signed: the signature must cover the whole file except its own
// /Contents, so neither a changed byte nor an update appended after signing
// passes. A file that is not original gives Valid false and the reason in
// Indonesian; the error is kept for failures to check at all.
func (s *Signer) Verify(ctx context.Context, pdf []byte) (letters.SignatureCheck, error) {
	if err := ctx.Err(); err != nil {
		return letters.SignatureCheck{}, err
	}
	check, p7, err := s.verify(pdf)
	if err != nil {
		check.Reason = err.Error()
		return check, nil
	}
	check.Valid = true
	var at time.Time
	if p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &at) == nil {
		check.SignedAt = at
	}
	check.Signer = signatureName(pdf)
	if check.Signer == "" {
		check.Signer = p7.GetOnlySigner().Subject.CommonName
	}
	return check, nil
}

// notOriginal is a reason a file is not original.
type notOriginal string

func (e notOriginal) Error() string { return string(e) }

func (s *Signer) verify(pdf []byte) (letters.SignatureCheck, *pkcs7.PKCS7, error) {
	var check letters.SignatureCheck
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return check, nil, notOriginal("berkas bukan PDF")
	}
	all := byteRangeRE.FindAllSubmatchIndex(pdf, -1)
	if len(all) == 0 {
		return check, nil, notOriginal("berkas tidak memuat tanda tangan elektronik")
	}
	m := all[len(all)-1]
	var r [4]int
	for i := range r {
		n, err := strconv.Atoi(string(pdf[m[2+2*i]:m[3+2*i]]))
		if err != nil {
			return check, nil, notOriginal("rentang tanda tangan (ByteRange) rusak")
		}
		r[i] = n
	}
	start, end := r[1], r[2] // the /Contents hex string, <…>, lies between
	switch {
	case r[0] != 0 || start <= 0 || end <= start || end > len(pdf) || r[2]+r[3] != len(pdf):
		return check, nil, notOriginal("tanda tangan tidak mencakup seluruh berkas: ada bagian yang ditambahkan atau diubah setelah ditandatangani")
	case pdf[start] != '<' || pdf[end-1] != '>':
		return check, nil, notOriginal("isi tanda tangan (Contents) tidak berada pada rentang yang ditandatangani")
	}
	raw := make([]byte, hex.DecodedLen(end-start-2))
	if _, err := hex.Decode(raw, pdf[start+1:end-1]); err != nil {
		return check, nil, notOriginal("isi tanda tangan rusak (bukan heksadesimal)")
	}
	var der asn1.RawValue
	if _, err := asn1.Unmarshal(raw, &der); err != nil {
		return check, nil, notOriginal("isi tanda tangan rusak (bukan PKCS#7)")
	}
	p7, err := pkcs7.Parse(der.FullBytes)
	if err != nil {
		return check, nil, notOriginal("isi tanda tangan rusak (bukan PKCS#7)")
	}
	signer := p7.GetOnlySigner()
	if signer == nil {
		return check, nil, notOriginal("tanda tangan tidak memuat sertifikat penanda tangan")
	}
	check.Signer = signer.Subject.CommonName
	p7.Content = make([]byte, 0, len(pdf)-(end-start))
	p7.Content = append(append(p7.Content, pdf[:start]...), pdf[end:]...)
	if err := p7.Verify(); err != nil {
		var mismatch *pkcs7.MessageDigestMismatchError
		if errors.As(err, &mismatch) {
			return check, nil, notOriginal("isi berkas tidak sama dengan yang ditandatangani: berkas telah diubah")
		}
		return check, nil, notOriginal("tanda tangan tidak sah: " + err.Error())
	}
	if !s.trusts(signer) {
		return check, nil, notOriginal("ditandatangani dengan sertifikat lain (" + signer.Subject.CommonName + "), bukan sertifikat kantor ini")
	}
	return check, p7, nil
}

// trusts reports whether c is the office's current or a retired certificate.
func (s *Signer) trusts(c *x509.Certificate) bool {
	for _, t := range s.trusted {
		if bytes.Equal(t.Raw, c.Raw) {
			return true
		}
	}
	return false
}

// signatureName is the /Name of the file's signature dictionary with its
// /ContactInfo (the signer's position and office) in parentheses, read with
// a PDF parser (it decodes UTF-16 strings); "" when there is none.
func signatureName(pdf []byte) (name string) {
	defer func() {
		if recover() != nil {
			name = ""
		}
	}()
	rdr, err := pdfreader.NewReader(bytes.NewReader(pdf), int64(len(pdf)))
	if err != nil {
		return ""
	}
	for _, x := range rdr.Xref() {
		v := rdr.Resolve(x.Ptr(), x.Ptr())
		if v.Key("Type").Name() == "Sig" && v.Key("Filter").Name() == "Adobe.PPKLite" {
			name = v.Key("Name").Text()
			if c := v.Key("ContactInfo").Text(); c != "" && name != "" {
				name += " (" + c + ")"
			}
		}
	}
	return name
}
