package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// securityOptions are the connection security modes, in the page's words.
var securityOptions = []templates.Option{
	{Value: letters.MailSecurityTLS, Label: "TLS sejak awal (tls)"},
	{Value: letters.MailSecuritySTARTTLS, Label: "STARTTLS (starttls)"},
	{Value: letters.MailSecurityNone, Label: "Tanpa pengamanan, hanya server di mesin ini (none)"},
}

// mailCheckTimeout bounds a connection test so the page answers.
const mailCheckTimeout = 20 * time.Second

// adminMailbox: GET /admin/kotak-surat, the mail servers' settings.
func (a *app) adminMailbox(c *gin.Context) {
	if a.SettingsService == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Pengaturan kotak surat tidak tersedia di server ini."))
		return
	}
	v, err := a.SettingsService.FindSettings(c.Request.Context(), letters.MailSettingKeys...)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.renderMailbox(c, http.StatusOK, mailboxForm(letters.MailSettingsFrom(v)), nil, "", "")
}

func (a *app) renderMailbox(c *gin.Context, status int, form templates.MailboxForm, problems []string, ok, failed string) {
	ctx := c.Request.Context()
	page := templates.AdminMailboxPage{Base: a.base(c, "Kotak Surat"), Form: form, Problems: problems,
		CanCheck: a.MailChecker != nil, CheckOK: ok, CheckFailed: failed, OfficeEmail: a.Profile.Office.Email}
	var err error
	if page.HasPassword, err = a.SettingsService.HasSecret(ctx, letters.SecretMailPassword); err == nil {
		page.HasSMTPPass, err = a.SettingsService.HasSecret(ctx, letters.SecretSMTPPassword)
	}
	if err != nil {
		a.fail(c, err)
		return
	}
	options := func(chosen, def string) []templates.Option {
		if chosen == "" {
			chosen = def
		}
		out := make([]templates.Option, len(securityOptions))
		for i, o := range securityOptions {
			o.Selected = o.Value == chosen
			out[i] = o
		}
		return out
	}
	page.Securities = options(form.Security, letters.MailSecurityTLS)
	page.SMTPSecurity = options(form.SMTPSecurity, letters.MailSecuritySTARTTLS)
	a.render(c, status, templates.PageAdminMailbox, page)
}

// mailboxForm shows settings in the form.
func mailboxForm(s letters.MailSettings) templates.MailboxForm {
	port := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	return templates.MailboxForm{Host: s.Host, Port: port(s.Port), Security: s.Security, User: s.User, Folder: s.Folder,
		Interval: s.Interval, MoveTo: s.MoveTo, SMTPHost: s.SMTPHost, SMTPPort: port(s.SMTPPort), SMTPSecurity: s.SMTPSecurity,
		SMTPUser: s.SMTPUser, SMTPFrom: s.SMTPFrom}
}

// postedMailbox reads the form; a port that is not a number is reported
// by name.
func postedMailbox(c *gin.Context) (templates.MailboxForm, letters.MailSettings, []string) {
	f := templates.MailboxForm{}
	for _, x := range []struct {
		dst   *string
		field string
	}{{&f.Host, "host"}, {&f.Port, "port"}, {&f.Security, "keamanan"}, {&f.User, "pengguna"}, {&f.Folder, "folder"},
		{&f.Interval, "jeda"}, {&f.MoveTo, "pindah"}, {&f.SMTPHost, "smtp_host"}, {&f.SMTPPort, "smtp_port"},
		{&f.SMTPSecurity, "smtp_keamanan"}, {&f.SMTPUser, "smtp_pengguna"}, {&f.SMTPFrom, "pengirim"}} {
		*x.dst = strings.TrimSpace(c.PostForm(x.field))
	}
	s := letters.MailSettings{Host: f.Host, Security: f.Security, User: f.User, Folder: f.Folder, Interval: f.Interval,
		MoveTo: f.MoveTo, SMTPHost: f.SMTPHost, SMTPSecurity: f.SMTPSecurity, SMTPUser: f.SMTPUser, SMTPFrom: f.SMTPFrom}
	var problems []string
	for _, p := range []struct {
		dst          *int
		text, server string
	}{{&s.Port, f.Port, "Kotak surat (IMAP)"}, {&s.SMTPPort, f.SMTPPort, "Server SMTP"}} {
		if p.text == "" {
			continue
		}
		n, err := strconv.Atoi(p.text)
		if err != nil {
			problems = append(problems, p.server+": port "+strconv.Quote(p.text)+" bukan angka; isi 1 sampai 65535 atau kosongkan untuk port bawaan.")
			continue
		}
		*p.dst = n
	}
	if err := s.Validate(); err != nil {
		problems = append(problems, strings.Split(letters.ErrorMessage(err), "\n")...)
	}
	return f, s, problems
}

