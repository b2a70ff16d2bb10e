package letters

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DocReportCover is the document code of the Surat Pengantar Laporan, the
// cover letter that sends a report to its recipient.
const DocReportCover = "pengantar_laporan"

func init() {
	DraftFieldKeys[DocReportCover] = []string{"hal", "lampiran"}
	DraftFieldLabels["hal"] = "Hal"
	DraftFieldLabels["lampiran"] = "Lampiran"
}

// ReportCover is the cover letter draft of a report duty's period.
type ReportCover struct {
	DraftID    int64      `json:"draft_id"`
	Duty       ReportDuty `json:"duty"`
	Period     Period     `json:"period"`
	State      string     `json:"state"`  // the draft's state
	Holder     string     `json:"holder"` // position the draft waits on; "" once signed
	Step       string     `json:"step"`   // kind of the step it waits at (draft, paraf, sign)
	DocumentID int64      `json:"document_id,omitempty"`
}

// Signed reports whether the cover letter is signed (the report is sent).
func (c *ReportCover) Signed() bool { return c.DocumentID != 0 }

// Waiting is what a report task line shows while the cover letter is in
// the chain: "menunggu paraf Sekretaris", "menunggu tanda tangan Kepala
// BKAD", "konsep di Kasubag ...".
func (c *ReportCover) Waiting(p *Profile) string {
	who := p.PositionTitle(c.Holder)
	switch {
	case c.Signed():
		return "surat pengantar sudah ditandatangani"
	case c.Step == StepParaf:
		return "surat pengantar menunggu paraf " + who
	case c.Step == StepSign:
		return "surat pengantar menunggu tanda tangan " + who
	}
	return "konsep surat pengantar sedang disusun oleh " + who
}

// ReportCoverService drafts the cover letters of the profile's reports. The
// draft then runs through DraftService like any outgoing letter; signing it
// records the report of its duty and period as sent, in the same
// transaction, so the report task disappears.
type ReportCoverService interface {
	// CreateReportCover starts the cover letter of duty (an index into
	// Profile.Reports) for period per, prefilled from the report's summary,
	// held by the duty's responsible position (EFORBIDDEN for any other).
	// ECONFLICT when the period has a cover letter already or is recorded as
	// sent; EINVALID when the period is of another kind or not over yet.
	CreateReportCover(ctx context.Context, duty int, per Period) (*Draft, error)
	// FindReportCovers lists the cover letters made, newest first.
	FindReportCovers(ctx context.Context) ([]*ReportCover, error)
}

// ReportDutyIndex picks the duty a cover letter of per is for: duty n
// (1-based, as the command line and forms number them) when n > 0, else the
// first duty of per's kind. EINVALID when there is none.
func (p *Profile) ReportDutyIndex(per Period, n int) (int, error) {
	if n > 0 {
		if n > len(p.Reports) {
			return 0, Errorf(EINVALID, "Tugas laporan nomor %d tidak ada; profil kantor memuat %d tugas laporan.", n, len(p.Reports))
		}
		if d := p.Reports[n-1]; d.Period != per.Kind {
			return 0, Errorf(EINVALID, "Periode %s bukan periode tugas laporan nomor %d (%s).", per.String(), n, d.Period)
		}
		return n - 1, nil
	}
	for i, d := range p.Reports {
		if d.Period == per.Kind {
			return i, nil
		}
	}
	return 0, Errorf(EINVALID, "Profil kantor tidak memuat tugas laporan %s untuk periode %s.", strings.ToLower(per.KindLabel()), per.String())
}

// ReportCoverDocument is the document type of cover letters: the profile's
// "pengantar_laporan" when it has one, else a Surat Pengantar Laporan
// numbered SPL/{nomor}/{unit}/{bulan_romawi}/{tahun} with the unit of the
// profile's Surat Jawaban.
func (p *Profile) ReportCoverDocument() Document {
	if d := p.Document(DocReportCover); d != nil {
		return *d
	}
	d := Document{Code: DocReportCover, Name: "Surat Pengantar Laporan",
		NumberFormat: "{kode}/{nomor}/{bulan_romawi}/{tahun}", Fields: map[string]string{"kode": "SPL"}}
	for _, code := range []string{"surat_jawaban", p.Agenda} {
		if src := p.Document(code); src != nil && src.Fields["unit"] != "" {
			d.Fields["unit"] = src.Fields["unit"]
			d.NumberFormat = "{kode}/{nomor}/{unit}/{bulan_romawi}/{tahun}"
			break
		}
	}
	return d
}

