package web_test

import (
	"context"
	"html"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// dialChecker stands in for cmd/naskah's mail checker (which needs package
// mail and a real IMAP server, tested in cmd/naskah/mailbox_check_test.go):
// it only opens a TCP connection to the server as the settings name it.
type dialChecker struct{}

func (dialChecker) CheckMail(ctx context.Context, server string, s letters.MailSettings, password string) (string, error) {
	host, port := s.Host, s.Port
	if server == letters.MailServerSMTP {
		host, port = s.SMTPHost, s.SMTPPort
	}
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	conn, err := (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", letters.Errorf(letters.EINVALID, "%s menolak sambungan.", addr)
	}
	conn.Close()
	return "tersambung ke " + addr + ".", nil
}

func mailboxForm(v map[string]string) url.Values {
	out := url.Values{}
	for k, x := range v {
		out.Set(k, x)
	}
	return out
}

func TestAdminMailboxSettingsRoundTrip(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	ctx := context.Background()
	c := e.as(admin)
	page := c.get("/admin/kotak-surat")
	wantStatus(t, "mailbox page", page, http.StatusOK)
	mustContain(t, "mailbox page", page.body, `name="host"`, `name="smtp_host"`, "Belum ada berkas mail-password", "bawaan: bkad@kalbarprov.go.id")

	// Bad input names the field; nothing is stored.
	r := c.postForm("/admin/kotak-surat", mailboxForm(map[string]string{"host": "https://imap.bkad.test", "port": "sembilan",
		"keamanan": "none", "pengguna": "", "jeda": "5 menit", "smtp_host": "smtp.bkad.test", "pengirim": "bukan alamat"}))
	wantStatus(t, "bad settings", r, http.StatusUnprocessableEntity)
	mustContain(t, "bad settings", html.UnescapeString(r.body), `port "sembilan" bukan angka`, `server "https://imap.bkad.test" tidak sah`,
		"nama pengguna wajib diisi", `jeda pemeriksaan "5 menit" tidak sah`, `alamat pengirim "bukan alamat" tidak sah`, `value="https://imap.bkad.test"`)
	r = c.postForm("/admin/kotak-surat", mailboxForm(map[string]string{"host": "imap.bkad.test", "keamanan": "none", "pengguna": "x"}))
	wantStatus(t, "none over the network", r, http.StatusUnprocessableEntity)
	mustContain(t, "none over the network", r.body, "hanya boleh untuk server di mesin ini")
	if v, _ := e.db.Setting(ctx, letters.SettingMailHost); v != "" {
		t.Fatalf("a rejected form stored mail.host %q", v)
	}

	// Good settings and a password: the settings go to the database under
	// the keys `naskah fetch` and `naskah send` read, the password to the
	// data directory's file (0600), never back to the page.
	form := map[string]string{"host": "imap.bkad.test", "port": "993", "keamanan": "tls", "pengguna": "pengaduan@bkad.test",
		"sandi": "rahasia-imap-1", "folder": "INBOX", "pindah": "Naskah", "jeda": "2m",
		"smtp_host": "smtp.bkad.test", "smtp_keamanan": "starttls", "smtp_pengguna": "pengaduan@bkad.test",
		"smtp_sandi": "rahasia-smtp-2", "pengirim": "pengaduan@bkad.test"}
	r = c.postForm("/admin/kotak-surat", mailboxForm(form))
	wantStatus(t, "save settings", r, http.StatusSeeOther)
	for key, want := range map[string]string{"mail.host": "imap.bkad.test", "mail.port": "993", "mail.security": "tls",
		"mail.user": "pengaduan@bkad.test", "mail.folder": "INBOX", "mail.move_to": "Naskah", "mail.interval": "2m",
		"smtp.host": "smtp.bkad.test", "smtp.security": "starttls", "smtp.user": "pengaduan@bkad.test", "smtp.from": "pengaduan@bkad.test"} {
		if got, err := e.db.Setting(ctx, key); got != want || err != nil {
			t.Errorf("setting %s = %q (%v), want %q", key, got, err, want)
		}
	}
	for name, want := range map[string]string{"mail-password": "rahasia-imap-1\n", "smtp-password": "rahasia-smtp-2\n"} {
		path := filepath.Join(e.db.Dir, name)
		data, err := os.ReadFile(path)
		st, _ := os.Stat(path)
		if err != nil || string(data) != want || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: %q, mode %v, %v", name, data, st.Mode().Perm(), err)
		}
	}
	page = c.get("/admin/kotak-surat")
	mustContain(t, "saved settings", page.body, "Pengaturan kotak surat tersimpan", `value="imap.bkad.test"`, `value="2m"`, `value="Naskah"`,
		`<option value="tls" selected>`, "Kata sandi tersimpan di berkas mail-password", "Kata sandi tersimpan di berkas smtp-password")
	mustNotContain(t, "saved settings", page.body, "rahasia-imap-1", "rahasia-smtp-2")
	entries, err := store.NewAuditService(e.db).FindAuditEntries(ctx, "settings", 0)
	if err != nil || len(entries) != 3 {
		t.Fatalf("audit rows: %+v %v", entries, err)
	}
	for _, en := range entries {
		if strings.Contains(en.Detail, "rahasia") {
			t.Errorf("the audit row %q holds a password", en.Detail)
		}
	}

	// Saving without typing a password keeps it; clearing a field removes
	// the setting; "hapus" removes the password file.
	delete(form, "sandi")
	delete(form, "smtp_sandi")
	form["pindah"] = ""
	form["hapus_smtp_sandi"] = "1"
	wantStatus(t, "save again", c.postForm("/admin/kotak-surat", mailboxForm(form)), http.StatusSeeOther)
	if data, _ := os.ReadFile(filepath.Join(e.db.Dir, "mail-password")); string(data) != "rahasia-imap-1\n" {
		t.Errorf("mail-password after saving without a password: %q", data)
	}
	if _, err := os.Stat(filepath.Join(e.db.Dir, "smtp-password")); err == nil {
		t.Error("smtp-password was not removed")
	}
	if v, _ := e.db.Setting(ctx, "mail.move_to"); v != "" {
		t.Errorf("cleared mail.move_to is still %q", v)
	}

	// Not for a clerk.
	clerkC := e.as(clerk)
	wantStatus(t, "clerk page", clerkC.get("/admin/kotak-surat"), http.StatusForbidden)
	wantStatus(t, "clerk saving", clerkC.postForm("/admin/kotak-surat", mailboxForm(map[string]string{"host": "evil.test", "pengguna": "x"})), http.StatusForbidden)
	wantStatus(t, "clerk testing", clerkC.postForm("/admin/kotak-surat/uji", mailboxForm(map[string]string{"server": "imap"})), http.StatusForbidden)
	if v, _ := e.db.Setting(ctx, letters.SettingMailHost); v != "imap.bkad.test" {
		t.Errorf("mail.host after the clerk: %q", v)
	}
}

