package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"naskah/letters"
)

// bkadProfile is BKAD Provinsi Kalimantan Barat as its Standar Pelayanan
// (seed 002) describes it: complaints face to face, by box, letter, phone or
// email, settled in 5 working days, escalated to the Governor through the
// Regional Secretary.
func bkadProfile() *letters.Profile {
	five := letters.Duration{Value: 5, Unit: letters.UnitWorkingDays}
	return &letters.Profile{
		Slug:     "bkad-kalbar",
		TimeZone: "Asia/Pontianak",
		Office: letters.Office{
			Name:      "Badan Keuangan dan Aset Daerah",
			ShortName: "BKAD",
			Parent:    "Pemerintah Provinsi Kalimantan Barat",
			Address:   "Jl. Ahmad Yani, Pontianak",
			City:      "Pontianak",
			Phone:     "(0561) 736541 ext. 445",
			Email:     "bkad@kalbarprov.go.id",
			Website:   "bkad.kalbarprov.go.id",
		},
		Positions: []letters.Position{
			{Code: "kepala", Title: "Kepala Badan Keuangan dan Aset Daerah"},
			{Code: "kasubag_rkme", Title: "Kepala Sub Bagian Rencana Kerja, Monitoring dan Evaluasi", Parent: "kepala"},
			{Code: "resepsionis", Title: "Petugas Resepsionis", Parent: "kasubag_rkme"},
		},
		Channels: []letters.Channel{
			{Code: "tatap_muka", Name: "Tatap Muka Langsung", Deadline: five, Receiver: "kasubag_rkme"},
			{Code: "kotak_pengaduan", Name: "Kotak Pengaduan", Deadline: five, Receiver: "resepsionis"},
			{Code: "surat", Name: "Surat", Deadline: five, Receiver: "resepsionis"},
			{Code: "telepon", Name: "Telepon", Deadline: five, Receiver: "resepsionis", Contact: "(0561) 736541 ext. 445"},
			{Code: "email", Name: "Email", Deadline: five, Receiver: "resepsionis", Contact: "bkad@kalbarprov.go.id"},
		},
		Escalation:  &letters.Escalation{To: "Gubernur Kalimantan Barat", Via: "Sekretaris Daerah Provinsi Kalimantan Barat"},
		Responsible: "kasubag_rkme",
	}
}

// bkadLetter is a complaint received face to face on Monday 23 November
// 2026 at 09.15 WIB, with its deadlines computed by the office's calendar.
func bkadLetter(t testing.TB, p *letters.Profile) *letters.Letter {
	t.Helper()
	loc, err := time.LoadLocation(p.TimeZone)
	if err != nil {
		t.Fatal(err)
	}
	cal, err := p.Calendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	received := time.Date(2026, 11, 23, 9, 15, 0, 0, loc)
	dl, err := p.Deadlines(cal, "tatap_muka", "", received)
	if err != nil {
		t.Fatal(err)
	}
	return &letters.Letter{
		ID:           12,
		AgendaNumber: "000.8.3/12/BKAD/XI/2026",
		TrackingCode: "7K3Q-M9XD-2HFA-TR8W",
		Category:     letters.CategoryPengaduan,
		Channel:      "tatap_muka",
		Subject:      "Keterlambatan pencairan dana hibah kelompok tani Desa Sungai Ambawang",
		Complainant: letters.Party{
			Name: "Yohanes Bosko Ndéwi", NIK: "6112010101800001", Phone: "081234567890",
		},
		Status:           letters.StatusRegistered,
		Responsible:      "kasubag_rkme",
		ReceivedAt:       received,
		RegisteredAt:     &received,
		Deadline:         dl.Completion,
		FirstResponseDue: dl.FirstResponse,
	}
}

func bkadReceipt(t testing.TB) ReceiptData {
	p := bkadProfile()
	return ReceiptData{
		Profile:  p,
		Letter:   bkadLetter(t, p),
		Official: Official{Name: "Drs. Agustinus Ñañez Pōhan, M.Si.", NIP: "197005121995031002"},
		Clerk:    Official{Name: "Siti Rahmawati", Position: "Petugas Resepsionis", NIP: "198803152010012004"},
		TrackURL: "https://naskah.bkad.kalbarprov.go.id/lacak/7K3Q-M9XD-2HFA-TR8W",
	}
}

var (
	testRendererOnce sync.Once
	testRenderer     *Renderer
	testRendererErr  error
)

func renderer(t testing.TB) *Renderer {
	t.Helper()
	testRendererOnce.Do(func() { testRenderer, testRendererErr = NewRenderer() })
	if testRendererErr != nil {
		t.Fatal(testRendererErr)
	}
	return testRenderer
}

// writeReceipt renders data into a file in a temporary directory.
func writeReceipt(t *testing.T, data ReceiptData) string {
	t.Helper()
	var buf bytes.Buffer
	if err := renderer(t).Receipt(&buf, data); err != nil {
		t.Fatalf("Receipt: %v", err)
	}
	path := filepath.Join(t.TempDir(), "tanda-bukti.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// poppler runs a poppler-utils tool. Without poppler-utils the test fails
// when CI=true and is skipped otherwise.
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not found: install poppler-utils (Debian: apt-get install poppler-utils); the PDF tests read PDFs back with it", tool)
		}
		t.Skipf("%s not found (poppler-utils not installed)", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", tool, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// pdfText is the text of a PDF as `pdftotext -layout` reads it.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	return poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-")
}

// oneLine collapses all runs of white space, for phrases that wrap.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
