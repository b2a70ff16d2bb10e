package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/templates/pdf"
)

func init() {
	commands["verify"] = command{"Memeriksa keaslian PDF bertanda tangan elektronik secara luring", runVerify}
}

// verifyResult is what `naskah verify --json` prints.
type verifyResult struct {
	File     string     `json:"file"`
	SHA256   string     `json:"sha256"`
	Valid    bool       `json:"valid"`
	Signer   string     `json:"signer,omitempty"`
	SignedAt *time.Time `json:"signed_at,omitempty"`
	Reason   string     `json:"reason,omitempty"`
}

// runVerify checks a PDF offline against the office's certificate in the
// data directory: "ASLI: …" when it is the signed original, "TIDAK ASLI: …"
// and exit status 1 otherwise.
func runVerify(ctx context.Context, args []string) error {
	var dir string
	var asJSON bool
	fs := newFlagSet("verify", "verify BERKAS.pdf [--data DIR] [--json]",
		"Memeriksa tanda tangan elektronik yang tertanam dalam PDF terhadap sertifikat kantor di direktori\n"+
			"data, tanpa jaringan. Satu bita yang berubah membuat berkas TIDAK ASLI (status keluar 1).")
	fs.StringVar(&dir, "data", "naskah-data", "direktori data kantor (berisi keys/office.crt)")
	fs.BoolVar(&asJSON, "json", false, "cetak hasil sebagai JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return letters.Errorf(letters.EINVALID, "Sebutkan satu berkas PDF: naskah verify BERKAS.pdf [--data DIR].")
	}
	file := fs.Arg(0)
	data, err := os.ReadFile(file)
	if err != nil {
		return letters.Errorf(letters.EINVALID, "Berkas %q tidak dapat dibaca: %v", file, err)
	}
	v, err := pdf.OpenVerifier(dir)
	if err != nil {
		return err
	}
	check, err := v.Verify(ctx, data)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	res := verifyResult{File: file, SHA256: hex.EncodeToString(sum[:]), Valid: check.Valid, Signer: check.Signer, Reason: check.Reason}
	if check.Valid && !check.SignedAt.IsZero() {
		at := check.SignedAt.In(officeLocation(dir))
		res.SignedAt = &at
	}
	if asJSON {
		if err := printJSON(os.Stdout, res); err != nil {
			return err
		}
	} else if check.Valid {
		fmt.Printf("ASLI: ditandatangani oleh %s", check.Signer)
		if res.SignedAt != nil {
			fmt.Printf(" pada %s", letters.FormatDateTime(*res.SignedAt))
		}
		fmt.Printf(".\nSertifikat: %s\nSHA-256: %s\n", v.Certificate().Subject.CommonName, res.SHA256)
	} else {
		fmt.Printf("TIDAK ASLI: %s.\nSHA-256: %s\n", check.Reason, res.SHA256)
	}
	if !check.Valid {
		return letters.Errorf(letters.EINVALID, "Berkas %s tidak asli.", filepath.Base(file))
	}
	return nil
}

// officeLocation is the office's time zone from the data directory's
// profile; UTC when it cannot be read (the check itself needs no profile).
func officeLocation(dir string) *time.Location {
	p, err := profile.Load(filepath.Join(dir, profileFile))
	if err != nil {
		return time.UTC
	}
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}
