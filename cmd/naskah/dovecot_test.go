package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// dovecot is a real Dovecot IMAP server (Debian dovecot-imapd) run by a
// test on a loopback port, with its own config and Maildir in a temp dir.
type dovecot struct {
	dir      string
	conf     string
	maildir  string // the Maildir of user
	port     int
	user     string
	password string
	asUser   []string // command prefix that drops root (setpriv), or none
}

// startDovecot starts Dovecot in the foreground; it stops with the test.
// As root it runs as nobody under setpriv (doveadm and imap refuse root).
func startDovecot(t *testing.T) *dovecot {
	t.Helper()
	if _, err := exec.LookPath("dovecot"); err != nil {
		t.Skip("dovecot not installed (Debian dovecot-imapd; scripts/test-deps.sh installs it)")
	}
	// Not t.TempDir: its parents are private to root, and nobody must
	// reach this one.
	dir, err := os.MkdirTemp("", "naskah-dovecot-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	d := &dovecot{dir: dir, user: "kantor", password: "sandi-imap-rahasia"}
	d.maildir = filepath.Join(dir, "mail", d.user, "Maildir")
	for _, sub := range []string{"run", "state", "cur", "new", "tmp"} {
		p := filepath.Join(dir, sub)
		if sub == "cur" || sub == "new" || sub == "tmp" {
			p = filepath.Join(d.maildir, sub)
		}
		if err := os.MkdirAll(p, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	osUser, group := "nobody", "nogroup"
	if os.Geteuid() == 0 {
		d.asUser = []string{"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"}
	} else {
		u, err := user.Current()
		if err != nil {
			t.Fatal(err)
		}
		g, _ := user.LookupGroupId(u.Gid)
		osUser, group = u.Username, g.Name
	}
	chmodAll(t, dir)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	d.conf = filepath.Join(dir, "dovecot.conf")
	conf := fmt.Sprintf(`protocols = imap
listen = 127.0.0.1
base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = %[2]s
default_internal_group = %[3]s
default_login_user = %[2]s
mail_location = maildir:%[1]s/mail/%%u/Maildir
first_valid_uid = 0
first_valid_gid = 0
passdb {
  driver = static
  args = password=%[4]s
}
userdb {
  driver = static
  args = uid=%[2]s gid=%[3]s home=%[1]s/mail/%%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %[5]d
  }
  chroot =
}
service anvil {
  chroot =
}
`, dir, osUser, group, d.password, d.port)
	if err := os.WriteFile(d.conf, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := d.command("dovecot", "-F", "-c", d.conf)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	for i := 0; ; i++ {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", d.port))
		if err == nil {
			c.Close()
			return d
		}
		if i > 200 {
			log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			t.Fatalf("dovecot did not start: %v\n%s\n%s", err, logs.String(), log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// command runs a Dovecot program as the server's user.
func (d *dovecot) command(name string, args ...string) *exec.Cmd {
	all := append(append(append([]string{}, d.asUser...), name), args...)
	return exec.Command(all[0], all[1:]...)
}

// deliver writes messages into the Maildir's new/ as a delivery agent does
// (write in tmp/, rename into new/).
func (d *dovecot) deliver(t *testing.T, msgs ...[]byte) {
	t.Helper()
	for _, raw := range msgs {
		name := fmt.Sprintf("%d.%d.naskahtest", time.Now().UnixNano(), os.Getpid())
		tmp := filepath.Join(d.maildir, "tmp", name)
		if err := os.WriteFile(tmp, raw, 0o666); err != nil {
			t.Fatal(err)
		}
		os.Chmod(tmp, 0o666)
		if err := os.Rename(tmp, filepath.Join(d.maildir, "new", name)); err != nil {
			t.Fatal(err)
		}
	}
}

// setUIDValidity renumbers INBOX as a server migration would.
func (d *dovecot) setUIDValidity(t *testing.T, v uint32) {
	t.Helper()
	out, err := d.command("doveadm", "-c", d.conf, "mailbox", "update", "-u", d.user,
		"--uid-validity", strconv.FormatUint(uint64(v), 10), "INBOX").CombinedOutput()
	if err != nil {
		t.Fatalf("doveadm mailbox update: %v\n%s", err, out)
	}
}

// serverMessages counts the messages in the Maildir and those marked \Seen
// (the S in a cur/ file's ":2,FLAGS" suffix).
func (d *dovecot) serverMessages(t *testing.T) (total, seen int) {
	t.Helper()
	for _, sub := range []string{"new", "cur"} {
		entries, err := os.ReadDir(filepath.Join(d.maildir, sub))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			total++
			if _, flags, ok := strings.Cut(e.Name(), ":2,"); ok && strings.Contains(flags, "S") {
				seen++
			}
		}
	}
	return total, seen
}

func chmodAll(t *testing.T, dir string) {
	t.Helper()
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.IsDir() {
			os.Chmod(p, 0o777)
		}
		return nil
	})
}
