package profile_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"naskah/letters"
	"naskah/letters/profile"
)

var seedSlugs = []string{"biro-organisasi-ntt", "bkad-kalbar", "bkpsdmd-matim", "disarpus-sanggau", "dpmptsp"}

func TestEmbeddedProfilesLoadWithoutProblems(t *testing.T) {
	if got := profile.Names(); !slices.Equal(got, seedSlugs) {
		t.Fatalf("Names() = %v, want %v", got, seedSlugs)
	}
	for _, name := range profile.Names() {
		p, err := profile.Load(name)
		if err != nil {
			t.Errorf("Load(%q): %s", name, letters.ErrorMessage(err))
			continue
		}
		if problems := p.Validate(); len(problems) != 0 {
			t.Errorf("%s: Validate() = %v", name, problems)
		}
		if p.Slug != name {
			t.Errorf("%s: slug %q", name, p.Slug)
		}
		// Every profile has the document types the product prints, a web
		// form, a receiver and demo users for every position.
		for _, doc := range []string{"agenda", "tanda_bukti", "lembar_disposisi", "surat_jawaban", "berita_acara", "kelengkapan"} {
			if p.Document(doc) == nil {
				t.Errorf("%s: no document %q", name, doc)
			}
		}
		if p.Channel("web") == nil {
			t.Errorf("%s: no web channel", name)
		}
		for _, pos := range p.Positions {
			if !slices.ContainsFunc(p.Users, func(u letters.ProfileUser) bool { return u.Position == pos.Code }) {
				t.Errorf("%s: no demo user holds position %q", name, pos.Code)
			}
		}
		if !slices.ContainsFunc(p.Users, func(u letters.ProfileUser) bool { return u.Admin }) {
			t.Errorf("%s: no admin user", name)
		}
	}
}

func TestSeedFacts(t *testing.T) {
	bkad := mustLoad(t, "bkad-kalbar")
	if e := bkad.Escalation; e == nil || e.To != "Gubernur Kalimantan Barat" || e.Via != "Sekretaris Daerah Provinsi Kalimantan Barat" {
		t.Errorf("bkad-kalbar escalation = %+v", bkad.Escalation)
	}
	if len(bkad.Reports) != 1 || bkad.Reports[0].Period != "monthly" || bkad.Reports[0].DueDay != 15 {
		t.Errorf("bkad-kalbar reports = %+v", bkad.Reports)
	}
	if got := bkad.PositionTitle(bkad.ReceiptOfficial("telepon")); got != "Kepala Sub Bagian Rencana Kerja, Monitoring dan Evaluasi" {
		t.Errorf("bkad-kalbar receipt official = %q", got)
	}

	ntt := mustLoad(t, "biro-organisasi-ntt")
	if !ntt.Channel("kotak_saran").CheckDaily {
		t.Error("biro-organisasi-ntt: the complaint box is not checked daily")
	}
	if got := ntt.Position("kepala_biro").Parent; got != "sekda" {
		t.Errorf("biro-organisasi-ntt: Kepala Biro reports to %q, want sekda", got)
	}
	if !ntt.MayPerform("sekda", letters.ActionDispose) || !ntt.MayPerform("kepala_biro", letters.ActionDispose) {
		t.Error("biro-organisasi-ntt: Sekda and Kepala Biro must both dispose")
	}

	sanggau := mustLoad(t, "disarpus-sanggau")
	for _, ch := range sanggau.Channels {
		if ch.Receiver != "petugas_piket" || !slices.Equal(ch.Identity.Required, []string{"name", "address", "phone"}) {
			t.Errorf("disarpus-sanggau %s: receiver %q, identity %v", ch.Code, ch.Receiver, ch.Identity.Required)
		}
	}
	if got := sanggau.PositionTitle(sanggau.Privacy.ComplaintOfficer); got != "Kepala Sub Bagian Umum dan Kepegawaian" {
		t.Errorf("disarpus-sanggau complaint officer = %q", got)
	}
	if len(sanggau.Reports) != 1 || sanggau.Reports[0].Period != "semester" || sanggau.Reports[0].Responsible != "kasubag_umum" {
		t.Errorf("disarpus-sanggau reports = %+v", sanggau.Reports)
	}

	dpm := mustLoad(t, "dpmptsp")
	var chain []string
	for _, s := range dpm.Document("berita_acara").Chain {
		chain = append(chain, s.Position+":"+s.Step)
	}
	want := []string{"analis_pkpl:draft", "kabid_pkpl:paraf", "sekretaris:paraf", "kepala_dinas:sign", "pengadministrasi:register", "front_office:deliver"}
	if !slices.Equal(chain, want) {
		t.Errorf("dpmptsp berita acara chain = %v, want %v", chain, want)
	}

	matim := mustLoad(t, "bkpsdmd-matim")
	doc := matim.Document("surat_jawaban")
	nf, err := letters.ParseNumberFormat(doc.NumberFormat)
	if err != nil {
		t.Fatal(err)
	}
	// The office's own number: BKPSDMD.800/617.a/IV/2022.
	if got := nf.Format("617.a", mustTime(t, "2022-04-11T09:00:00+08:00"), doc.Fields); got != "BKPSDMD.800/617.a/IV/2022" {
		t.Errorf("bkpsdmd-matim surat jawaban number = %q", got)
	}
}

