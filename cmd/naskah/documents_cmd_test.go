package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDemoDocumentsListExportVerify: the demo office holds signed answers;
// `documents list --json` lists them, `documents export` writes one byte
// for byte, and both `naskah verify` and poppler's pdfsig accept it and
// reject a copy with one byte changed.
func TestDemoDocumentsListExportVerify(t *testing.T) {
	dir, _ := demoDir(t, "dpmptsp")
	out, err := runNaskah(t, "documents", "list", "--data", dir, "--json")
	if err != nil {
		t.Fatalf("documents list: %v\n%s", err, out)
	}
	var docs []struct {
		ID       int64  `json:"id"`
		Number   string `json:"number"`
		SHA256   string `json:"sha256"`
		Delivery string `json:"delivery"`
		Signer   struct {
			Name string `json:"name"`
		} `json:"signer"`
	}
	if err := json.Unmarshal([]byte(out), &docs); err != nil {
		t.Fatalf("documents list --json: %v\n%s", err, out)
	}
	if len(docs) != 3 {
		t.Fatalf("demo documents: %d, want 3 (signed, delivered, closed)\n%s", len(docs), out)
	}
	delivered := 0
	for _, d := range docs {
		if d.Delivery != "" {
			delivered++
		}
		if !strings.HasPrefix(d.Number, "500.16/") || d.Signer.Name != "Ir. Bambang Sutrisno, M.T." {
			t.Fatalf("unexpected document %+v", d)
		}
	}
	if delivered != 2 {
		t.Fatalf("delivered demo documents: %d, want 2", delivered)
	}

	file := filepath.Join(t.TempDir(), "jawaban.pdf")
	if out, err := runNaskah(t, "documents", "export", strconv.FormatInt(docs[0].ID, 10), "--data", dir, "-o", file); err != nil {
		t.Fatalf("documents export: %v\n%s", err, out)
	}
	text := pdfText(t, file)
	for _, want := range []string{docs[0].Number, "Bambang Sutrisno", "Jawaban atas pengaduan", "Kabid PKPL"} {
		if !strings.Contains(text, want) {
			t.Fatalf("exported PDF lacks %q:\n%s", want, text)
		}
	}
	if out, err := runNaskah(t, "verify", file, "--data", dir); err != nil || !strings.Contains(out, "ASLI") {
		t.Fatalf("naskah verify of the original: %v\n%s", err, out)
	}
	data, _ := os.ReadFile(file)
	data[len(data)/2] ^= 0x01
	changed := filepath.Join(t.TempDir(), "ubah.pdf")
	os.WriteFile(changed, data, 0o600)
	if out, err := runNaskah(t, "verify", changed, "--data", dir); err == nil || !strings.Contains(out, "TIDAK ASLI") {
		t.Fatalf("naskah verify accepted a changed byte: %v\n%s", err, out)
	}
	if _, err := exec.LookPath("pdfsig"); err != nil {
		t.Skip("pdfsig (poppler-utils) is not installed")
	}
	ok, _ := exec.Command("pdfsig", file).CombinedOutput()
	bad, _ := exec.Command("pdfsig", changed).CombinedOutput()
	if !strings.Contains(string(ok), "Signature is Valid") {
		t.Fatalf("pdfsig on the original:\n%s", ok)
	}
	if strings.Contains(string(bad), "Signature is Valid") {
		t.Fatalf("pdfsig accepts a changed byte:\n%s", bad)
	}
}
