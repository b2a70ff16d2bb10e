package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/templates/pdf"
)

// signedLetter makes an office data directory (profile and signing key)
// and a signed answer letter in it; it returns the directory and the file.
func signedLetter(t *testing.T) (string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	src, err := profile.Source("bkad-kalbar")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, profileFile), src, 0o640); err != nil {
		t.Fatal(err)
	}
	p, err := profile.Load(filepath.Join(dir, profileFile))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation(p.TimeZone)
	at := time.Date(2026, 11, 23, 14, 5, 0, 0, loc)
	r, err := pdf.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	signer := letters.Official{Name: "Dr. Hendrikus Sanusi, S.E., M.Si.", Position: p.PositionTitle("kepala"), NIP: "197005141995031003"}
	raw, err := r.RenderDocument(letters.DocumentContent{
		Profile: p, Type: pdf.TypeSuratJawaban, Number: "000.8.3/45/BKAD-SJP/XI/2026", Date: at,
		Letter: &letters.Letter{
			AgendaNumber: "000.8.3/12/BKAD/XI/2026", Subject: "Keterlambatan pencairan dana hibah",
			Complainant: letters.Party{Name: "Yohanes Bosko Ndéwi"}, ReceivedAt: at,
		},
		Body:      "Pengaduan Saudara telah kami tindak lanjuti.",
		Signer:    signer,
		VerifyURL: "https://naskah.example/verifikasi/ABCD",
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := pdf.NewSigner(dir, p.Office)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := s.Sign(context.Background(), raw, letters.SignInfo{Signer: signer, Reason: "Penandatanganan Surat Jawaban Pengaduan", Location: "Pontianak", At: at})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "surat-jawaban.pdf")
	if err := os.WriteFile(file, signed, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func TestVerifyAcceptsTheOriginal(t *testing.T) {
	dir, file := signedLetter(t)
	out, err := runNaskah(t, "verify", file, "--data", dir)
	if err != nil {
		t.Fatalf("naskah verify of the original: %v\n%s", err, out)
	}
	if !strings.HasPrefix(out, "ASLI: ditandatangani oleh Dr. Hendrikus Sanusi, S.E., M.Si. (Kepala Badan Keuangan dan Aset Daerah Provinsi Kalimantan Barat") ||
		!strings.Contains(out, " pada ") || !strings.Contains(out, " WIB") {
		t.Errorf("unexpected output:\n%s", out)
	}

	out, err = runNaskah(t, "verify", "--json", file, "--data", dir)
	if err != nil {
		t.Fatalf("naskah verify --json: %v\n%s", err, out)
	}
	var res verifyResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, out)
	}
	if !res.Valid || res.SignedAt == nil || len(res.SHA256) != 64 || !strings.Contains(res.Signer, "Hendrikus") {
		t.Errorf("--json: %+v", res)
	}
}

func TestVerifyRejectsOneChangedByte(t *testing.T) {
	dir, file := signedLetter(t)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("Pengaduan Saudara telah"))
	if i < 0 {
		t.Fatal("body text not found in the PDF")
	}
	data[i] = 'p'
	changed := filepath.Join(t.TempDir(), "salinan.pdf")
	if err := os.WriteFile(changed, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runNaskah(t, "verify", changed, "--data", dir)
	if code := exitCode(err); code != 1 {
		t.Errorf("exit status %d for a changed file, want 1\n%s", code, out)
	}
	if !strings.HasPrefix(out, "TIDAK ASLI: ") || !strings.Contains(out, "telah diubah") {
		t.Errorf("unexpected output for a changed file:\n%s", out)
	}
	if pdfsig, err := exec.LookPath("pdfsig"); err == nil {
		rep, _ := exec.Command(pdfsig, changed).CombinedOutput()
		if strings.Contains(string(rep), "Signature is Valid") {
			t.Errorf("pdfsig accepts the changed copy:\n%s", rep)
		}
	}
}

func TestVerifyNeedsTheOfficeCertificate(t *testing.T) {
	_, file := signedLetter(t)
	other := t.TempDir()
	out, err := runNaskah(t, "verify", file, "--data", other)
	if err == nil || !strings.Contains(out, "Sertifikat kantor") {
		t.Errorf("verify without a certificate should fail naming it: %v\n%s", err, out)
	}
	// Another office's certificate: not original.
	dir2, _ := signedLetter(t)
	out, err = runNaskah(t, "verify", file, "--data", dir2)
	if exitCode(err) != 1 || !strings.Contains(out, "TIDAK ASLI: ditandatangani dengan sertifikat lain") {
		t.Errorf("a file signed by another office: %v\n%s", err, out)
	}
}
