package templates

// ReportTaskRow is a report the user's position owes, on Tugas saya: the
// workbook to download and the cover letter (Surat Pengantar Laporan) to
// start, or where the cover letter waits.
type ReportTaskRow struct {
	Text     string // "Laporan Bulanan Oktober 2026 kepada ...: jatuh tempo ..."
	Period   string // "2026-10", the periode of /laporan
	Duty     int    // 1-based index of the duty in the profile
	Late     bool
	CanCover bool   // the user may start the cover letter (POST /laporan/pengantar)
	CoverURL string // the cover letter's draft, once started
	Waiting  string // "surat pengantar menunggu paraf Sekretaris"
}
