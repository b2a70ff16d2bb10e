package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"naskah/letters"
)

func init() {
	commands["load"] = command{"Menguji beban server yang berjalan dengan banyak sesi petugas serentak", runLoad}
}

// loadKinds are the kinds of request a staff session makes, with weights.
var loadKinds = []struct {
	name   string
	weight int
}{{"tugas", 15}, {"agenda", 25}, {"surat", 30}, {"cari", 20}, {"pdf", 10}}

// loadWords are what clerks search for.
var loadWords = []string{"tunjangan", "hibah", "sanggau", "sertifikat tanah", "retribusi pasar", "jembatan",
	"kendaraan dinas", "pajak", "Siregar", "gaji honorer", "Kapuas Hulu", "aset", "samsat", "realisasi anggaran"}

var letterLink = regexp.MustCompile(`href="/surat/(\d+)"`)

type loadConfig struct {
	base     string
	users    []string
	password string
	sessions int
	duration time.Duration
	max      int64
	caseIDs  int64
	// serverPID, when set, is the server's process: its CPU time per
	// request is reported (Linux /proc).
	serverPID int
	// rate, when set, paces the sessions to this many requests a second
	// together (load_pace.go); 0: each asks again as soon as answered.
	rate float64
}

// loadStats collects the latencies and errors of one kind of request.
type loadStats struct {
	mu     sync.Mutex
	lat    []time.Duration
	errors int
	sample string // the first error
}

func (s *loadStats) add(d time.Duration, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lat = append(s.lat, d)
	if err != nil {
		s.errors++
		if s.sample == "" {
			s.sample = err.Error()
		}
	}
}

