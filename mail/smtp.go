package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"naskah/letters"
)

// SMTPSender sends the office's mail with net/smtp. Config.Security is tls
// (port 465), starttls (587) or none (a relay on this machine); with a user
// it authenticates with PLAIN, which net/smtp allows only over TLS or to
// localhost. Password never appears in errors or logs.
type SMTPSender struct {
	Config   Config
	From     string // the office's address
	FromName string // the office's name
	Now      func() time.Time
}

var _ letters.MailSender = (*SMTPSender)(nil)

// Compose writes m as a MIME message from the office: the text, then each
// attachment (e.g. the signed PDF).
func (s *SMTPSender) Compose(m *letters.OutgoingMail) ([]byte, error) {
	var h gomail.Header
	h.SetAddressList("From", []*gomail.Address{{Name: s.FromName, Address: s.From}})
	h.SetAddressList("To", []*gomail.Address{{Name: m.ToName, Address: m.To}})
	h.SetSubject(m.Subject)
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	h.SetDate(now())
	h.SetMessageID(m.MessageID)
	if m.InReplyTo != "" {
		h.SetMsgIDList("In-Reply-To", []string{m.InReplyTo})
		h.SetMsgIDList("References", []string{m.InReplyTo})
	}
	var buf bytes.Buffer
	w, err := gomail.CreateWriter(&buf, h)
	if err != nil {
		return nil, err
	}
	var th gomail.InlineHeader
	th.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	tw, err := w.CreateSingleInline(th)
	if err != nil {
		return nil, err
	}
	io.WriteString(tw, strings.ReplaceAll(m.Text, "\n", "\r\n"))
	tw.Close()
	for _, p := range m.Attachments {
		var ah gomail.AttachmentHeader
		ct := p.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		ah.SetContentType(ct, nil)
		ah.SetFilename(p.Name)
		aw, err := w.CreateAttachment(ah)
		if err != nil {
			return nil, err
		}
		aw.Write(p.Data)
		aw.Close()
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Send delivers m and returns the message as sent.
func (s *SMTPSender) Send(ctx context.Context, m *letters.OutgoingMail) ([]byte, error) {
	raw, err := s.Compose(m)
	if err != nil {
		return nil, fmt.Errorf("mail: compose: %w", err)
	}
	cfg := s.Config
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	tlsConfig := &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	d := &net.Dialer{Timeout: 30 * time.Second}
	var conn net.Conn
	if cfg.Security == SecurityTLS {
		conn, err = tls.DialWithDialer(d, "tcp", addr, tlsConfig)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return nil, fmt.Errorf("mail: connect %s: %w", addr, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	} else {
		conn.SetDeadline(time.Now().Add(5 * time.Minute))
	}
	c, err := smtp.NewClient(conn, cfg.Host)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("mail: smtp %s: %w", addr, err)
	}
	defer c.Close()
	if _, domain, ok := strings.Cut(s.From, "@"); ok {
		if err := c.Hello(domain); err != nil {
			return nil, fmt.Errorf("mail: EHLO: %w", err)
		}
	}
	if cfg.Security == SecuritySTARTTLS {
		if err := c.StartTLS(tlsConfig); err != nil {
			return nil, fmt.Errorf("mail: STARTTLS: %w", err)
		}
	}
	if cfg.User != "" {
		if err := c.Auth(smtp.PlainAuth("", cfg.User, cfg.Password, cfg.Host)); err != nil {
			return nil, fmt.Errorf("mail: login SMTP as %s: %w", cfg.User, err)
		}
	}
	if err := c.Mail(s.From); err != nil {
		return nil, fmt.Errorf("mail: MAIL FROM: %w", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		return nil, fmt.Errorf("mail: RCPT TO %s: %w", m.To, err)
	}
	w, err := c.Data()
	if err != nil {
		return nil, fmt.Errorf("mail: DATA: %w", err)
	}
	if _, err := w.Write(raw); err != nil {
		return nil, fmt.Errorf("mail: DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("mail: DATA: %w", err)
	}
	c.Quit()
	return raw, nil
}

// Outbox sends the queued mail: due messages are sent, failures recorded
// and retried later (with growing delays) until they are given up and
// shown as failed on the case. Nothing is dropped silently.
type Outbox struct {
	Service  letters.OutboxService
	Sender   letters.MailSender
	Interval time.Duration // how often Run looks for due mail; 1 minute when zero
	Logger   *slog.Logger
}

// Flush queues the signed documents waiting for delivery by email, then
// sends every due message once and reports how many were sent and how many
// failed.
func (o *Outbox) Flush(ctx context.Context) (sent, failed int, err error) {
	if _, err := o.Service.QueueDocumentMail(ctx); err != nil {
		return 0, 0, err
	}
	due, err := o.Service.DueMail(ctx, 100)
	if err != nil {
		return 0, 0, err
	}
	for _, m := range due {
		raw, serr := o.Sender.Send(ctx, m)
		if serr != nil {
			failed++
			if o.Logger != nil {
				o.Logger.Warn("email gagal dikirim", "ke", m.To, "percobaan", m.Attempts+1, "galat", serr)
			}
			if err := o.Service.MarkMailFailed(ctx, m.ID, serr.Error()); err != nil {
				return sent, failed, err
			}
			continue
		}
		sent++
		if err := o.Service.MarkMailSent(ctx, m.ID, raw); err != nil {
			return sent, failed, err
		}
	}
	return sent, failed, nil
}

// Run flushes the outbox every Interval until ctx ends.
func (o *Outbox) Run(ctx context.Context) {
	every := o.Interval
	if every <= 0 {
		every = time.Minute
	}
	for {
		if _, _, err := o.Flush(ctx); err != nil && ctx.Err() == nil && o.Logger != nil {
			o.Logger.Error("kotak keluar email", "galat", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}