func TestAdminMailboxConnectionTest(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	c := e.as(admin)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			conn.Close()
		}
	}()
	open := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	form := map[string]string{"server": "imap", "host": "127.0.0.1", "port": open, "keamanan": "none", "pengguna": "kantor"}
	r := c.postForm("/admin/kotak-surat/uji", mailboxForm(form))
	wantStatus(t, "test", r, http.StatusOK)
	mustContain(t, "test", r.body, "Uji koneksi kotak surat (IMAP) 127.0.0.1 berhasil", "Pengaturan belum disimpan", `value="`+open+`"`)
	if v, _ := e.db.Setting(context.Background(), letters.SettingMailHost); v != "" {
		t.Errorf("a connection test stored mail.host %q", v)
	}

	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	port := strconv.Itoa(closed.Addr().(*net.TCPAddr).Port)
	closed.Close()
	form = map[string]string{"server": "smtp", "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_keamanan": "none"}
	r = c.postForm("/admin/kotak-surat/uji", mailboxForm(form))
	wantStatus(t, "failing test", r, http.StatusOK)
	mustContain(t, "failing test", r.body, "Uji koneksi server SMTP 127.0.0.1 gagal", "menolak sambungan")

	r = c.postForm("/admin/kotak-surat/uji", mailboxForm(map[string]string{"server": "imap"}))
	wantStatus(t, "test without a server", r, http.StatusUnprocessableEntity)
	mustContain(t, "test without a server", r.body, "Isi server kotak surat (IMAP) untuk menguji koneksi.")
}
