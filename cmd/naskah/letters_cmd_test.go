package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLettersAddListReceipt walks the command-line intake: a complaint is
// registered, listed as JSON, and its receipt holds what a clerk checks.
func TestLettersAddListReceipt(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	last := lastAgendaSeq(t, dir)
	out, err := runNaskah(t, "letters", "add", "--data", dir, "--channel", "telepon",
		"--subject", "Antrean loket pembayaran terlalu lama", "--name", "Paulus Ndéwi",
		"--phone", "0812-3456-7890", "--json")
	if err != nil {
		t.Fatalf("letters add: %v\n%s", err, out)
	}
	var added struct {
		ID           int64  `json:"id"`
		AgendaNumber string `json:"agenda_number"`
		TrackingCode string `json:"tracking_code"`
		Status       string `json:"status"`
	}
	if err := json.Unmarshal([]byte(out), &added); err != nil {
		t.Fatalf("letters add --json is not JSON: %v\n%s", err, out)
	}
	// The next agenda number after the demo office's cases.
	if !strings.HasPrefix(added.AgendaNumber, fmt.Sprintf("000.8.3/%d/BKAD/", last+1)) || added.TrackingCode == "" || added.Status != "registered" {
		t.Fatalf("unexpected letter: %+v", added)
	}

	out, err = runNaskah(t, "letters", "list", "--data", dir, "--json", "--channel", "telepon")
	if err != nil {
		t.Fatalf("letters list: %v\n%s", err, out)
	}
	var list struct {
		Total   int `json:"total"`
		Letters []struct {
			AgendaNumber string `json:"agenda_number"`
		} `json:"letters"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range list.Letters {
		found = found || l.AgendaNumber == added.AgendaNumber
	}
	if !found {
		t.Fatalf("new letter %s not in the telepon list: %s", added.AgendaNumber, out)
	}

	pdfPath := filepath.Join(t.TempDir(), "tanda-bukti.pdf")
	if out, err := runNaskah(t, "letters", "receipt", itoa(added.ID), "--data", dir, "-o", pdfPath); err != nil {
		t.Fatalf("letters receipt: %v\n%s", err, out)
	}
	text := pdfText(t, pdfPath)
	for _, want := range []string{added.AgendaNumber, added.TrackingCode, "Muhammad Rizal Fahmi", "Paulus Ndéwi", "TANDA BUKTI PENGADUAN"} {
		if !strings.Contains(text, want) {
			t.Errorf("receipt lacks %q:\n%s", want, text)
		}
	}
}

// TestLettersAddRefusesMissingIdentity: the telephone channel needs a phone
// number; the refusal names it and nothing is registered.
func TestLettersAddRefusesMissingIdentity(t *testing.T) {
	dir, _ := demoDir(t, "bkad-kalbar")
	before := agendaTotal(t, dir)
	out, err := runNaskah(t, "letters", "add", "--data", dir, "--channel", "telepon",
		"--subject", "Tanpa nomor", "--name", "Anon")
	if err == nil || !strings.Contains(strings.ToLower(out), "telepon") {
		t.Fatalf("want a refusal naming the phone, got %v\n%s", err, out)
	}
	if after := agendaTotal(t, dir); after != before {
		t.Fatalf("the refused letter changed the agenda: %d letters, was %d", after, before)
	}
}

func TestProfilesCheckNamesTheLine(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "kantor.yaml")
	src, err := os.ReadFile(filepath.Join("..", "..", "letters", "profile", "profiles", "bkad-kalbar.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(src), "receiver: petugas_pengaduan", "receiver: satpam", 1)
	if err := os.WriteFile(bad, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runNaskah(t, "profiles", "check", bad)
	if err == nil || !strings.Contains(out, "baris") || !strings.Contains(out, "satpam") {
		t.Fatalf("want the line of the unknown position, got %v\n%s", err, out)
	}
	if out, err := runNaskah(t, "profiles", "check", filepath.Join("..", "..", "letters", "profile", "profiles", "dpmptsp.yaml")); err != nil {
		t.Fatalf("a shipped profile fails its check: %v\n%s", err, out)
	}
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is missing")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// agendaList returns what `naskah letters list --json` reports.
func agendaList(t *testing.T, dir string) (total int, numbers []string) {
	t.Helper()
	out, err := runNaskah(t, "letters", "list", "--data", dir, "--json", "--limit", "500")
	if err != nil {
		t.Fatalf("letters list: %v\n%s", err, out)
	}
	var list struct {
		Total   int `json:"total"`
		Letters []struct {
			AgendaNumber string `json:"agenda_number"`
		} `json:"letters"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	for _, l := range list.Letters {
		numbers = append(numbers, l.AgendaNumber)
	}
	return list.Total, numbers
}

// agendaTotal is the number of letters in the register.
func agendaTotal(t *testing.T, dir string) int {
	total, _ := agendaList(t, dir)
	return total
}

// lastAgendaSeq is the highest running agenda number issued so far.
func lastAgendaSeq(t *testing.T, dir string) int {
	_, numbers := agendaList(t, dir)
	last := 0
	for _, n := range numbers {
		if parts := strings.Split(n, "/"); len(parts) > 1 {
			if seq, err := strconv.Atoi(parts[1]); err == nil {
				last = max(last, seq)
			}
		}
	}
	return last
}
