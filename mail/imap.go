package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"slices"
	"strconv"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/client"
)

// Mailbox is the little of IMAP that Naskah uses. The fetcher only reads:
// folders are opened read-only, so no flag changes and nothing is ever
// deleted on the server.
type Mailbox interface {
	// Select opens folder read-only and returns its UIDVALIDITY.
	Select(ctx context.Context, folder string) (uidValidity uint32, err error)
	// UIDs lists the UIDs greater than after, ascending.
	UIDs(ctx context.Context, after uint32) ([]uint32, error)
	// Fetch calls fn with the raw bytes of each message in uids, in order,
	// and the time the server received it (INTERNALDATE).
	Fetch(ctx context.Context, uids []uint32, fn func(uid uint32, raw []byte, arrived time.Time) error) error
	// Wait returns when the folder may have new mail (IMAP IDLE where the
	// server offers it, else polling) or after timeout.
	Wait(ctx context.Context, timeout time.Duration) error
	// Move moves the messages of uids from the selected folder to folder,
	// creating it when missing.
	Move(ctx context.Context, uids []uint32, folder string) error
	// Close logs out.
	Close() error
}

// Security modes of the connection.
const (
	SecurityTLS      = "tls"      // TLS from the start (port 993)
	SecuritySTARTTLS = "starttls" // plain, then STARTTLS (port 143)
	SecurityNone     = "none"     // no encryption: only for a server on this machine
)

// Config is the office's mailbox. Password never appears in String, logs
// or errors.
type Config struct {
	Host     string
	Port     int
	Security string // tls, starttls or none
	User     string
	Password string
	Folder   string        // default INBOX
	Interval time.Duration // polling interval / longest IDLE; default 5 minutes
	MoveTo   string        // when set, handled mail is moved to this folder
}

// String describes the mailbox without its password.
func (c Config) String() string {
	return fmt.Sprintf("%s@%s (%s, folder %s)", c.User, net.JoinHostPort(c.Host, strconv.Itoa(c.Port)), c.Security, c.folder())
}

func (c Config) folder() string {
	if c.Folder == "" {
		return "INBOX"
	}
	return c.Folder
}

// imapMailbox is a Mailbox over emersion/go-imap v1 (the stable release).
type imapMailbox struct {
	c        *client.Client
	notify   chan struct{} // a mailbox update (new mail) arrived
	writable bool          // Select read-write: handled mail is moved
	created  map[string]bool
}

// watch drains the client's unilateral updates for the connection's life:
// the client blocks when nobody reads them. A mailbox update wakes Wait.
func (m *imapMailbox) watch(updates <-chan client.Update, loggedOut <-chan struct{}) {
	for {
		select {
		case u := <-updates:
			if _, ok := u.(*client.MailboxUpdate); ok {
				select {
				case m.notify <- struct{}{}:
				default:
				}
			}
		case <-loggedOut:
			return
		}
	}
}

// DialIMAP connects and logs in to the mailbox of cfg.
func DialIMAP(ctx context.Context, cfg Config) (Mailbox, error) {
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))
	tlsConfig := &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	d := &net.Dialer{Timeout: 30 * time.Second}
	var c *client.Client
	var err error
	switch cfg.Security {
	case SecurityTLS:
		c, err = client.DialWithDialerTLS(d, addr, tlsConfig)
	case SecuritySTARTTLS, SecurityNone:
		c, err = client.DialWithDialer(d, addr)
	default:
		return nil, fmt.Errorf("mail: unknown security %q (tls, starttls or none)", cfg.Security)
	}
	if err != nil {
		return nil, fmt.Errorf("mail: connect %s: %w", addr, err)
	}
	c.Timeout = 2 * time.Minute
	c.ErrorLog = log.New(io.Discard, "", 0) // errors are returned, not printed
	if cfg.Security == SecuritySTARTTLS {
		if err := c.StartTLS(tlsConfig); err != nil {
			c.Terminate()
			return nil, fmt.Errorf("mail: STARTTLS %s: %w", addr, err)
		}
	}
	if err := c.Login(cfg.User, cfg.Password); err != nil {
		c.Terminate()
		// The server's words, never the password.
		return nil, fmt.Errorf("mail: login %s as %s: %w", addr, cfg.User, err)
	}
	m := &imapMailbox{c: c, notify: make(chan struct{}, 1), writable: cfg.MoveTo != "", created: map[string]bool{}}
	updates := make(chan client.Update, 64)
	c.Updates = updates // set once, before any command: never changed while the client runs
	go m.watch(updates, c.LoggedOut())
	return m, nil
}

func (m *imapMailbox) Select(ctx context.Context, folder string) (uint32, error) {
	st, err := m.c.Select(folder, !m.writable)
	if err != nil {
		return 0, fmt.Errorf("mail: select %s: %w", folder, err)
	}
	return st.UidValidity, nil
}

func (m *imapMailbox) UIDs(ctx context.Context, after uint32) ([]uint32, error) {
	crit := imap.NewSearchCriteria()
	crit.Uid = new(imap.SeqSet)
	crit.Uid.AddRange(after+1, 0) // after+1:*
	uids, err := m.c.UidSearch(crit)
	if err != nil {
		return nil, fmt.Errorf("mail: search: %w", err)
	}
	// "n:*" always matches the last message, even below n.
	out := uids[:0]
	for _, u := range uids {
		if u > after {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out, nil
}

func (m *imapMailbox) Fetch(ctx context.Context, uids []uint32, fn func(uint32, []byte, time.Time) error) error {
	if len(uids) == 0 {
		return nil
	}
	set := new(imap.SeqSet)
	set.AddNum(uids...)
	section := &imap.BodySectionName{Peek: true} // BODY.PEEK[]: \Seen is not set
	ch := make(chan *imap.Message, len(uids))
	if err := m.c.UidFetch(set, []imap.FetchItem{imap.FetchUid, imap.FetchInternalDate, section.FetchItem()}, ch); err != nil {
		return fmt.Errorf("mail: fetch: %w", err)
	}
	got := map[uint32][]byte{}
	arrived := map[uint32]time.Time{}
	for msg := range ch {
		if r := msg.GetBody(section); r != nil && msg.Uid != 0 {
			raw, err := io.ReadAll(r)
			if err != nil {
				return fmt.Errorf("mail: fetch UID %d: %w", msg.Uid, err)
			}
			got[msg.Uid], arrived[msg.Uid] = raw, msg.InternalDate
		}
	}
	for _, uid := range uids {
		raw, ok := got[uid]
		if !ok {
			continue // expunged meanwhile
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(uid, raw, arrived[uid]); err != nil {
			return err
		}
	}
	return nil
}

func (m *imapMailbox) Wait(ctx context.Context, timeout time.Duration) error {
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- m.c.Idle(stop, &client.IdleOptions{LogoutTimeout: 25 * time.Minute, PollInterval: timeout})
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-m.notify:
	case <-timer.C:
	case <-ctx.Done():
	case err := <-done:
		if err != nil {
			return fmt.Errorf("mail: idle: %w", err)
		}
		return ctx.Err()
	}
	close(stop)
	if err := <-done; err != nil {
		return fmt.Errorf("mail: idle: %w", err)
	}
	return ctx.Err()
}

func (m *imapMailbox) Close() error {
	err := m.c.Logout()
	if errors.Is(err, client.ErrAlreadyLoggedOut) {
		return nil
	}
	return err
}
