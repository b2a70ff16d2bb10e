package templates

// PageDashboard is the heads' dashboard (Dasbor).
const PageDashboard = "dashboard"

// DashboardPage is the dashboard of the heads of office and the positions
// that prepare reports: this month's cases, the last six months, the cases
// past their deadline per unit and the reports due.
type DashboardPage struct {
	Base
	Month string // "November 2026"
	AsOf  string // "24 November 2026 09.00 WIB"

	// This month: complaints received, completed (of those received), still
	// open, and open past their deadline.
	Received, Completed, InProgress, Overdue int
	// Within-deadline rate of the cases completed this month and over the
	// six months; HasRate is false when none was completed this month.
	Rate, RateSixMonths       string // "87,5%"
	HasRate, HasRateSixMonths bool
	RateMeter, SixMonthsMeter Meter

	Months      []DashboardMonth // the last six months, oldest first
	MonthsChart BarChart

	Units        []DashboardUnit // units with open cases past their deadline, most first
	UnitsChart   HBarChart
	OverdueTotal int
	OverdueURL   string // the agenda filtered to the late cases

	Reports []DashboardReport // reports owed now, by due day
}

// DashboardMonth is one month of the six-month chart and its table.
type DashboardMonth struct {
	Label     string // "Nov 2026"
	Period    string // "2026-11", for the report link
	Received  int
	Completed int
	Rate      string // within-deadline rate of the completed, "—" when none
}

// DashboardUnit is a unit with its late cases.
type DashboardUnit struct {
	Label   string
	Overdue int
}

// DashboardReport is a report owed: what, to whom, when, and days left.
type DashboardReport struct {
	Text     string // ReportTask.Text
	Due      string // "15 Desember 2026"
	DaysLeft int
	Left     string // "sisa 3 hari", "hari ini", "terlambat 2 hari"
	Late     bool
	URL      string // /laporan?periode=…
	Prepared string // the title of the position that prepares it
	To       string // the recipient, e.g. "Gubernur Kalimantan Barat"; "" when the profile names none
}