func runLoad(ctx context.Context, args []string) error {
	var c loadConfig
	var d dataFlags
	var users string
	var asJSON bool
	fs := newFlagSet("load", "load --url http://127.0.0.1:PORT [--users 50] [--duration 30s] [--user NAMA --password SANDI | --data DIR]",
		"Menjalankan banyak sesi petugas serentak terhadap server Naskah yang berjalan di loopback: membuka\n"+
			"Tugas saya, buku agenda, halaman kasus, pencarian, dan mengunduh tanda bukti PDF, selama waktu\n"+
			"dan/atau jumlah permintaan tertentu. Mencetak permintaan/detik, latensi p50/p95/p99 per jenis dan galat.\n"+
			"Tanpa --user, akun diambil dari akun-contoh.txt di direktori --data.")
	d.register(fs)
	fs.StringVar(&c.base, "url", "http://127.0.0.1:8080", "alamat server (hanya loopback)")
	fs.IntVar(&c.sessions, "users", 50, "jumlah sesi serentak")
	fs.DurationVar(&c.duration, "duration", 30*time.Second, "lama uji")
	fs.Int64Var(&c.max, "requests", 0, "batas jumlah permintaan (0: hanya dibatasi waktu)")
	fs.StringVar(&users, "user", "", "nama pengguna, dipisah koma (sesi dibagi bergiliran)")
	fs.StringVar(&c.password, "password", "", "kata sandi pengguna")
	fs.Int64Var(&c.caseIDs, "case-ids", 0, "buka kasus acak dengan id 1..N (0: kasus yang terlihat di agenda dan hasil cari)")
	fs.Float64Var(&c.rate, "rate", 0, "laju permintaan per detik seluruh sesi bersama (0: tiap sesi langsung meminta lagi)")
	fs.IntVar(&c.serverPID, "server-pid", 0, "pid proses server di mesin ini: laporkan waktu CPU-nya per permintaan")
	fs.BoolVar(&asJSON, "json", false, "cetak hasil sebagai JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	u, err := url.Parse(c.base)
	if err != nil || u.Scheme != "http" || !isLoopback(u.Hostname()) {
		return letters.Errorf(letters.EINVALID, "--url harus alamat http di loopback (127.0.0.1, ::1 atau localhost), bukan %q.", c.base)
	}
	c.base = strings.TrimRight(c.base, "/")
	if c.sessions <= 0 || c.duration <= 0 {
		return letters.Errorf(letters.EINVALID, "--users dan --duration harus lebih dari 0.")
	}
	if c.rate < 0 {
		return letters.Errorf(letters.EINVALID, "--rate tidak boleh negatif (0: tanpa jeda).")
	}
	if users != "" {
		c.users = strings.Split(users, ",")
	}
	if len(c.users) == 0 || c.password == "" {
		names, pw, err := readDemoAccounts(d.dir)
		if err != nil {
			return err
		}
		if len(c.users) == 0 {
			c.users = names
		}
		if c.password == "" {
			c.password = pw
		}
	}
	rep, err := runLoadTest(ctx, c)
	if err != nil {
		return err
	}
	if asJSON {
		err = printJSON(os.Stdout, rep)
	} else {
		rep.print(os.Stdout)
	}
	if err == nil && rep.Errors > 0 {
		err = letters.Errorf(letters.EINTERNAL, "%d dari %d permintaan gagal.", rep.Errors, rep.Requests)
	}
	return err
}

func isLoopback(host string) bool {
	return host == "localhost" || host == "::1" || strings.HasPrefix(host, "127.")
}

// readDemoAccounts reads the user names and the password from the demo
// accounts file of a data directory.
func readDemoAccounts(dir string) ([]string, string, error) {
	data, err := os.ReadFile(filepath.Join(dir, demoAccountsFile))
	if err != nil {
		return nil, "", letters.Errorf(letters.EINVALID, "Beri --user dan --password, atau --data direktori yang berisi %s: %v", demoAccountsFile, err)
	}
	var names []string
	password := regexp.MustCompile(`demo-[a-z0-9]+`).FindString(string(data))
	for _, line := range strings.Split(string(data), "\n") {
		// Accounts with a TOTP secret (signers, admins) need a code the
		// load run cannot type: they are left out.
		if f := strings.Fields(line); len(f) > 1 && f[0] != "Kata" && !strings.Contains(line, "TOTP:") {
			names = append(names, f[0])
		}
	}
	if len(names) == 0 || password == "" {
		return nil, "", letters.Errorf(letters.EINVALID, "Berkas %s tidak memuat akun dan kata sandi.", demoAccountsFile)
	}
	return names, password, nil
}

// session is one signed-in member of staff.
type session struct {
	c      *loadConfig
	client *http.Client
	rng    *rand.Rand
	ids    []int64 // cases seen on the agenda and in search results
}

func newSession(c *loadConfig, tr http.RoundTripper, user string, seed uint64) (*session, error) {
	jar, _ := cookiejar.New(nil)
	s := &session{c: c, client: &http.Client{Jar: jar, Transport: tr, Timeout: 30 * time.Second},
		rng: rand.New(rand.NewPCG(seed, seed+1))}
	resp, err := s.client.PostForm(c.base+"/masuk", url.Values{"username": {user}, "password": {c.password}})
	if err != nil {
		return nil, fmt.Errorf("masuk sebagai %s: %w", user, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path == "/masuk" {
		return nil, letters.Errorf(letters.EUNAUTHORIZED, "Gagal masuk sebagai %s (status %d).", user, resp.StatusCode)
	}
	return s, nil
}

// pick chooses the next kind of request.
func (s *session) pick() string {
	total := 0
	for _, k := range loadKinds {
		total += k.weight
	}
	n := s.rng.IntN(total)
	for _, k := range loadKinds {
		if n -= k.weight; n < 0 {
			if (k.name == "surat" || k.name == "pdf") && len(s.ids) == 0 && s.c.caseIDs == 0 {
				return "agenda" // nothing to open yet
			}
			return k.name
		}
	}
	return "agenda"
}

func (s *session) caseID() int64 {
	if s.c.caseIDs > 0 {
		return 1 + s.rng.Int64N(s.c.caseIDs)
	}
	return s.ids[s.rng.IntN(len(s.ids))]
}

// do makes one request of kind and checks its answer.
func (s *session) do(ctx context.Context, kind string) error {
	var path string
	switch kind {
	case "tugas":
		path = "/tugas"
	case "agenda":
		path = "/agenda"
		if p := s.rng.IntN(10); p >= 6 {
			path += "?hal=" + strconv.Itoa(p-4) // pages 2..5 now and then
		}
	case "cari":
		path = "/agenda?q=" + url.QueryEscape(loadWords[s.rng.IntN(len(loadWords))])
	case "surat":
		path = "/surat/" + strconv.FormatInt(s.caseID(), 10)
	case "pdf":
		path = "/surat/" + strconv.FormatInt(s.caseID(), 10) + "/tanda-bukti.pdf"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.c.base+path, nil)
	if err != nil {
		return err
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	switch {
	case resp.StatusCode != http.StatusOK:
		return fmt.Errorf("GET %s: status %d", path, resp.StatusCode)
	case resp.Request.URL.Path == "/masuk":
		return fmt.Errorf("GET %s: sesi berakhir", path)
	case kind == "pdf" && !strings.HasPrefix(string(body), "%PDF-"):
		return fmt.Errorf("GET %s: bukan PDF", path)
	}
	if kind == "agenda" || kind == "cari" {
		for _, m := range letterLink.FindAllSubmatch(body, -1) {
			id, err := strconv.ParseInt(string(m[1]), 10, 64)
			if err != nil {
				continue
			} else if len(s.ids) < 500 {
				s.ids = append(s.ids, id)
			} else {
				s.ids[s.rng.IntN(len(s.ids))] = id
			}
		}
	}
	return nil
}
