package letters

import (
	"context"
	"fmt"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// Settings keys of the office's mail servers, as `naskah fetch --save` and
// `naskah send --save` store them. Passwords are never settings: they live
// in the data directory's files SecretMailPassword and SecretSMTPPassword
// (mode 0600) or in the environment.
const (
	SettingMailHost     = "mail.host"
	SettingMailPort     = "mail.port"
	SettingMailSecurity = "mail.security"
	SettingMailUser     = "mail.user"
	SettingMailFolder   = "mail.folder"
	SettingMailInterval = "mail.interval"
	SettingMailMoveTo   = "mail.move_to"
	SettingSMTPHost     = "smtp.host"
	SettingSMTPPort     = "smtp.port"
	SettingSMTPSecurity = "smtp.security"
	SettingSMTPUser     = "smtp.user"
	SettingSMTPFrom     = "smtp.from"

	SecretMailPassword = "mail-password"
	SecretSMTPPassword = "smtp-password"
)

// Mail servers a MailChecker tries.
const (
	MailServerIMAP = "imap"
	MailServerSMTP = "smtp"
)

// Security modes of a mail server connection.
const (
	MailSecurityTLS      = "tls"
	MailSecuritySTARTTLS = "starttls"
	MailSecurityNone     = "none" // only for a server on this machine
)

// SettingsService keeps the office's stored settings and the password
// files of the data directory. Only admins may change them.
type SettingsService interface {
	// FindSettings returns the stored values of keys; a key never set is
	// absent from the map.
	FindSettings(ctx context.Context, keys ...string) (map[string]string, error)
	// SetSettings stores values; an empty value removes the key. One audit
	// row names the keys changed. EFORBIDDEN for a non-admin.
	SetSettings(ctx context.Context, values map[string]string) error
	// SetSecret writes the password file name (SecretMailPassword or
	// SecretSMTPPassword) with mode 0600; "" removes it. The audit row
	// names the file, never the value.
	SetSecret(ctx context.Context, name, value string) error
	// HasSecret reports whether the password file name exists.
	HasSecret(ctx context.Context, name string) (bool, error)
}

// MailChecker tries a connection to the office's mail servers with the
// given settings, signing in as they say. password "" means the password
// Naskah would use (environment or data directory file). It returns what
// it found, in Indonesian, or an error whose message says in Indonesian
// why the connection failed; it never reveals the password.
type MailChecker interface {
	CheckMail(ctx context.Context, server string, s MailSettings, password string) (string, error)
}

// MailSettings are the office's mailbox for incoming mail (IMAP) and its
// outgoing server (SMTP). Zero values mean the defaults.
type MailSettings struct {
	Host     string
	Port     int
	Security string // tls (default), starttls or none
	User     string
	Folder   string // default INBOX
	Interval string // e.g. "5m"
	MoveTo   string // folder handled mail is moved to; "" keeps it in place

	SMTPHost     string
	SMTPPort     int
	SMTPSecurity string // starttls (default), tls or none
	SMTPUser     string // "" sends without signing in
	SMTPFrom     string // default: the office's email in the profile
}

// MailSettingKeys are the settings keys of MailSettings.
var MailSettingKeys = []string{
	SettingMailHost, SettingMailPort, SettingMailSecurity, SettingMailUser, SettingMailFolder,
	SettingMailInterval, SettingMailMoveTo,
	SettingSMTPHost, SettingSMTPPort, SettingSMTPSecurity, SettingSMTPUser, SettingSMTPFrom,
}

// MailSettingsFrom reads MailSettings from stored values. A move_to of "-"
// (moving turned off on the command line) reads as "".
func MailSettingsFrom(v map[string]string) MailSettings {
	port := func(s string) int { n, _ := strconv.Atoi(s); return n }
	s := MailSettings{
		Host: v[SettingMailHost], Port: port(v[SettingMailPort]), Security: v[SettingMailSecurity],
		User: v[SettingMailUser], Folder: v[SettingMailFolder], Interval: v[SettingMailInterval], MoveTo: v[SettingMailMoveTo],
		SMTPHost: v[SettingSMTPHost], SMTPPort: port(v[SettingSMTPPort]), SMTPSecurity: v[SettingSMTPSecurity],
		SMTPUser: v[SettingSMTPUser], SMTPFrom: v[SettingSMTPFrom],
	}
	if s.MoveTo == "-" {
		s.MoveTo = ""
	}
	return s
}

// Values returns s as settings; empty fields are "" (removed when stored).
func (s MailSettings) Values() map[string]string {
	port := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	return map[string]string{
		SettingMailHost: s.Host, SettingMailPort: port(s.Port), SettingMailSecurity: s.Security,
		SettingMailUser: s.User, SettingMailFolder: s.Folder, SettingMailInterval: s.Interval, SettingMailMoveTo: s.MoveTo,
		SettingSMTPHost: s.SMTPHost, SettingSMTPPort: port(s.SMTPPort), SettingSMTPSecurity: s.SMTPSecurity,
		SettingSMTPUser: s.SMTPUser, SettingSMTPFrom: s.SMTPFrom,
	}
}

// Validate checks s and returns EINVALID naming every bad field, one per
// line, in the page's words.
func (s MailSettings) Validate() error {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	server := func(label, host string, port int, security string) {
		if host == "" {
			return
		}
		if !validHost(host) {
			bad("%s: server %q tidak sah; tulis nama server saja, mis. imap.gmail.com (tanpa http:// atau port).", label, host)
		}
		if port < 0 || port > 65535 {
			bad("%s: port %d tidak sah; isi 1 sampai 65535 atau kosongkan untuk port bawaan.", label, port)
		}
		switch security {
		case "", MailSecurityTLS, MailSecuritySTARTTLS:
		case MailSecurityNone:
			if !loopback(host) {
				bad("%s: tanpa pengamanan (none) hanya boleh untuk server di mesin ini (localhost); pilih tls atau starttls untuk %s.", label, host)
			}
		default:
			bad("%s: pengamanan %q tidak dikenal; pilih tls, starttls atau none.", label, security)
		}
	}
	server("Kotak surat (IMAP)", s.Host, s.Port, s.Security)
	switch {
	case s.Host == "" && (s.User != "" || s.Port != 0):
		bad("Kotak surat (IMAP): server wajib diisi bila nama pengguna atau port diisi.")
	case s.Host != "" && s.User == "":
		bad("Kotak surat (IMAP): nama pengguna wajib diisi.")
	}
	for _, f := range []struct{ label, name string }{{"folder yang dibaca", s.Folder}, {"folder pemindahan", s.MoveTo}} {
		if strings.ContainsFunc(f.name, func(r rune) bool { return r < ' ' || r == 0x7f }) || len(f.name) > 200 {
			bad("Kotak surat (IMAP): nama %s tidak sah.", f.label)
		}
	}
	if s.MoveTo != "" && strings.EqualFold(s.MoveTo, s.Folder) || s.MoveTo != "" && s.Folder == "" && strings.EqualFold(s.MoveTo, "INBOX") {
		bad("Kotak surat (IMAP): folder pemindahan harus berbeda dari folder yang dibaca.")
	}
	if s.Interval != "" {
		if d, err := time.ParseDuration(s.Interval); err != nil || d < time.Second || d > 24*time.Hour {
			bad("Kotak surat (IMAP): jeda pemeriksaan %q tidak sah; tulis misalnya 30s atau 5m (paling lama 24h).", s.Interval)
		}
	}
	server("Server SMTP", s.SMTPHost, s.SMTPPort, s.SMTPSecurity)
	if s.SMTPHost == "" && (s.SMTPUser != "" || s.SMTPPort != 0) {
		bad("Server SMTP: server wajib diisi bila nama pengguna atau port diisi.")
	}
	if s.SMTPFrom != "" {
		if a, err := mail.ParseAddress(s.SMTPFrom); err != nil || a.Address != s.SMTPFrom {
			bad("Server SMTP: alamat pengirim %q tidak sah; tulis alamat email saja, mis. pengaduan@bkad.kalbarprov.go.id.", s.SMTPFrom)
		}
	}
	if len(problems) > 0 {
		return &Error{Code: EINVALID, Message: strings.Join(problems, "\n")}
	}
	return nil
}

// validHost accepts a DNS name or an IP address, without scheme or port.
func validHost(h string) bool {
	if net.ParseIP(h) != nil {
		return true
	}
	if len(h) > 253 || strings.HasPrefix(h, ".") || strings.HasSuffix(h, ".") || strings.Contains(h, "..") {
		return false
	}
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}

func loopback(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
