package pdf

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"naskah/letters"
)

// The office's signing key and certificate live in <data>/keys: office.key
// (PKCS#8 PEM, 0600) and office.crt (PEM). Certificates the office used
// before an import are kept as retired-*.crt so that documents signed
// earlier still verify.
const (
	keysDir       = "keys"
	keyFile       = "office.key"
	certFile      = "office.crt"
	retiredPrefix = "retired-"
	certYears     = 10
)

// oidDocumentSigning is the Document Signing extended key usage (RFC 9336).
var oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}

// generateOffice makes an ECDSA P-256 key and a self-signed certificate
// naming the office: CN the office's name, O the parent government.
func generateOffice(o letters.Office, now time.Time) (*ecdsa.PrivateKey, *x509.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("generate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, fmt.Errorf("serial: %w", err)
	}
	name := pkix.Name{CommonName: strings.TrimSpace(o.Name), Country: []string{"ID"}}
	if o.Parent != "" {
		name.Organization = []string{o.Parent}
	}
	if o.City != "" {
		name.Locality = []string{o.City}
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               name,
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(certYears, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{oidDocumentSigning},
		BasicConstraintsValid: true,
		// Not a CA: poppler's pdfsig (NSS) then reports a self-signed
		// office certificate as "Certificate issuer is unknown" rather than
		// as "Unknown issue with Certificate or corrupted data".
	}
	if o.Email != "" {
		tmpl.EmailAddresses = []string{o.Email}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("create certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, fmt.Errorf("parse certificate: %w", err)
	}
	return key, cert, nil
}

// parseKeyPair reads a PEM private key (PKCS#8, PKCS#1 or SEC 1) and a PEM
// certificate (the first block; further blocks are its chain) and checks
// that they belong together. Errors are EINVALID, in Indonesian.
func parseKeyPair(keyPEM, certPEM []byte) (crypto.Signer, []*x509.Certificate, error) {
	kb, _ := pem.Decode(keyPEM)
	if kb == nil {
		return nil, nil, letters.Errorf(letters.EINVALID, "Kunci privat bukan berkas PEM.")
	}
	var key any
	var err error
	switch kb.Type {
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(kb.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(kb.Bytes)
	default:
		key, err = x509.ParsePKCS8PrivateKey(kb.Bytes)
	}
	if err != nil {
		return nil, nil, letters.Errorf(letters.EINVALID, "Kunci privat tidak dapat dibaca: %v", err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, nil, letters.Errorf(letters.EINVALID, "Jenis kunci privat tidak didukung; gunakan RSA atau ECDSA.")
	}
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < 2048 {
			return nil, nil, letters.Errorf(letters.EINVALID, "Kunci RSA terlalu pendek (%d bit); minimal 2048 bit.", k.N.BitLen())
		}
	case *ecdsa.PrivateKey:
	default:
		return nil, nil, letters.Errorf(letters.EINVALID, "Jenis kunci privat tidak didukung; gunakan RSA atau ECDSA.")
	}
	chain, err := parseCerts(certPEM)
	if err != nil {
		return nil, nil, err
	}
	pub, ok := chain[0].PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(signer.Public()) {
		return nil, nil, letters.Errorf(letters.EINVALID, "Sertifikat tidak cocok dengan kunci privat.")
	}
	return signer, chain, nil
}

// parseCerts reads every CERTIFICATE block of a PEM file.
func parseCerts(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, letters.Errorf(letters.EINVALID, "Sertifikat tidak dapat dibaca: %v", err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, letters.Errorf(letters.EINVALID, "Sertifikat bukan berkas PEM berisi CERTIFICATE.")
	}
	return certs, nil
}

func encodeKey(key crypto.Signer) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("marshal key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

func encodeCerts(chain []*x509.Certificate) []byte {
	var out []byte
	for _, c := range chain {
		out = append(out, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	return out
}

// writeKeyPair stores the key (0600) and the certificate chain, each written
// to a temporary file and renamed, so that a crash leaves the old pair or
// the new one.
func writeKeyPair(dir string, key crypto.Signer, chain []*x509.Certificate) error {
	kp, err := encodeKey(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create keys directory: %w", err)
	}
	if err := writeAtomic(filepath.Join(dir, keyFile), kp, 0o600); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, certFile), encodeCerts(chain), 0o644)
}

func writeAtomic(path string, data []byte, perm os.FileMode) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}

// readKeyPair loads the stored pair; fs.ErrNotExist when there is none.
func readKeyPair(dir string) (crypto.Signer, []*x509.Certificate, error) {
	kp, err := os.ReadFile(filepath.Join(dir, keyFile))
	if err != nil {
		return nil, nil, err
	}
	st, err := os.Stat(filepath.Join(dir, keyFile))
	if err == nil && st.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(filepath.Join(dir, keyFile), 0o600); err != nil {
			return nil, nil, fmt.Errorf("restrict %s: %w", keyFile, err)
		}
	}
	cp, err := os.ReadFile(filepath.Join(dir, certFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, letters.Errorf(letters.EINVALID, "Kunci kantor ada tetapi sertifikat %s hilang.", filepath.Join(dir, certFile))
	}
	if err != nil {
		return nil, nil, err
	}
	return parseKeyPair(kp, cp)
}

// readTrusted loads the current certificate and the retired ones.
func readTrusted(dir string) ([]*x509.Certificate, error) {
	data, err := os.ReadFile(filepath.Join(dir, certFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Sertifikat kantor %s tidak ada; kantor belum pernah menandatangani dokumen.", filepath.Join(dir, certFile))
	}
	if err != nil {
		return nil, fmt.Errorf("read certificate: %w", err)
	}
	chain, err := parseCerts(data)
	if err != nil {
		return nil, err
	}
	trusted := chain[:1]
	old, _ := filepath.Glob(filepath.Join(dir, retiredPrefix+"*.crt"))
	for _, path := range old {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("read retired certificate: %w", err)
		}
		certs, err := parseCerts(data)
		if err != nil {
			return nil, err
		}
		trusted = append(trusted, certs[0])
	}
	return trusted, nil
}