// ReportCoverChain is the approval chain of duty's cover letter: the
// profile's chain for "pengantar_laporan" when it has one; else the chain
// of its Surat Jawaban up to the signature, drafted by the duty's
// responsible position, without the paraf steps of that same position.
func (p *Profile) ReportCoverChain(duty ReportDuty) []ChainStep {
	if d := p.Document(DocReportCover); d != nil && len(d.Chain) > 0 {
		return p.DraftChain(DocReportCover, duty.Responsible)
	}
	chain := []ChainStep{{Position: duty.Responsible, Step: StepDraft, Label: "Menyusun konsep surat pengantar laporan"}}
	signed := false
	for _, st := range p.DraftChain("surat_jawaban", duty.Responsible)[1:] {
		if st.Step == StepParaf && st.Position != duty.Responsible {
			chain = append(chain, st)
		}
		if st.Step == StepSign {
			chain, signed = append(chain, st), true
			break
		}
	}
	if !signed {
		if pos := p.FirstAllowed(ActionSign); pos != "" {
			chain = append(chain, ChainStep{Position: pos, Step: StepSign, Label: "Menandatangani"})
		}
	}
	return chain
}

// ReportCoverAddressee is the "Yth." block of duty's cover letter: the
// recipient, "c.q." the office it goes through, "di Tempat".
func ReportCoverAddressee(duty ReportDuty) string {
	lines := []string{"Yth. " + duty.Recipient}
	if duty.Via != "" {
		lines = append(lines, "c.q. "+duty.Via)
	}
	return strings.Join(append(lines, "di", "    Tempat"), "\n")
}

// ReportCoverTemplate is the first version of the cover letter of duty for
// the period of sum, filled from the report's totals.
func (p *Profile) ReportCoverTemplate(duty ReportDuty, sum *ReportSummary) DraftInput {
	per := sum.Period
	name := "Laporan Pengaduan " + per.KindLabel() + " " + per.Label()
	in := DraftInput{Addressee: ReportCoverAddressee(duty), Fields: map[string]string{
		"hal":      "Penyampaian " + name,
		"lampiran": "1 (satu) berkas",
	}}
	rate := "belum ada pengaduan yang selesai"
	if sum.Completed > 0 {
		rate = FormatPercent(sum.WithinDeadlineRate) + " dari pengaduan yang selesai"
	}
	items := []string{
		"Pengaduan diterima: " + strconv.Itoa(sum.Received) + " pengaduan;",
		"Selesai ditindaklanjuti: " + strconv.Itoa(sum.Completed) + " pengaduan;",
		"Dalam proses: " + strconv.Itoa(sum.InProgress) + " pengaduan;",
		"Melewati batas waktu: " + strconv.Itoa(sum.Overdue) + " pengaduan;",
		"Diselesaikan dalam batas waktu: " + rate + ".",
	}
	var list strings.Builder
	for i, it := range items {
		if i > 0 {
			list.WriteString("\n")
		}
		fmt.Fprintf(&list, "%d. %s", i+1, it)
	}
	office := p.Office.Name
	in.Body = "Dengan hormat, bersama ini kami sampaikan " + name + " pada " + office +
		" (periode " + FormatDate(per.Start(time.UTC)) + " sampai dengan " +
		FormatDate(per.End(time.UTC).AddDate(0, 0, -1)) + "), dengan ringkasan sebagai berikut:\n\n" +
		list.String() + "\n\n" +
		"Rincian pengaduan, rekapitulasi per saluran dan per bulan, serta daftar pengaduan yang melewati batas waktu terlampir dalam " + name + ".\n\n" +
		"Demikian disampaikan, atas perhatian Bapak/Ibu diucapkan terima kasih."
	return in
}

// ReportDueDay is 23:59:59 of the day the report of duty for per is due.
func ReportDueDay(duty ReportDuty, per Period, loc *time.Location) time.Time {
	return dueDay(per, duty.DueDay, loc)
}

// FormatPercent writes a rate (0 to 1) as Indonesian text: 0.875 →
// "87,5%", 1 → "100%".
func FormatPercent(rate float64) string {
	s := strconv.FormatFloat(rate*100, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1) + "%"
}
