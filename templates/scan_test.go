package templates_test

import (
	"testing"
	"time"

	"naskah/letters"
	"naskah/templates"
)

func scanSamples(l *letters.Letter, staff *letters.User) map[string]any {
	d := time.Date(2026, 10, 12, 12, 0, 0, 0, time.UTC)
	return map[string]any{
		templates.PageScan: templates.ScanPage{
			Base: templates.Base{Title: "Teks Pindaian", User: staff}, Letter: l, MayEdit: true, Pending: true,
			Scans: []*letters.Scan{
				{AttachmentID: 3, Name: "surat.jpg", Status: letters.ScanDone, Method: letters.ScanMethodOCR, Pages: 1,
					Text:       "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR\nNomor : 800/123/BKAD/X/2026",
					Suggestion: &letters.Suggestion{Number: "800/123/BKAD/X/2026", Place: "Kupang", Date: &d, Subject: "Permohonan Data"}},
				{AttachmentID: 4, Name: "banjir.png", Status: letters.ScanFailed, Reason: "Gambar \"banjir.png\" berukuran 100.000 × 100.000 piksel"},
				{AttachmentID: 5, Name: "lampiran.pdf", Status: letters.ScanPending},
			},
			Form:      templates.ScanForm{RefNumber: "800/123/BKAD/X/2026", RefDate: "2026-10-12", Subject: "Permohonan Data"},
			Suggested: map[string]bool{"number": true, "date": true, "subject": true},
		},
	}
}

func TestScanPageShowsTextSuggestionsAndReasons(t *testing.T) {
	tpl := parse(t)
	var staff letters.User
	l := &letters.Letter{ID: 9, AgendaNumber: "000.8.3/12/BKAD/XI/2026"}
	html := render(t, tpl, templates.PageScan, scanSamples(l, &staff)[templates.PageScan])
	mustContain(t, "pindaian", html, "000.8.3/12/BKAD/XI/2026", `value="800/123/BKAD/X/2026"`, `value="2026-10-12"`,
		"Kupang, 12 Oktober 2026", "Selesai dibaca", "Tidak dapat dibaca", "100.000 × 100.000 piksel", "Menunggu dibaca",
		`<span class="badge">saran</span>`, `http-equiv="refresh"`, `href="/lampiran/3"`, "NUSA TENGGARA TIMUR")
}
