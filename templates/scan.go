package templates

import "naskah/letters"

// PageScan shows the text read from a letter's attachments beside the
// files, and the letter's details suggested from it for the clerk to
// confirm or correct (letters/scan).
const PageScan = "pindaian"

// ScanPage is the page of one letter's scans.
type ScanPage struct {
	Base
	Letter *letters.Letter
	Scans  []*letters.Scan
	// Form holds the details: the suggestion where the letter's own field
	// is empty or differs, else the letter's; Suggested names the fields
	// filled from the scan ("origin", "number", "date", "subject").
	Form      ScanForm
	Suggested map[string]bool
	MayEdit   bool // the user may register letters
	Pending   bool // a scan is still waiting or running: the page refreshes
	Hidden    bool // confidential: the text is not shown to this user
}

// ScanForm is the clerk's input, kept as typed.
type ScanForm struct {
	Origin    string
	RefNumber string
	RefDate   string // YYYY-MM-DD
	Subject   string
}
