package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"naskah/letters"
	"naskah/mail"
)

func init() {
	commands["fetch"] = command{"Mengambil email pengaduan dari kotak surat IMAP kantor", runFetch}
}

// The mailbox settings are letters.SettingMail* (the admin page edits the
// same keys). The password is never stored in the database: it comes from
// $NASKAH_MAIL_PASSWORD or the file mail-password (mode 0600) in the data
// directory.
const (
	mailPasswordEnv  = "NASKAH_MAIL_PASSWORD"
	mailPasswordFile = letters.SecretMailPassword
)

// mailFlags are the mailbox options of fetch; empty ones keep the stored
// settings.
type mailFlags struct {
	host, security, user, folder, interval string
	moveTo                                 string // "-" turns moving off
	port                                   int
}

func (m *mailFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&m.host, "host", "", "server IMAP, mis. imap.gmail.com")
	fs.IntVar(&m.port, "port", 0, "port IMAP (bawaan 993 untuk tls, 143 untuk starttls/none)")
	fs.StringVar(&m.security, "security", "", "pengamanan: tls, starttls atau none (none hanya untuk server di mesin ini)")
	fs.StringVar(&m.user, "user", "", "nama pengguna kotak surat")
	fs.StringVar(&m.folder, "folder", "", "folder yang dibaca (bawaan INBOX)")
	fs.StringVar(&m.interval, "interval", "", "jeda pemeriksaan bila server tidak mendukung IDLE, mis. 5m")
	fs.StringVar(&m.moveTo, "move-to", "", "pindahkan email yang sudah dicatat ke folder ini di server (dibuat bila belum ada); - mematikan")
}

