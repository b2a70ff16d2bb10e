package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// In the BKAD profile "kasubag" is the admin; "frontoffice" is not.
const admin = officer

func TestAdminPagesAreForAdminsOnly(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	anon := e.client()
	for _, path := range []string{"/admin", "/admin/pengguna", "/admin/hari-libur", "/admin/profil"} {
		if r := anon.get(path); r.StatusCode != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/masuk") {
			t.Errorf("GET %s without a session: %d to %q, want the sign-in page", path, r.StatusCode, r.Header.Get("Location"))
		}
	}
	c := e.client()
	c.login(clerk)
	for _, path := range []string{"/admin", "/admin/pengguna", "/admin/hari-libur", "/admin/profil"} {
		if r := c.get(path); r.StatusCode != http.StatusForbidden {
			t.Errorf("GET %s as a clerk: %d, want 403", path, r.StatusCode)
		}
	}
	r := c.postForm("/admin/pengguna", url.Values{"username": {"penyusup"}, "nama": {"Penyusup"}, "jabatan": {"kepala"},
		"sandi": {testPassword}, "sandi2": {testPassword}, "admin": {"1"}})
	if r.StatusCode != http.StatusForbidden {
		t.Errorf("POST /admin/pengguna as a clerk: %d, want 403", r.StatusCode)
	}
	if _, err := e.users.FindUserByUsername(context.Background(), "penyusup"); err == nil {
		t.Error("a clerk created a user")
	}
	mustNotContain(t, "clerk's menu", c.get("/agenda").body, `href="/admin/pengguna"`)
}

