package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

// monthlyDuty returns the index and duty of the profile's monthly report.
func monthlyDuty(t testing.TB, p *letters.Profile) (int, letters.ReportDuty) {
	t.Helper()
	for i, d := range p.Reports {
		if d.Period == letters.PeriodMonthly {
			return i, d
		}
	}
	t.Fatalf("%s has no monthly report duty", p.Office.Name)
	return 0, letters.ReportDuty{}
}

// The Surat Pengantar Laporan of October 2026 for bkad-kalbar: drafted by
// the responsible position from the report's totals, addressed to the
// Governor c.q. the Sekda, run through paraf and signature; signing numbers
// it, prints the QR code and records the report as sent, so the reminder
// of October ends then and not before.
func TestReportCover_SignSendsTheReport(t *testing.T) {
	o := MustOffice(t, "bkad-kalbar")
	loc := o.DB.Calendar.Location()
	idx, duty := monthlyDuty(t, o.P)
	per, err := letters.ParsePeriod("2026-10")
	if err != nil {
		t.Fatal(err)
	}
	clerk := o.As(t, o.P.Channel("tatap_muka").Receiver)
	var oct []*letters.Letter
	for i, at := range []time.Time{
		time.Date(2026, 9, 30, 10, 0, 0, 0, loc), // September: not in the report
		time.Date(2026, 10, 1, 10, 0, 0, 0, loc),
		time.Date(2026, 10, 2, 10, 0, 0, 0, loc),
		time.Date(2026, 10, 30, 10, 0, 0, 0, loc),
	} {
		o.Clock.Set(at)
		l := NewLetter("Pengaduan laporan " + strconv.Itoa(i))
		l.Channel = "tatap_muka"
		MustCreateLetter(t, o.DB, clerk, l)
		if at.Month() == time.October {
			oct = append(oct, l)
		}
	}
	now := time.Date(2026, 11, 3, 9, 0, 0, 0, loc)
	o.Clock.Set(now)
	overdue := 0
	for _, l := range oct {
		if now.After(l.Deadline) {
			overdue++
		}
	}

	owed := func() bool {
		sent, err := o.DB.ReportSent(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, task := range o.P.ReportTasks(o.DB.Calendar, o.Clock.Now(), duty.Responsible, sent) {
			if task.Period == per {
				return true
			}
		}
		return false
	}
	if !owed() {
		t.Fatal("the October report is not reminded before its cover letter")
	}

	_, err = o.WF.CreateReportCover(o.As(t, "analis"), idx, per)
	ExpectCode(t, err, letters.EFORBIDDEN)
	_, err = o.WF.CreateReportCover(o.As(t, duty.Responsible), idx, letters.Period{Kind: letters.PeriodMonthly, Year: 2026, N: 11})
	ExpectCode(t, err, letters.EINVALID) // November is not over

	resp := o.As(t, duty.Responsible)
	d, err := o.WF.CreateReportCover(resp, idx, per)
	if err != nil {
		t.Fatalf("CreateReportCover: %v", err)
	}
	var chain []string
	for _, st := range d.Chain {
		chain = append(chain, st.Position+":"+st.Step)
	}
	if got, want := strings.Join(chain, " "), "kasubag_rkme:draft sekretaris:paraf kepala:sign"; got != want {
		t.Errorf("chain = %s, want %s", got, want)
	}
	_, err = o.WF.CreateReportCover(resp, idx, per)
	ExpectCode(t, err, letters.ECONFLICT)
	if msg := letters.ErrorMessage(err); !strings.Contains(msg, "sudah dibuat") {
		t.Errorf("second cover message = %q", msg)
	}
	_, err = o.WF.FindDraftByID(o.As(t, "analis"), d.ID)
	ExpectCode(t, err, letters.EFORBIDDEN) // not in its chain, no report duty

	preview, err := o.WF.PreviewDraft(o.As(t, "sekretaris"), d.ID)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	// Unnumbered, with the name of the head who will sign (the store's
	// preview used to leave it empty, which the renderer refused).
	if text := strings.Join(strings.Fields(PDFText(t, preview)), " "); !strings.Contains(text, "Nomor : ....") ||
		!strings.Contains(text, "Oktober 2026") || !strings.Contains(text, "Dr. Hendrikus Sanusi") {
		t.Errorf("preview of the cover letter:\n%s", text)
	}
	if _, err := o.WF.SubmitDraft(resp, d.ID); err != nil {
		t.Fatalf("submit: %v", err)
	}
	_, err = o.WF.ApproveDraft(o.As(t, "kepala"), d.ID, "")
	ExpectCode(t, err, letters.EFORBIDDEN) // the sekretaris' paraf comes first
	if _, err := o.WF.ApproveDraft(o.As(t, "sekretaris"), d.ID, "Setuju."); err != nil {
		t.Fatalf("paraf: %v", err)
	}
	covers, err := o.WF.FindReportCovers(resp)
	if err != nil || len(covers) != 1 {
		t.Fatalf("FindReportCovers = %v, %v", covers, err)
	}
	if c := covers[0]; c.Step != letters.StepSign || c.Holder != "kepala" || c.Period != per || c.Duty.Via != duty.Via {
		t.Errorf("cover before signing = %+v", c)
	}
	if !owed() {
		t.Error("the report task ended before the cover letter was signed")
	}

	doc, err := o.WF.SignDraft(o.As(t, "kepala"), d.ID)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	if doc.Number == "" || doc.LetterID != 0 || !strings.Contains(doc.Number, "SPL") {
		t.Errorf("document = %+v", doc)
	}
	if owed() {
		t.Error("the October report is still reminded after its cover letter was signed")
	}
	data, err := o.WF.DocumentPDF(resp, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(PDFText(t, data)), " ")
	for _, want := range []string{
		doc.Number, "Yth. " + duty.Recipient, "c.q. " + duty.Via, "Oktober 2026",
		"Pengaduan diterima: 3 pengaduan", "Dalam proses: 3 pengaduan",
		"Melewati batas waktu: " + strconv.Itoa(overdue) + " pengaduan", "Selesai ditindaklanjuti: 0 pengaduan",
		"https://naskah.contoh.go.id/verifikasi/" + doc.VerifyCode[:8], "Diselesaikan dalam batas waktu: belum ada pengaduan yang selesai",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("signed PDF lacks %q:\n%s", want, text)
		}
	}
	found, err := o.WF.FindDocumentByCode(context.Background(), doc.VerifyCode)
	if err != nil || found.ID != doc.ID {
		t.Errorf("FindDocumentByCode = %v, %v", found, err)
	}
	check, err := o.WF.CheckFile(context.Background(), doc.VerifyCode, data)
	if err != nil || !check.Original {
		t.Errorf("CheckFile = %+v, %v", check, err)
	}
	var note string
	if err := RawDB(t, o.DB).QueryRow(`SELECT note FROM report_sent WHERE period = ?`, per.String()).Scan(&note); err != nil {
		t.Fatalf("report_sent row: %v", err)
	}
	if !strings.Contains(note, doc.Number) {
		t.Errorf("report_sent note = %q", note)
	}
	_, err = o.WF.CreateReportCover(resp, idx, per)
	ExpectCode(t, err, letters.ECONFLICT)
}