func TestLoadFileAndErrors(t *testing.T) {
	if _, err := profile.Load("testdata/minimal.yaml"); err != nil {
		t.Fatalf("minimal.yaml: %v", err)
	}
	_, err := profile.Load("kantor-lain")
	if letters.ErrorCode(err) != letters.ENOTFOUND || !strings.Contains(letters.ErrorMessage(err), "biro-organisasi-ntt, bkad-kalbar, bkpsdmd-matim, disarpus-sanggau, dpmptsp.") {
		t.Errorf("unknown name: %v", err)
	}
	if _, err := profile.Load("testdata/tidak-ada.yaml"); letters.ErrorCode(err) != letters.ENOTFOUND {
		t.Errorf("missing file: %v", err)
	}
	if _, err := profile.Source("../profile"); letters.ErrorCode(err) != letters.ENOTFOUND {
		t.Errorf("Source outside the embedded set: %v", err)
	}

	for _, tc := range []struct{ yaml, want string }{
		{"", "uji.yaml: berkas profil kosong"},
		{"slug: [a\n", "uji.yaml baris 1: susunan YAML rusak"},
		{"slug: a\nslug: b\n", `uji.yaml baris 2: kunci "slug" ditulis dua kali (pertama di baris 1)`},
		{"slug: a\nreports:\n  - period: monthly\n    due_day: lima belas\n", `uji.yaml baris 4: nilai "lima belas" tidak sesuai: di sini harus bilangan bulat`},
		{"slug: a\npositions: kepala\n", "uji.yaml baris 2: nilai \"kepala\" tidak sesuai: di sini harus berupa daftar"},
	} {
		_, err := profile.Parse([]byte(tc.yaml), "uji.yaml")
		if letters.ErrorCode(err) != letters.EINVALID || !strings.Contains(letters.ErrorMessage(err), tc.want) {
			t.Errorf("Parse(%q) = %v, want a message containing %q", tc.yaml, err, tc.want)
		}
	}
}

// Each broken profile marks every bad line with "# ERROR: <reason>"; the
// message must have exactly those problems, on those lines.
func TestBrokenProfilesNameLineAndReason(t *testing.T) {
	marker := regexp.MustCompile(`# ERROR: (.+)$`)
	files, _ := filepath.Glob("testdata/broken-*.yaml")
	if len(files) != 4 {
		t.Fatalf("found %d broken profiles", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for i, line := range strings.Split(string(data), "\n") {
			if m := marker.FindStringSubmatch(line); m != nil && !strings.HasPrefix(line, "#") {
				want = append(want, file+" baris "+strconv.Itoa(i+1)+": |"+m[1])
			}
		}
		_, err = profile.Load(file)
		if letters.ErrorCode(err) != letters.EINVALID {
			t.Errorf("%s: Load = %v, want EINVALID", file, err)
			continue
		}
		got := strings.Split(letters.ErrorMessage(err), "\n")
		if len(got) != len(want) {
			t.Errorf("%s: %d problems, want %d:\n%s", file, len(got), len(want), letters.ErrorMessage(err))
			continue
		}
		for i, w := range want {
			prefix, reason, _ := strings.Cut(w, "|")
			if !strings.HasPrefix(got[i], prefix) || !strings.Contains(got[i], reason) {
				t.Errorf("%s: problem %d = %q, want %q…%q", file, i+1, got[i], prefix, reason)
			}
		}
	}
}

func TestLogoIsResolvedAgainstTheProfileFile(t *testing.T) {
	src, err := os.ReadFile("testdata/minimal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "kantor.yaml")
	withLogo := strings.Replace(string(src), "office:\n", "office:\n  logo: gambar/logo.png\n", 1)
	if err := os.WriteFile(file, []byte(withLogo), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := profile.Load(file); letters.ErrorCode(err) != letters.EINVALID || !strings.Contains(letters.ErrorMessage(err), `logo (office.logo) "gambar/logo.png" tidak ditemukan`) {
		t.Fatalf("missing logo: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "gambar"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "gambar", "logo.png"), []byte("\x89PNG"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := profile.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "gambar", "logo.png"); p.Office.Logo != want {
		t.Errorf("logo = %q, want %q", p.Office.Logo, want)
	}
}

func mustLoad(t *testing.T, name string) *letters.Profile {
	t.Helper()
	p, err := profile.Load(name)
	if err != nil {
		t.Fatalf("Load(%q): %s", name, letters.ErrorMessage(err))
	}
	return p
}
