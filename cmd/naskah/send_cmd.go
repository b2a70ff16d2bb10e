package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"naskah/letters"
	"naskah/mail"
)

func init() {
	commands["send"] = command{"Mengirim jawaban atau pemberitahuan kepada pengadu melalui email (SMTP)", runSend}
}

// The outgoing mail server's settings are letters.SettingSMTP*. The
// password comes from $NASKAH_SMTP_PASSWORD or the file smtp-password
// (0600) in the data directory.
const (
	smtpPasswordEnv  = "NASKAH_SMTP_PASSWORD"
	smtpPasswordFile = letters.SecretSMTPPassword
)

func runSend(ctx context.Context, args []string) error {
	var d dataFlags
	var id int64
	var kind, text, as, host, security, user, from string
	var port int
	var files multiFlag
	var save, pending bool
	fs := newFlagSet("send", "send --letter ID --text ISI [--attach BERKAS.pdf] [--kind answer|kelengkapan]",
		"Menjadwalkan email kepada pengadu (jawaban bertanda tangan atau pemberitahuan kelengkapan) lalu\n"+
			"mengirimnya lewat server SMTP kantor. Email yang gagal dicoba lagi otomatis oleh `naskah serve` dan\n"+
			"kegagalannya tercatat pada riwayat kasus. Kata sandi SMTP dibaca dari $"+smtpPasswordEnv+" atau berkas\n"+
			smtpPasswordFile+" (mode 0600) di direktori data.")
	d.register(fs)
	fs.Int64Var(&id, "letter", 0, "ID surat/kasus (lihat `naskah letters list`)")
	fs.StringVar(&kind, "kind", letters.MailKindAnswer, "jenis: answer (jawaban), kelengkapan atau notice")
	fs.StringVar(&text, "text", "", "isi email")
	fs.Var(&files, "attach", "berkas lampiran, mis. surat jawaban PDF bertanda tangan (boleh berulang)")
	fs.StringVar(&as, "as", "", "nama pengguna petugas pengirim (bawaan: petugas penerima saluran email)")
	fs.StringVar(&host, "smtp-host", "", "server SMTP")
	fs.IntVar(&port, "smtp-port", 0, "port SMTP (bawaan 465 untuk tls, 587 untuk starttls, 25 untuk none)")
	fs.StringVar(&security, "smtp-security", "", "tls, starttls atau none")
	fs.StringVar(&user, "smtp-user", "", "nama pengguna SMTP (kosong: tanpa login)")
	fs.StringVar(&from, "from", "", "alamat pengirim (bawaan: email kantor pada profil)")
	fs.BoolVar(&save, "save", false, "simpan pengaturan SMTP untuk send dan serve berikutnya")
	fs.BoolVar(&pending, "pending", false, "kirim semua email yang menunggu: dokumen bertanda tangan yang diserahkan melalui email dan email yang gagal sebelumnya")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := openApp(d, false)
	if err != nil {
		return err
	}
	defer a.Close()
	if save {
		if err := saveSettings(ctx, a, map[string]string{letters.SettingSMTPHost: host, letters.SettingSMTPSecurity: security,
			letters.SettingSMTPUser: user, letters.SettingSMTPFrom: from, letters.SettingSMTPPort: portSetting(port)}); err != nil {
			return err
		}
	}
	sender, err := smtpSender(ctx, a, host, security, user, from, port)
	if err != nil {
		return err
	}
	if pending {
		sent, failed, err := (&mail.Outbox{Service: a.mail, Sender: sender}).Flush(ctx)
		if err != nil {
			return err
		}
		fmt.Printf("Email terkirim: %d; belum terkirim (dicoba lagi nanti): %d.\n", sent, failed)
		return nil
	}
	if id == 0 {
		if save {
			fmt.Fprintln(os.Stderr, "Pengaturan SMTP disimpan.")
			return nil
		}
		return letters.Errorf(letters.EINVALID, "Sebutkan surat yang dijawab dengan --letter ID.")
	}
	if as == "" {
		if as, err = a.defaultActor(ctx, letters.MailChannel); err != nil {
			return err
		}
	}
	actx, err := a.actAs(ctx, as)
	if err != nil {
		return err
	}
	m := &letters.OutgoingMail{LetterID: id, Kind: kind, Text: strings.ReplaceAll(text, `\n`, "\n")}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return letters.Errorf(letters.EINVALID, "Berkas %q tidak dapat dibaca.", f)
		}
		m.Attachments = append(m.Attachments, letters.MailPart{Name: filepath.Base(f), ContentType: http.DetectContentType(data), Data: data})
	}
	if err := a.mail.QueueMail(actx, m); err != nil {
		return err
	}
	box := &mail.Outbox{Service: a.mail, Sender: sender}
	if _, _, err := box.Flush(ctx); err != nil {
		return err
	}
	out, err := a.mail.FindOutbox(ctx, id)
	if err != nil {
		return err
	}
	for _, o := range out {
		if o.ID != m.ID {
			continue
		}
		if o.Status == letters.OutboxSent {
			fmt.Printf("Email terkirim ke %s: %s\n", o.To, o.Subject)
			return nil
		}
		return letters.Errorf(letters.ECONFLICT, "Email ke %s belum terkirim (%s); `naskah serve` akan mencobanya lagi.", o.To, o.LastError)
	}
	return nil
}