// A period recorded as sent by hand (`naskah report sent`) gets no cover
// letter; a period of another kind than the duty's is refused.
func TestReportCover_RefusesSentAndWrongPeriods(t *testing.T) {
	o := MustOffice(t, "disarpus-sanggau")
	o.Clock.Set(time.Date(2026, 7, 15, 9, 0, 0, 0, o.DB.Calendar.Location()))
	var idx int
	var duty letters.ReportDuty
	for i, d := range o.P.Reports {
		if d.Period == letters.PeriodSemester {
			idx, duty = i, d
		}
	}
	resp := o.As(t, duty.Responsible)
	_, err := o.WF.CreateReportCover(resp, idx, letters.Period{Kind: letters.PeriodMonthly, Year: 2026, N: 5})
	ExpectCode(t, err, letters.EINVALID)
	s1 := letters.Period{Kind: letters.PeriodSemester, Year: 2026, N: 1}
	if err := o.DB.MarkReportSent(context.Background(), duty, s1, "dikirim manual"); err != nil {
		t.Fatal(err)
	}
	_, err = o.WF.CreateReportCover(resp, idx, s1)
	ExpectCode(t, err, letters.ECONFLICT)
	d, err := o.WF.CreateReportCover(resp, idx, letters.Period{Kind: letters.PeriodSemester, Year: 2025, N: 2})
	if err != nil {
		t.Fatalf("cover of semester II 2025: %v", err)
	}
	if !strings.Contains(d.Current.Body, "Semester II 2025") || !strings.Contains(d.Current.Addressee, duty.Recipient) {
		t.Errorf("cover text = %q / %q", d.Current.Addressee, d.Current.Body)
	}
	if d.Chain[len(d.Chain)-1].Step != letters.StepSign {
		t.Errorf("chain does not end at the signature: %+v", d.Chain)
	}
}
