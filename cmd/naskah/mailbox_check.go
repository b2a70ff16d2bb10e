package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"os"
	"strconv"
	"strings"
	"time"

	"naskah/letters"
	"naskah/mail"
)

var _ letters.MailChecker = (*mailChecker)(nil)

// mailChecker tries the office's mail servers for the admin page's "Uji
// koneksi" button: it connects and signs in, reads the folder's size, and
// sends nothing. Every failure is told in Indonesian, never with the
// password.
type mailChecker struct {
	dir     string // the data directory, for the password files
	profile *letters.Profile
}

// CheckMail tries server (letters.MailServerIMAP or MailServerSMTP) with s.
func (m *mailChecker) CheckMail(ctx context.Context, server string, s letters.MailSettings, password string) (string, error) {
	type result struct {
		msg string
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		if server == letters.MailServerSMTP {
			r.msg, r.err = m.checkSMTP(ctx, s, password)
		} else {
			r.msg, r.err = m.checkIMAP(ctx, s, password)
		}
		done <- r
	}()
	select {
	case r := <-done:
		return r.msg, r.err
	case <-ctx.Done(): // the dialers have their own, longer timeouts
		return "", letters.Errorf(letters.EINVALID, "server tidak menjawab dalam waktu yang wajar; periksa nama server, port dan jaringan.")
	}
}

func (m *mailChecker) checkIMAP(ctx context.Context, s letters.MailSettings, password string) (string, error) {
	cfg := mail.Config{Host: s.Host, Port: s.Port, Security: s.Security, User: s.User, Folder: s.Folder}
	if cfg.Security == "" {
		cfg.Security = mail.SecurityTLS
	}
	if cfg.Port == 0 {
		cfg.Port = map[bool]int{true: 993, false: 143}[cfg.Security == mail.SecurityTLS]
	}
	if cfg.Folder == "" {
		cfg.Folder = "INBOX"
	}
	if password == "" {
		pw, err := mailPassword(m.dir)
		if err != nil {
			return "", letters.Errorf(letters.EINVALID, "kata sandi kotak surat belum ada: isi kolom Kata sandi, atau berkas %s di direktori data, atau $%s.", mailPasswordFile, mailPasswordEnv)
		}
		password = pw
	}
	cfg.Password = password
	mb, err := mail.DialIMAP(ctx, cfg)
	if err != nil {
		return "", mailProblem(err, cfg)
	}
	defer mb.Close()
	if _, err := mb.Select(ctx, cfg.Folder); err != nil {
		return "", letters.Errorf(letters.EINVALID, "masuk sebagai %s berhasil, tetapi folder %q tidak dapat dibuka (%s).", cfg.User, cfg.Folder, serverWords(err))
	}
	uids, err := mb.UIDs(ctx, 0)
	if err != nil {
		return "", letters.Errorf(letters.EINVALID, "folder %q terbuka, tetapi isinya tidak dapat dibaca (%s).", cfg.Folder, serverWords(err))
	}
	return fmt.Sprintf("masuk sebagai %s; folder %s berisi %d email.", cfg.User, cfg.Folder, len(uids)), nil
}

