package templates

import "time"

// Pages of the administration added with issue 6: editing the profile,
// delegations and the mail servers.
const (
	PageAdminProfileEdit = "admin_profil_ubah"
	PageAdminDelegations = "admin_delegasi"
	PageAdminMailbox     = "admin_kotak_surat"
)

// AdminProfileEditPage is the office profile's YAML in a textarea.
type AdminProfileEditPage struct {
	Base
	Text     string
	File     string    // where the profile is kept
	Modified time.Time // when the file was last written
	Pending  bool      // saved, waiting for a restart
	Reloads  bool      // saving restarts Naskah with the new profile (serve)
	Problems []string  // one line per problem of a rejected text
	Backups  []string  // earlier versions kept, newest first
}

// AdminDelegationsPage lists Plt./Plh. delegations with the form to add one.
type AdminDelegationsPage struct {
	Base
	Rows      []DelegationRow
	Form      DelegationForm
	Positions []Option
	Users     []Option
	Kinds     []Option
	Today     string // TTTT-BB-HH in the office's zone
}

// DelegationRow is one delegation.
type DelegationRow struct {
	ID       int64
	Kind     string
	Position string // title
	User     string
	From     time.Time
	Last     time.Time // the last day, inclusive
	Note     string
	State    string // "berjalan", "akan datang", "selesai"
	Running  bool
	Endable  bool // running or yet to come
}

// DelegationForm is the add-a-delegation form as typed.
type DelegationForm struct {
	Kind     string
	Position string
	UserID   string
	From     string
	To       string
	Note     string
}

// AdminMailboxPage is the office's mail servers, with the result of a
// connection test.
type AdminMailboxPage struct {
	Base
	Form         MailboxForm
	Securities   []Option // IMAP
	SMTPSecurity []Option
	HasPassword  bool // the data directory has mail-password
	HasSMTPPass  bool // the data directory has smtp-password
	CanCheck     bool // the server can test a connection
	CheckOK      string
	CheckFailed  string
	OfficeEmail  string // the default sender
	Problems     []string
}

// MailboxForm is the settings form as typed (ports as text).
type MailboxForm struct {
	Host, Port, Security, User, Folder, Interval, MoveTo string
	SMTPHost, SMTPPort, SMTPSecurity, SMTPUser, SMTPFrom string
}
