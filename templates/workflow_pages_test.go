package templates_test

import (
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/templates"
)

func workflowSamples(l *letters.Letter, staff *letters.User) map[string]any {
	at := time.Date(2026, 11, 24, 3, 0, 0, 0, time.UTC)
	chain := []letters.ChainStep{{Position: "analis", Step: "draft", Label: "Analis menyusun konsep"},
		{Position: "kasubag_rkme", Step: "paraf", Label: "Memeriksa dan memaraf"}, {Position: "kepala", Step: "sign", Label: "Menandatangani"}}
	mark := letters.Paraf{Step: 0, Kind: "draft", Short: "Analis Monev", Official: letters.Official{Name: "Dewi Sartika"}, Version: 2, At: at}
	d := &letters.Draft{ID: 4, LetterID: l.ID, Type: "surat_jawaban", Title: "SURAT JAWABAN PENGADUAN", Version: 2, Step: 1,
		Chain: chain, Holder: "kasubag_rkme", ReturnNote: "Perbaiki <alamat>.", Parafs: []letters.Paraf{mark},
		Current: &letters.DraftVersion{Version: 2, Addressee: "Yth. Sdr. Budi", Body: "Baris satu\nBaris <dua>"}}
	doc := &letters.IssuedDocument{ID: 9, Title: "SURAT JAWABAN PENGADUAN", Number: "000.8.3/5/BKAD-SJP/XI/2026",
		Signer:   letters.Official{Name: "Dr. Hendrikus Sanusi", Position: "Kepala BKAD", NIP: "197005141995031003"},
		SignedAt: at, SHA256: strings.Repeat("ab", 32), VerifyCode: "KWJH-7WP5-Q96E-G53K", Parafs: []letters.Paraf{mark}}
	base := templates.Base{Title: "Konsep", Office: "BKAD", User: staff}
	return map[string]any{
		templates.PageDraft: templates.DraftPage{Base: base, Letter: l, Draft: d,
			Steps: []templates.StepRow{{Index: 0, Label: "Analis menyusun konsep", Position: "Analis", Kind: "draft", Done: true, Mark: &mark},
				{Index: 1, Label: "Memeriksa", Position: "Kasubag RKME", Kind: "paraf", Current: true}},
			Fields:   []templates.FieldRow{{Key: "perihal", Label: "Perihal", Value: "Jawaban"}},
			Versions: []templates.VersionRow{{Version: 1, By: "Dewi", At: at}, {Version: 2, By: "Dewi", At: at, Note: "perbaikan"}},
			Diff:     letters.DiffLines("Baris satu\nBaris dua", "Baris satu\nBaris <dua>"), DiffFrom: 1, DiffTo: 2,
			CanParaf: true, CanReturn: true, ReturnTo: []templates.Option{{Value: "0", Label: "Analis"}},
			Document: &templates.DocumentRow{ID: 9, Number: doc.Number, Signer: "Dr. Hendrikus Sanusi", SignedAt: at, VerifyCode: doc.VerifyCode, LaporText: "Tindak lanjut"},
			Deadline: templates.Due{At: at, Left: "sisa 3 hari kerja lagi"}},
		templates.PageTasks: templates.TasksPage{Base: base, Tasks: []templates.TaskRow{{Kind: "paraf", URL: "/konsep/4",
			AgendaNumber: l.AgendaNumber, Subject: "Hibah <belum> cair", Document: "Surat Jawaban Pengaduan", Position: "Kasubag RKME",
			Status: letters.StatusInReview, Deadline: templates.Due{At: at, Left: "terlambat 1 hari kerja", Overdue: true}}}},
		templates.PageVerify: templates.VerifyPage{Base: templates.Base{Title: "Verifikasi"}, Code: doc.VerifyCode, Found: true,
			Document: doc, Office: "Badan Keuangan dan Aset Daerah", Checked: true,
			Check: letters.FileCheck{Reason: "Berkas ini BUKAN dokumen asli.", SHA256: strings.Repeat("cd", 32)}},
	}
}

func TestWorkflowPagesShowTheirData(t *testing.T) {
	tpl := parse(t)
	s := samples()
	mustContain(t, "draft", render(t, tpl, templates.PageDraft, s[templates.PageDraft]),
		"SURAT JAWABAN PENGADUAN", "Perbaiki &lt;alamat&gt;.", "menunggu di sini", `action="/konsep/4/paraf"`,
		`action="/konsep/4/kembalikan"`, "Baris &lt;dua&gt;", `class="diff-add"`, "/dokumen/9.pdf")
	mustContain(t, "tasks", render(t, tpl, templates.PageTasks, s[templates.PageTasks]),
		`href="/konsep/4"`, "Hibah &lt;belum&gt; cair", "terlambat 1 hari kerja")
	mustContain(t, "verify", render(t, tpl, templates.PageVerify, s[templates.PageVerify]),
		"000.8.3/5/BKAD-SJP/XI/2026", "Dr. Hendrikus Sanusi", "BUKAN dokumen asli", `enctype="multipart/form-data"`)
}