func (m *mailChecker) checkSMTP(ctx context.Context, s letters.MailSettings, password string) (string, error) {
	cfg := mail.Config{Host: s.SMTPHost, Port: s.SMTPPort, Security: s.SMTPSecurity, User: s.SMTPUser}
	if cfg.Security == "" {
		cfg.Security = mail.SecuritySTARTTLS
	}
	if cfg.Port == 0 {
		cfg.Port = map[string]int{mail.SecurityTLS: 465, mail.SecuritySTARTTLS: 587, mail.SecurityNone: 25}[cfg.Security]
	}
	if cfg.User != "" && password == "" {
		if password = os.Getenv(smtpPasswordEnv); password == "" {
			pw, err := secretFile(m.dir, smtpPasswordFile, smtpPasswordEnv)
			if err != nil {
				return "", letters.Errorf(letters.EINVALID, "kata sandi SMTP belum ada: isi kolom Kata sandi, atau berkas %s di direktori data, atau $%s.", smtpPasswordFile, smtpPasswordEnv)
			}
			password = pw
		}
	}
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	tlsConfig := &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	d := &net.Dialer{Timeout: 15 * time.Second}
	var conn net.Conn
	var err error
	if cfg.Security == mail.SecurityTLS {
		conn, err = tls.DialWithDialer(d, "tcp", addr, tlsConfig)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return "", mailProblem(err, cfg)
	}
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	c, err := smtp.NewClient(conn, cfg.Host)
	if err != nil {
		conn.Close()
		return "", letters.Errorf(letters.EINVALID, "%s tidak menjawab sebagai server SMTP (%s).", addr, serverWords(err))
	}
	defer c.Close()
	domain := "localhost"
	from := s.SMTPFrom
	if from == "" {
		from = m.profile.Office.Email
	}
	if _, dom, ok := strings.Cut(from, "@"); ok {
		domain = dom
	}
	if err := c.Hello(domain); err != nil {
		return "", letters.Errorf(letters.EINVALID, "server SMTP menolak salam EHLO (%s).", serverWords(err))
	}
	if cfg.Security == mail.SecuritySTARTTLS {
		if err := c.StartTLS(tlsConfig); err != nil {
			return "", mailProblem(fmt.Errorf("mail: STARTTLS: %w", err), cfg)
		}
	}
	how := "tanpa login"
	if cfg.User != "" {
		if err := c.Auth(smtp.PlainAuth("", cfg.User, password, cfg.Host)); err != nil {
			return "", letters.Errorf(letters.EINVALID, "server SMTP menolak login sebagai %s (%s).", cfg.User, serverWords(err))
		}
		how = "masuk sebagai " + cfg.User
	}
	c.Quit()
	return fmt.Sprintf("server SMTP %s menerima sambungan %s; tidak ada email yang dikirim.", addr, how), nil
}

// mailProblem tells why a connection failed, in Indonesian.
func mailProblem(err error, cfg mail.Config) error {
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var opErr *net.OpError
	text := err.Error()
	switch {
	case errors.As(err, &dnsErr):
		return letters.Errorf(letters.EINVALID, "nama server %q tidak dikenal; periksa ejaannya.", cfg.Host)
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr):
		return letters.Errorf(letters.EINVALID, "sertifikat TLS %s tidak dapat dipercaya (%s).", addr, serverWords(err))
	case strings.Contains(text, "connection refused"):
		return letters.Errorf(letters.EINVALID, "%s menolak sambungan: tidak ada layanan di port itu; periksa port dan pengamanan.", addr)
	case errors.Is(err, os.ErrDeadlineExceeded) || strings.Contains(text, "i/o timeout"):
		return letters.Errorf(letters.EINVALID, "%s tidak menjawab; periksa nama server, port dan jaringan.", addr)
	case strings.Contains(text, "STARTTLS"):
		return letters.Errorf(letters.EINVALID, "%s tidak dapat beralih ke STARTTLS (%s); coba pengamanan tls.", addr, serverWords(err))
	case strings.Contains(text, "mail: login"):
		return letters.Errorf(letters.EINVALID, "server menolak login sebagai %s: nama pengguna atau kata sandi salah (%s).", cfg.User, serverWords(err))
	case strings.Contains(text, "tls:") || strings.Contains(text, "first record does not look like a TLS handshake"):
		return letters.Errorf(letters.EINVALID, "sambungan TLS ke %s gagal (%s); periksa pengamanan dan port.", addr, serverWords(err))
	case errors.As(err, &opErr):
		return letters.Errorf(letters.EINVALID, "tidak dapat terhubung ke %s (%s).", addr, serverWords(err))
	}
	return letters.Errorf(letters.EINVALID, "sambungan ke %s gagal (%s).", addr, serverWords(err))
}

// serverWords is the last part of an error chain: the server's or the
// system's own words, without Naskah's prefixes.
func serverWords(err error) string {
	text := err.Error()
	if i := strings.LastIndex(text, ": "); i >= 0 && i+2 < len(text) {
		text = text[i+2:]
	}
	return strings.TrimSpace(text)
}
