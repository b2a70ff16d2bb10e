package templates

import "time"

// Pages of the administration (admin users only).
const (
	PageAdminUsers    = "admin_pengguna"
	PageAdminHolidays = "admin_hari_libur"
	PageAdminProfile  = "admin_profil"
)

// AdminUsersPage lists users and positions, with the form to add a user.
type AdminUsersPage struct {
	Base
	Users     []AdminUserRow
	Positions []AdminPositionRow
	Form      NewUserForm
	Options   []Option // positions to choose for a new user
}

// AdminUserRow is one account.
type AdminUserRow struct {
	ID       int64
	Username string
	Name     string
	NIP      string
	Position string // title
	Admin    bool
	Active   bool
	Self     bool // the signed-in admin: cannot deactivate themselves
	// TOTP reports whether the user has a second factor; CanTOTP whether
	// the page can make activation codes (admin_totp.go).
	TOTP, CanTOTP bool
}

// AdminPositionRow is one position of the profile with its holders.
type AdminPositionRow struct {
	Code    string
	Title   string
	Short   string
	Parent  string // title of the superior position; "" for the head
	Unit    string
	Holders int // active users holding it
	Actions []string
}

// NewUserForm is the add-user form as typed.
type NewUserForm struct {
	Username string
	Name     string
	NIP      string
	Position string
	Admin    bool
}

// AdminHolidaysPage is the office calendar of one year.
type AdminHolidaysPage struct {
	Base
	Year     int
	PrevYear int
	NextYear int
	Days     []HolidayRow
	Covered  bool // national days of Year are known
	Form     HolidayForm
	Kinds    []Option
}

// HolidayRow is one day off.
type HolidayRow struct {
	Date  time.Time
	Kind  string // label
	Name  string
	Added bool // added by the office (not in the embedded national list or the profile)
}

// HolidayForm is the add-a-day form as typed.
type HolidayForm struct {
	Date string
	Kind string
	Name string
}

// AdminProfilePage is a read-only rendering of the office profile.
type AdminProfilePage struct {
	Base
	Slug        string
	TimeZone    string
	OfficeName  string
	ShortName   string
	Parent      string
	Address     string
	City        string
	Phone       string
	Email       string
	Website     string
	Agenda      string
	Responsible string
	Positions   []AdminPositionRow
	Channels    []StandardChannel
	Classes     []StandardClass
	Actions     []ProfileRow // action → positions
	Documents   []ProfileDocument
	Privacy     []ProfileRow
	Reports     []string
	Escalation  string
	Extension   string
}

// ProfileRow is a label with values.
type ProfileRow struct {
	Label  string
	Values []string
}

// ProfileDocument is a document type with its number format and chain.
type ProfileDocument struct {
	Code   string
	Name   string
	Format string
	Fields []string // "unit = BKAD"
	Chain  []string // "Analis Monev — draft: Analis menyusun konsep jawaban"
}