// smtpSender builds the sender from the stored settings, overridden by the
// given values. It returns EINVALID when no SMTP server is set.
func smtpSender(ctx context.Context, a *app, host, security, user, from string, port int) (*mail.SMTPSender, error) {
	get := func(v *string, key string) error {
		if *v != "" {
			return nil
		}
		var err error
		*v, err = a.db.Setting(ctx, key)
		return err
	}
	var portS string
	for _, f := range []struct {
		v   *string
		key string
	}{{&host, letters.SettingSMTPHost}, {&security, letters.SettingSMTPSecurity}, {&user, letters.SettingSMTPUser}, {&from, letters.SettingSMTPFrom}, {&portS, letters.SettingSMTPPort}} {
		if err := get(f.v, f.key); err != nil {
			return nil, err
		}
	}
	if host == "" {
		return nil, letters.Errorf(letters.EINVALID, "Server SMTP belum diatur: jalankan `naskah send --smtp-host SERVER --smtp-security starttls --save`.")
	}
	if port == 0 && portS != "" {
		port, _ = strconv.Atoi(portS)
	}
	switch security {
	case "":
		security = mail.SecuritySTARTTLS
	case mail.SecurityTLS, mail.SecuritySTARTTLS, mail.SecurityNone:
	default:
		return nil, letters.Errorf(letters.EINVALID, "Pengamanan SMTP %q tidak dikenal: pilih tls, starttls atau none.", security)
	}
	if port == 0 {
		port = map[string]int{mail.SecurityTLS: 465, mail.SecuritySTARTTLS: 587, mail.SecurityNone: 25}[security]
	}
	if from == "" {
		from = a.profile.Office.Email
	}
	if from == "" {
		return nil, letters.Errorf(letters.EINVALID, "Alamat pengirim belum ada: isi email kantor pada profil atau --from.")
	}
	cfg := mail.Config{Host: host, Port: port, Security: security, User: user}
	if user != "" {
		cfg.Password = os.Getenv(smtpPasswordEnv)
		if cfg.Password == "" {
			pw, err := secretFile(a.dir, smtpPasswordFile, smtpPasswordEnv)
			if err != nil {
				return nil, err
			}
			cfg.Password = pw
		}
	}
	return &mail.SMTPSender{Config: cfg, From: from, FromName: a.profile.Office.Name}, nil
}

// startMailOutbox runs the outbox inside serve when an SMTP server is set.
func startMailOutbox(ctx context.Context, a *app, logger *slog.Logger) {
	if host, err := a.db.Setting(ctx, letters.SettingSMTPHost); err != nil || host == "" {
		return
	}
	sender, err := smtpSender(ctx, a, "", "", "", "", 0)
	if err != nil {
		logger.Warn("pengiriman email tidak dijalankan", "alasan", letters.ErrorMessage(err))
		return
	}
	logger.Info("pengiriman email berjalan", "server", fmt.Sprintf("%s:%d", sender.Config.Host, sender.Config.Port))
	a.bg.Go(func() { (&mail.Outbox{Service: a.mail, Sender: sender, Logger: logger}).Run(ctx) })
}
