package templates

import (
	"fmt"
	"io"
	"testing"
	"time"

	"naskah/letters"
)

// benchPages are the two longest staff pages at their full size: an agenda
// page of 50 letters and "Tugas saya" with 100 tasks and 50 overdue letters.
func benchPages() map[string]any {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	base := Base{Title: "Agenda", Office: "BKAD", User: &letters.User{ID: 1, Name: "Siti", Username: "frontoffice"}}
	ag := AgendaPage{Base: base, Total: 1000000, Page: 1, Pages: 20000, NextURL: "/agenda?hal=2"}
	for i := range 50 {
		ag.Rows = append(ag.Rows, AgendaRow{ID: int64(1000000 - i), AgendaNumber: fmt.Sprintf("PGD/%06d/BKAD/XI/2026", i),
			ReceivedAt: now, Channel: "Surat", Subject: "Pengaduan tentang jembatan yang rusak <b>berat</b>",
			Complainant: "Budi & Sons", Status: letters.StatusRegistered, Deadline: now, Overdue: i%3 == 0})
	}
	tp := TasksPage{Base: base}
	for i := range 100 {
		tp.Tasks = append(tp.Tasks, TaskRow{Kind: "Agendakan", URL: fmt.Sprintf("/surat/%d", i), AgendaNumber: "PGD/000001/BKAD/XI/2026",
			Subject: "Pengaduan tentang jembatan", Document: "Surat Jawaban", Position: "Petugas", Status: letters.StatusReceived,
			Deadline: Due{At: now, Left: "sisa 3 hari kerja"}})
	}
	tp.Overdue = tp.Tasks[:50]
	return map[string]any{PageAgenda: ag, "tasks": tp}
}

func BenchmarkRenderPage(b *testing.B) {
	t, err := Parse()
	if err != nil {
		b.Fatal(err)
	}
	for name, data := range benchPages() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := t.Render(io.Discard, name, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