func runFetch(ctx context.Context, args []string) error {
	var d dataFlags
	var mf mailFlags
	var once, save, asJSON bool
	fs := newFlagSet("fetch", "fetch [--data DIR] [--once] [--host H --user U ...] [--save]",
		"Mengambil email baru dari kotak surat IMAP kantor dan mencatat tiap email sebagai surat masuk\n"+
			"saluran email (status Diterima), balasan pada kasusnya, atau duplikat/balasan otomatis.\n"+
			"Email di server tidak pernah dihapus (dengan --move-to dipindahkan ke folder itu). Kata sandi dibaca dari $"+mailPasswordEnv+" atau berkas\n"+
			mailPasswordFile+" (mode 0600) di direktori data; tidak pernah disimpan di basis data atau dicatat di log.")
	d.register(fs)
	mf.register(fs)
	fs.BoolVar(&once, "once", false, "ambil sekali lalu selesai (tanpa --once: terus berjalan, menunggu email baru)")
	fs.BoolVar(&save, "save", false, "simpan pengaturan kotak surat (--host, --port, ...) untuk fetch dan serve berikutnya")
	fs.BoolVar(&asJSON, "json", false, "cetak ringkasan sebagai JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := openApp(d, false)
	if err != nil {
		return err
	}
	defer a.Close()
	if save {
		if err := mf.save(ctx, a); err != nil {
			return err
		}
		fmt.Fprintln(os.Stderr, "Pengaturan kotak surat disimpan.")
	}
	cfg, err := mailConfig(ctx, a, mf)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	f := &mail.Fetcher{Config: cfg, Intake: &mail.Intake{Service: a.mail}, Logger: logger}
	if !once {
		fmt.Fprintf(os.Stderr, "Mengambil email dari %s; tekan Ctrl+C untuk berhenti.\n", cfg)
		return f.Run(ctx)
	}
	sum, err := f.Once(ctx)
	if err != nil {
		return letters.Errorf(letters.EINTERNAL, "Email tidak dapat diambil dari %s: %v", cfg, err)
	}
	if asJSON {
		return printJSON(os.Stdout, sum)
	}
	printSummary(sum, "Pengambilan")
	return nil
}

// save stores the given options as the office's mailbox settings.
func (m mailFlags) save(ctx context.Context, a *app) error {
	return saveSettings(ctx, a, map[string]string{
		letters.SettingMailHost: m.host, letters.SettingMailSecurity: m.security, letters.SettingMailUser: m.user,
		letters.SettingMailFolder: m.folder, letters.SettingMailInterval: m.interval, letters.SettingMailMoveTo: m.moveTo,
		letters.SettingMailPort: portSetting(m.port),
	})
}

// saveSettings stores the non-empty values (options given on the command
// line) as the office's settings; empty ones keep what is stored.
func saveSettings(ctx context.Context, a *app, values map[string]string) error {
	for key, value := range values {
		if value != "" {
			if err := a.db.SetSetting(ctx, key, value); err != nil {
				return err
			}
		}
	}
	return nil
}

// portSetting is a port option as a setting: "" when not given.
func portSetting(port int) string {
	if port == 0 {
		return ""
	}
	return strconv.Itoa(port)
}

// mailConfig builds the mailbox from the stored settings, overridden by
// flags, with the password from the environment or the data directory.
func mailConfig(ctx context.Context, a *app, m mailFlags) (mail.Config, error) {
	get := func(key, flagValue string) (string, error) {
		if flagValue != "" {
			return flagValue, nil
		}
		return a.db.Setting(ctx, key)
	}
	var cfg mail.Config
	var err error
	var port, interval string
	for _, f := range []struct {
		dst       *string
		key, flag string
	}{
		{&cfg.Host, letters.SettingMailHost, m.host}, {&cfg.Security, letters.SettingMailSecurity, m.security},
		{&cfg.User, letters.SettingMailUser, m.user}, {&cfg.Folder, letters.SettingMailFolder, m.folder},
		{&interval, letters.SettingMailInterval, m.interval}, {&port, letters.SettingMailPort, ""},
		{&cfg.MoveTo, letters.SettingMailMoveTo, m.moveTo},
	} {
		if *f.dst, err = get(f.key, f.flag); err != nil {
			return cfg, err
		}
	}
	if cfg.MoveTo == "-" {
		cfg.MoveTo = ""
	}
	if cfg.Host == "" || cfg.User == "" {
		return cfg, letters.Errorf(letters.EINVALID, "Kotak surat belum diatur: jalankan `naskah fetch --host SERVER --user NAMA --security tls --save`.")
	}
	switch cfg.Security {
	case "":
		cfg.Security = mail.SecurityTLS
	case mail.SecurityTLS, mail.SecuritySTARTTLS, mail.SecurityNone:
	default:
		return cfg, letters.Errorf(letters.EINVALID, "Pengamanan %q tidak dikenal: pilih tls, starttls atau none.", cfg.Security)
	}
	cfg.Port = m.port
	if cfg.Port == 0 && port != "" {
		if cfg.Port, err = strconv.Atoi(port); err != nil || cfg.Port <= 0 || cfg.Port > 65535 {
			return cfg, letters.Errorf(letters.EINVALID, "Port kotak surat %q tidak sah.", port)
		}
	}
	if cfg.Port == 0 {
		cfg.Port = 993
		if cfg.Security != mail.SecurityTLS {
			cfg.Port = 143
		}
	}
	if interval != "" {
		if cfg.Interval, err = time.ParseDuration(interval); err != nil || cfg.Interval < time.Second {
			return cfg, letters.Errorf(letters.EINVALID, "Jeda pemeriksaan %q tidak sah; tulis misalnya 30s atau 5m.", interval)
		}
	}
	if cfg.Password, err = mailPassword(a.dir); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// mailPassword reads the mailbox password from the environment or from
// the data directory's mail-password file, which only its owner may read.
func mailPassword(dir string) (string, error) {
	if pw := os.Getenv(mailPasswordEnv); pw != "" {
		return pw, nil
	}
	return secretFile(dir, mailPasswordFile, mailPasswordEnv)
}

// secretFile reads a password file of the data directory; it must be
// readable by its owner only.
func secretFile(dir, name, env string) (string, error) {
	path := filepath.Join(dir, name)
	st, err := os.Stat(path)
	if os.IsNotExist(err) {
		return "", letters.Errorf(letters.EINVALID, "Kata sandi belum diberikan: isi $%s atau berkas %s (mode 0600).", env, path)
	} else if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	if st.Mode().Perm()&0o077 != 0 {
		return "", letters.Errorf(letters.EINVALID, "Berkas %s dapat dibaca pengguna lain (mode %v): jalankan `chmod 600 %s`.", path, st.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return strings.TrimRight(string(data), "\r\n"), nil
}

// startMailFetch starts the fetch loop inside serve when a mailbox is set,
// and the outbox when an SMTP server is set; it logs why not otherwise and
// never stops the web app.
func startMailFetch(ctx context.Context, a *app, logger *slog.Logger) {
	startMailOutbox(ctx, a, logger)
	host, err := a.db.Setting(ctx, letters.SettingMailHost)
	if err != nil || host == "" {
		return
	}
	cfg, err := mailConfig(ctx, a, mailFlags{})
	if err != nil {
		logger.Warn("pengambilan email tidak dijalankan", "alasan", letters.ErrorMessage(err))
		return
	}
	f := &mail.Fetcher{Config: cfg, Intake: &mail.Intake{Service: a.mail}, Logger: logger}
	logger.Info("pengambilan email berjalan", "kotak", cfg.String())
	a.bg.Go(func() { f.Run(ctx) })
}

// printSummary prints what became of a batch of messages.
func printSummary(sum *mail.Summary, what string) {
	fmt.Printf("%s selesai: %d pesan — %d surat baru, %d balasan masuk ke kasusnya, %d duplikat, %d balasan otomatis, %d ditolak.\n",
		what, sum.Messages, sum.Letters, sum.Replies, sum.Duplicates, sum.AutoReplies, len(sum.Refused))
	if len(sum.Refused) > 0 {
		fmt.Println("Ditolak:")
		for _, r := range sum.Refused {
			fmt.Printf("  %s: %s\n", r.Source, r.Reason)
		}
	}
}