func TestAdminManagesUsers(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	c := e.client()
	c.login(admin)
	r := c.get("/admin/pengguna")
	mustContain(t, "users page", r.body, "frontoffice", "Siti Nurhaliza", "Petugas Penerima Pengaduan",
		"Kepala Sub Bagian Rencana Kerja, Monitoring dan Evaluasi", `href="/admin/pengguna">Admin</a>`)

	// A bad form comes back with the message and the input.
	r = c.postForm("/admin/pengguna", url.Values{"username": {"analis3"}, "nama": {"Rudi Hartono"}, "jabatan": {"analis"},
		"sandi": {"pendek"}, "sandi2": {"pendek"}})
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("short password: %d, want 422", r.StatusCode)
	}
	mustContain(t, "rejected user", errorText(r.body), "Kata sandi paling sedikit 8 karakter")
	mustContain(t, "rejected user", r.body, `value="Rudi Hartono"`, `<option value="analis" selected>`)
	r = c.postForm("/admin/pengguna", url.Values{"username": {"frontoffice"}, "nama": {"Dua"}, "jabatan": {"analis"},
		"sandi": {testPassword}, "sandi2": {testPassword}})
	if r.StatusCode != http.StatusConflict {
		t.Errorf("taken username: %d, want 409", r.StatusCode)
	}

	r = c.postForm("/admin/pengguna", url.Values{"username": {"analis3"}, "nama": {"Rudi Hartono"}, "nip": {"199501012020011001"},
		"jabatan": {"analis"}, "sandi": {"sandi-baru-123"}, "sandi2": {"sandi-baru-123"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("create user: %d: %s", r.StatusCode, errorText(r.body))
	}
	mustContain(t, "users page", c.get("/admin/pengguna").body, "Pengguna analis3 (Rudi Hartono) ditambahkan.", "NIP 199501012020011001")
	u, err := e.users.FindUserByUsername(context.Background(), "analis3")
	if err != nil || u.Admin || u.Position != "analis" {
		t.Fatalf("new user: %+v, %v", u, err)
	}
	newcomer := e.client()
	if r := newcomer.postForm("/masuk", url.Values{"username": {"analis3"}, "password": {"sandi-baru-123"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("new user cannot sign in: %d", r.StatusCode)
	}

	// Deactivating ends the user's session at the next request.
	id := strconv.FormatInt(u.ID, 10)
	if r := c.postForm("/admin/pengguna/"+id+"/aktif", url.Values{"aktif": {"0"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", r.StatusCode)
	}
	if r := newcomer.get("/agenda"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("deactivated user still served: %d", r.StatusCode)
	}
	if r := e.client().postForm("/masuk", url.Values{"username": {"analis3"}, "password": {"sandi-baru-123"}}); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("deactivated user signs in: %d", r.StatusCode)
	}
	mustContain(t, "users page", c.get("/admin/pengguna").body, `<tr id="pengguna-`+id+`" class="inactive">`)

	// Reactivate with a new password.
	c.postForm("/admin/pengguna/"+id+"/aktif", url.Values{"aktif": {"1"}})
	if r := c.postForm("/admin/pengguna/"+id+"/sandi", url.Values{"sandi": {"1234"}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("short new password: %d, want 422", r.StatusCode)
	}
	if r := c.postForm("/admin/pengguna/"+id+"/sandi", url.Values{"sandi": {"ganti-lagi-456"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset password: %d", r.StatusCode)
	}
	if r := e.client().postForm("/masuk", url.Values{"username": {"analis3"}, "password": {"ganti-lagi-456"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("reactivated user with the new password: %d", r.StatusCode)
	}

	// The admin cannot lock themselves out.
	me, _ := e.users.FindUserByUsername(context.Background(), admin)
	if r := c.postForm("/admin/pengguna/"+strconv.FormatInt(me.ID, 10)+"/aktif", url.Values{"aktif": {"0"}}); r.StatusCode != http.StatusConflict {
		t.Errorf("self-deactivation: %d, want 409", r.StatusCode)
	}
	if r := c.postForm("/admin/pengguna/999999/aktif", url.Values{"aktif": {"0"}}); r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown user: %d, want 404", r.StatusCode)
	}
}

func TestAdminHolidays(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	c := e.client()
	c.login(admin)
	mustContain(t, "holidays 2026", c.get("/admin/hari-libur?tahun=2026").body, "Kelahiran Yesus Kristus", "25 Desember 2026")

	// Thursday 26 November 2026 becomes a regional day off: a complaint filed
	// afterwards on Tuesday 24 November gets 5 working days without it.
	r := c.postForm("/admin/hari-libur", url.Values{"tanggal": {"2026-11-26"}, "jenis": {"libur_daerah"}, "keterangan": {"Hari Jadi Kota Uji"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("add holiday: %d: %s", r.StatusCode, errorText(r.body))
	}
	page := c.get("/admin/hari-libur?tahun=2026").body
	mustContain(t, "holidays 2026", page, "Hari Jadi Kota Uji", "26 November 2026", "ditambahkan kantor")
	code := submitComplaint(t, e.client(), complaintFields("Sesudah hari libur"), nil)
	l, _ := e.letters.FindLetterByTrackingCode(context.Background(), code)
	if got := l.Deadline.In(time.FixedZone("WIB", 7*3600)).Format("2006-01-02"); got != "2026-12-02" {
		t.Errorf("deadline after the new day off: %s, want 2026-12-02", got)
	}

	r = c.postForm("/admin/hari-libur", url.Values{"tanggal": {"26-11-2026"}, "jenis": {"libur_daerah"}, "keterangan": {"Salah"}})
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad date: %d, want 422", r.StatusCode)
	}
	mustContain(t, "bad date", errorText(r.body), "Tanggal", "TTTT-BB-HH")

	// CSV import: a bad line imports nothing; a good file imports all.
	r = postCSV(t, c, "tanggal,jenis,keterangan\n2027-01-01,libur_nasional,Tahun Baru Uji\n2027-13-01,libur_nasional,Salah\n")
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad CSV: %d, want 422", r.StatusCode)
	}
	mustContain(t, "bad CSV", errorText(r.body), "Baris 3")
	mustNotContain(t, "holidays 2027", c.get("/admin/hari-libur?tahun=2027").body, "Tahun Baru Uji")
	r = postCSV(t, c, "tanggal,jenis,keterangan\n2027-01-01,libur_nasional,Tahun Baru Uji\n2027-08-17,libur_nasional,Hari Kemerdekaan RI\n")
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/admin/hari-libur?tahun=2027" {
		t.Fatalf("CSV import: %d to %q", r.StatusCode, r.Header.Get("Location"))
	}
	mustContain(t, "holidays 2027", c.get("/admin/hari-libur?tahun=2027").body, "2 hari libur diimpor", "Tahun Baru Uji", "17 Agustus 2027")

	// A restarted server (a new handler on the same store) still has them.
	h, err := e.server.Handler()
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(h)
	defer hs.Close()
	restarted := &client{e: e.env, c: c.c}
	e.url = hs.URL
	mustContain(t, "holidays after restart", restarted.get("/admin/hari-libur?tahun=2026").body, "Hari Jadi Kota Uji")
}

func postCSV(t *testing.T, c *client, csv string) response {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("berkas", "libur.csv")
	fw.Write([]byte(csv))
	w.Close()
	return c.post("/admin/hari-libur/impor", w.FormDataContentType(), &buf)
}

func TestAdminProfileView(t *testing.T) {
	e := newFullEnv(t, "bkad-kalbar")
	c := e.client()
	c.login(admin)
	r := c.get("/admin/profil")
	if r.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/profil: %d", r.StatusCode)
	}
	mustContain(t, "profile", r.body, "bkad-kalbar", "Badan Keuangan dan Aset Daerah", "Asia/Pontianak",
		"{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}", "klasifikasi = 000.8.3", "Surat Jawaban Pengaduan",
		"Kepala BKAD menandatangani", "Gubernur Kalimantan Barat", "Formulir Pengaduan Daring")
}