// adminSaveMailbox: POST /admin/kotak-surat stores the settings and, when
// typed, the passwords (to the data directory's files, never the database).
func (a *app) adminSaveMailbox(c *gin.Context) {
	if a.SettingsService == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Pengaturan kotak surat tidak tersedia di server ini."))
		return
	}
	ctx := c.Request.Context()
	form, s, problems := postedMailbox(c)
	if len(problems) > 0 {
		a.renderMailbox(c, http.StatusUnprocessableEntity, form, problems, "", "")
		return
	}
	err := a.SettingsService.SetSettings(ctx, s.Values())
	for _, pw := range []struct{ field, remove, name string }{
		{"sandi", "hapus_sandi", letters.SecretMailPassword}, {"smtp_sandi", "hapus_smtp_sandi", letters.SecretSMTPPassword},
	} {
		if err != nil {
			break
		}
		if v := c.PostForm(pw.field); v != "" {
			err = a.SettingsService.SetSecret(ctx, pw.name, v)
		} else if c.PostForm(pw.remove) == "1" {
			err = a.SettingsService.SetSecret(ctx, pw.name, "")
		}
	}
	switch letters.ErrorCode(err) {
	case "":
		a.flash(c, "Pengaturan kotak surat tersimpan; pengambilan dan pengiriman email memakainya setelah Naskah dijalankan ulang.")
		c.Redirect(http.StatusSeeOther, "/admin/kotak-surat")
	case letters.EINVALID:
		a.renderMailbox(c, http.StatusUnprocessableEntity, form, strings.Split(letters.ErrorMessage(err), "\n"), "", "")
	default:
		a.fail(c, err)
	}
}

// adminCheckMailbox: POST /admin/kotak-surat/uji with server=imap|smtp
// tries a connection with the settings as typed (not saved) and the typed
// password, or else the one Naskah would use.
func (a *app) adminCheckMailbox(c *gin.Context) {
	if a.SettingsService == nil || a.MailChecker == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Uji koneksi tidak tersedia di server ini."))
		return
	}
	form, s, problems := postedMailbox(c)
	server := c.PostForm("server")
	password := c.PostForm("sandi")
	host, label := s.Host, "kotak surat (IMAP)"
	if server == letters.MailServerSMTP {
		host, label, password = s.SMTPHost, "server SMTP", c.PostForm("smtp_sandi")
	} else {
		server = letters.MailServerIMAP
	}
	if host == "" {
		problems = append(problems, "Isi server "+label+" untuk menguji koneksi.")
	}
	if len(problems) > 0 {
		a.renderMailbox(c, http.StatusUnprocessableEntity, form, problems, "", "")
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), mailCheckTimeout)
	defer cancel()
	msg, err := a.MailChecker.CheckMail(ctx, server, s, password)
	if err != nil {
		a.log.Info("web: mail connection test failed", "server", server, "host", host, "err", err)
		failed := "Uji koneksi " + label + " " + host + " gagal: " + letters.ErrorMessage(err)
		if letters.ErrorCode(err) == letters.EINTERNAL {
			failed = "Uji koneksi " + label + " " + host + " gagal karena kesalahan tak terduga; lihat log server."
		}
		a.renderMailbox(c, http.StatusOK, form, nil, "", failed)
		return
	}
	a.renderMailbox(c, http.StatusOK, form, nil, "Uji koneksi "+label+" "+host+" berhasil: "+msg+" Pengaturan belum disimpan; tekan Simpan pengaturan bila sudah benar.", "")
}
