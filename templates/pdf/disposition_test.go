package pdf

import (
	"strings"
	"testing"

	"naskah/letters"
)

func TestLembarDisposisiHoldsTheForm(t *testing.T) {
	s := disposition(t)
	b, err := renderer(t).RenderDisposition(s)
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "disposisi.pdf", b)
	text := pdfText(t, path)
	wantAll(t, "lembar disposisi", text, []string{
		"BADAN KEUANGAN DAN ASET DAERAH",
		"LEMBAR DISPOSISI", "Nomor: LD/15/BKAD/XI/2026",
		"Surat dari : Kelompok Tani Sungai Ambawang",
		"Nomor Surat : 07/KT-SA/XI/2026",
		"Tanggal Surat : 20 November 2026",
		"Diterima Tanggal : Senin, 23 November 2026 09.15 WIB",
		"Nomor Agenda : 000.8.3/12/BKAD/XI/2026",
		"Saluran : Surat",
		"Perihal : Keterlambatan pencairan dana hibah kelompok tani Desa Sungai Ambawang",
		// the nature: four boxes, the chosen one crossed
		"Biasa", "Segera", "X Sangat Segera", "Rahasia",
		"Diteruskan kepada Sdr.:", "1. Sekretaris Badan Keuangan dan", "2. Kepala Sub Bagian Rencana",
		"Isi Disposisi:", "X Untuk ditindaklanjuti", "X Siapkan jawaban", "Untuk diketahui", "Koordinasikan", "Arsip",
		"Catatan:", "Koordinasikan dengan Bidang Perbendaharaan;",
		"Batas waktu: Senin, 30 November 2026",
		"Tanggal: 23 November 2026 12.15 WIB",
		"Dr. Hendrikus Sanusi, S.E., M.Si.", "NIP. 197005141995031003", "HS",
		"Riwayat Disposisi", "Siti Nurhaliza (Petugas", "Diteruskan untuk disposisi", "23-11-2026 09.45",
	})
	for _, unticked := range []string{"X Biasa", "X Segera", "X Rahasia", "X Untuk diketahui", "X Arsip"} {
		if strings.Contains(oneLine(text), unticked) {
			t.Errorf("%q is ticked but was not chosen", unticked)
		}
	}
	// Half a folio sheet: 215 × 165 mm is 609.4 × 467.7 pt.
	if info := poppler(t, "pdfinfo", path); !strings.Contains(info, "609.45 x 467.72 pts") {
		t.Errorf("want a half-folio page (215 × 165 mm); pdfinfo:\n%s", info)
	}
	if p := pages(t, path); p != "1" {
		t.Errorf("the sheet takes %s pages, want 1", p)
	}
}

// A long cascade continues on a second sheet with the table header again.
func TestLembarDisposisiLongCascade(t *testing.T) {
	s := disposition(t)
	for i := 0; i < 12; i++ {
		s.Cascade = append(s.Cascade, letters.DispositionSheetLine{
			By: "Kepala Sub Bagian Rencana Kerja, Monitoring dan Evaluasi", To: "Analis Monitoring, Evaluasi dan Pelaporan",
			Instruction: "Siapkan jawaban dan koordinasikan dengan bidang terkait", At: s.At,
		})
	}
	s.Cascade[len(s.Cascade)-1].Instruction = "LANGKAH-TERAKHIR"
	b, err := renderer(t).RenderDisposition(s)
	if err != nil {
		t.Fatal(err)
	}
	path := writePDF(t, "disposisi.pdf", b)
	if p := pages(t, path); p == "1" {
		t.Fatal("a long cascade should continue on a second sheet")
	}
	last := poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", "2", path, "-")
	wantAll(t, "second sheet", last, []string{"(lanjutan)", "Isi Disposisi", "LANGKAH-TERAKHIR", "Halaman 2 dari"})
}

func TestLembarDisposisiRefusesWhatIsMissing(t *testing.T) {
	for _, tc := range []struct {
		edit  func(*letters.DispositionSheet)
		words string
	}{
		{func(s *letters.DispositionSheet) { s.Nature = "kilat" }, "Sifat disposisi"},
		{func(s *letters.DispositionSheet) { s.To = nil }, "diteruskan kepada"},
		{func(s *letters.DispositionSheet) { s.Instructions = nil }, "Isi disposisi"},
		{func(s *letters.DispositionSheet) { s.By.Position = "" }, "pemberi disposisi"},
	} {
		s := disposition(t)
		tc.edit(&s)
		_, err := renderer(t).RenderDisposition(s)
		if letters.ErrorCode(err) != letters.EINVALID || !strings.Contains(letters.ErrorMessage(err), tc.words) {
			t.Errorf("want EINVALID naming %q, got %v", tc.words, err)
		}
	}
	s := disposition(t)
	s.Nature = "sangat_segera"
	if _, err := renderer(t).RenderDisposition(s); err != nil {
		t.Errorf("the code sangat_segera should be accepted: %v", err)
	}
}
