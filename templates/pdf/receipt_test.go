package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"naskah/letters"
)

func TestReceiptShowsWhatTheStandardRequires(t *testing.T) {
	data := bkadReceipt(t)
	text := pdfText(t, writeReceipt(t, data))
	flat := oneLine(text)
	for _, want := range []string{
		"PEMERINTAH PROVINSI KALIMANTAN BARAT",
		"BADAN KEUANGAN DAN ASET DAERAH",
		"Telepon (0561) 736541 ext. 445",
		"TANDA BUKTI PENGADUAN",
		"000.8.3/12/BKAD/XI/2026",                                  // agenda number
		"Senin, 23 November 2026 09.15 WIB",                        // received, with the zone
		"Tatap Muka Langsung",                                      // the channel's name, not its code
		"Pengaduan",                                                // category
		"Keterlambatan pencairan dana hibah",                       // subject
		"Yohanes Bosko Ndéwi",                                      // complainant, with é
		"Drs. Agustinus Ñañez Pōhan, M.Si.",                        // official, with Ñ, ñ and ō
		"Kepala Sub Bagian Rencana Kerja, Monitoring dan Evaluasi", // position from the profile
		"NIP. 197005121995031002",
		"Senin, 30 November 2026 (5 hari kerja sejak diterima)", // deadline
		"7K3Q-M9XD-2HFA-TR8W",                                   // tracking code
		"Simpan tanda bukti ini. Gunakan kode lacak untuk memantau pengaduan Anda di https://naskah.bkad.kalbarprov.go.id/lacak/7K3Q-M9XD-2HFA-TR8W.",
		"dilanjutkan kepada Gubernur Kalimantan Barat melalui Sekretaris Daerah Provinsi Kalimantan Barat",
		"Pontianak, 23 November 2026",
		"Petugas Penerima",
		"Siti Rahmawati",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("receipt lacks %q; pdftotext reads:\n%s", want, text)
		}
	}
	if strings.Contains(text, "tatap_muka") || strings.Contains(text, "kasubag_rkme") {
		t.Errorf("receipt shows a profile code instead of a name:\n%s", text)
	}
	if strings.Contains(text, "Tanggapan Pertama") {
		t.Errorf("receipt shows a first response row although the channel sets none:\n%s", text)
	}
}

func TestReceiptHidesConfidentialAndAnonymousComplainants(t *testing.T) {
	for _, tc := range []struct {
		party letters.Party
		shown string
	}{
		{letters.Party{Name: "Maria Goreti Jelita", Phone: "081300001111", Organisation: "Kelompok Tani Maju", Confidential: true}, "Dirahasiakan"},
		{letters.Party{Anonymous: true}, "Anonim"},
	} {
		data := bkadReceipt(t)
		data.Letter.Complainant = tc.party
		text := oneLine(pdfText(t, writeReceipt(t, data)))
		if !strings.Contains(text, "Nama Pengadu : "+tc.shown) {
			t.Errorf("complainant should read %q; pdftotext reads:\n%s", tc.shown, text)
		}
		for _, secret := range []string{"Maria", "Goreti", "Jelita", "081300001111", "Kelompok Tani Maju"} {
			if strings.Contains(text, secret) {
				t.Errorf("receipt of a %s complainant shows %q", tc.shown, secret)
			}
		}
	}
}

func TestReceiptHoldsOneQRImage(t *testing.T) {
	path := writeReceipt(t, bkadReceipt(t))
	images := pdfImages(t, path)
	if len(images) != 1 {
		t.Fatalf("want exactly one image (the QR code), pdfimages -list finds %d: %v", len(images), images)
	}
	if w, h := images[0][0], images[0][1]; w != h || w < 100 {
		t.Errorf("QR image is %dx%d px, want a square of at least 100 px", w, h)
	}
}

// pdfImages lists the width and height of each image `pdfimages -list`
// finds, leaving out soft masks (the alpha channel of a PNG).
func pdfImages(t *testing.T, path string) [][2]int {
	out := poppler(t, "pdfimages", "-list", path)
	var sizes [][2]int
	for _, line := range strings.Split(out, "\n")[2:] {
		f := strings.Fields(line)
		if len(f) < 5 || f[2] != "image" {
			continue
		}
		w, err1 := strconv.Atoi(f[3])
		h, err2 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil {
			t.Fatalf("unexpected pdfimages line %q", line)
		}
		sizes = append(sizes, [2]int{w, h})
	}
	return sizes
}

func TestReceiptLogoInLetterhead(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 60, 80))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.Set(30, 40, color.RGBA{200, 0, 0, 255})
	var logo bytes.Buffer
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	data := bkadReceipt(t)
	data.Logo = logo.Bytes()
	path := writeReceipt(t, data)
	if n := len(pdfImages(t, path)); n != 2 {
		t.Errorf("want the logo and the QR code, pdfimages finds %d images", n)
	}
	if text := oneLine(pdfText(t, path)); !strings.Contains(text, "BADAN KEUANGAN DAN ASET DAERAH") {
		t.Errorf("letterhead with a logo lost the office name:\n%s", text)
	}
}

// A long subject with an unbroken token wraps inside the value column: no
// word reaches into the right margin or the bottom margin, nothing is lost,
// and the receipt continues on a numbered second page.
func TestReceiptWrapsLongSubject(t *testing.T) {
	data := bkadReceipt(t)
	token := "https://contoh.desa.id/" + strings.Repeat("berkas-bukti-setoran-", 8) + "AKHIRTOKEN"
	words := strings.Fields(strings.Repeat("Pembayaran retribusi pemakaian kekayaan daerah belum tercatat pada sistem. ", 40))
	data.Letter.Subject = strings.Join(words, " ") + " " + token + " selesai."
	path := writeReceipt(t, data)

	bbox := poppler(t, "pdftotext", "-bbox", path, "-")
	re := regexp.MustCompile(`xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)<`)
	right, bottom := (pageW-marginX+0.5)/25.4*72, (pageH-5)/25.4*72
	boxes := re.FindAllStringSubmatch(bbox, -1)
	if len(boxes) < 100 {
		t.Fatalf("pdftotext -bbox found only %d words", len(boxes))
	}
	for _, m := range boxes {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		if x > right || y > bottom {
			t.Fatalf("word %q ends at (%.1f, %.1f) pt, past the margins (%.1f, %.1f)", m[3], x, y, right, bottom)
		}
	}
	text := pdfText(t, path)
	flat := strings.Join(strings.Fields(text), "")
	if !strings.Contains(flat, strings.ReplaceAll(token, " ", "")) {
		t.Errorf("the long token is not printed whole (across lines):\n%s", text)
	}
	if !strings.Contains(text, "selesai.") || strings.Count(text, "retribusi") != 40 {
		t.Errorf("subject lost words:\n%s", text)
	}
	for _, want := range []string{
		"7K3Q-M9XD-2HFA-TR8W", "Petugas Penerima", "Halaman 1 dari 2", "Halaman 2 dari 2",
		"Tanda Bukti Pengaduan · Nomor Agenda 000.8.3/12/BKAD/XI/2026 (lanjutan)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("after a long subject the receipt lacks %q", want)
		}
	}
}

// Names in other scripts and accents print and read back as written.
func TestReceiptPrintsNamesInManyScripts(t *testing.T) {
	for _, name := range []string{
		"Nguyễn Thị Ánh Tuyết", "Łukasz Żółć", "Şükrü Çağlar", "Дмитрий Соколов",
		"Σωκράτης Παπαδόπουλος", "Ōtsuka Kōhei", "José Muñoz Ibáñez", "Ğıış — „kutip“ € №5",
	} {
		data := bkadReceipt(t)
		data.Letter.Complainant = letters.Party{Name: name}
		text := oneLine(pdfText(t, writeReceipt(t, data)))
		if !strings.Contains(text, name) {
			t.Errorf("name %q does not read back; pdftotext reads:\n%s", name, text)
		}
	}
}

// An office in WITA with a 30-minute face-to-face limit and a first
// response deadline: times are printed with the zone.
func TestReceiptMinuteDeadlineInWITA(t *testing.T) {
	p := bkadProfile()
	p.TimeZone = "Asia/Makassar"
	p.Channels[0].Deadline = letters.Duration{Value: 30, Unit: letters.UnitMinutes}
	p.Channels[0].FirstResponse = &letters.Duration{Value: 2, Unit: letters.UnitHours}
	data := bkadReceipt(t)
	data.Profile = p
	data.Letter = bkadLetter(t, p)
	text := oneLine(pdfText(t, writeReceipt(t, data)))
	for _, want := range []string{
		"Senin, 23 November 2026 09.15 WITA",
		"Batas Waktu Penyelesaian : Senin, 23 November 2026 09.45 WITA (30 menit sejak diterima)",
		"Tanggapan Pertama : Senin, 23 November 2026 11.15 WITA (2 jam sejak diterima)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("receipt lacks %q; pdftotext reads:\n%s", want, text)
		}
	}
}

func TestReceiptRefusesWhatTheStandardForbids(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*ReceiptData)
		want   string
	}{
		{"no official", func(d *ReceiptData) { d.Official.Name = "" }, "nama pejabat"},
		{"no position", func(d *ReceiptData) { d.Letter.Responsible = ""; d.Profile.Responsible = "" }, "jabatan"},
		{"no agenda", func(d *ReceiptData) { d.Letter.AgendaNumber = "" }, "nomor agenda"},
		{"no code", func(d *ReceiptData) { d.Letter.TrackingCode = "" }, "kode lacak"},
		{"no url", func(d *ReceiptData) { d.TrackURL = "" }, "TrackURL"},
		{"bad zone", func(d *ReceiptData) { d.Profile.TimeZone = "Asia/Borneo" }, "time_zone"},
	} {
		data := bkadReceipt(t)
		tc.change(&data)
		var buf bytes.Buffer
		err := renderer(t).Receipt(&buf, data)
		if letters.ErrorCode(err) != letters.EINVALID || !strings.Contains(letters.ErrorMessage(err), tc.want) {
			t.Errorf("%s: want EINVALID mentioning %q, got %v", tc.name, tc.want, err)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: a refused receipt wrote %d bytes", tc.name, buf.Len())
		}
	}
}

// Receipts rendered at once, each needing planes no one has used yet, each
// hold their own data.
func TestReceiptConcurrent(t *testing.T) {
	names := []string{"Анна Ковалёва", "Ἀριστοτέλης Ζ", "Trần Văn Đức", "Ŧŋŉ Ŀŀa", "Yohanes Bosko Ndéwi", "ǅemal Ǆ", "Ɓɗƴ Ƙaƙ", "Ω∑≤≥ Simbol"}
	var wg sync.WaitGroup
	outs := make([][]byte, len(names))
	errs := make([]error, len(names))
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data := bkadReceipt(t)
			data.Letter.Complainant.Name = name
			data.Letter.AgendaNumber = fmt.Sprintf("000.8.3/%d/BKAD/XI/2026", 100+i)
			var buf bytes.Buffer
			errs[i] = renderer(t).Receipt(&buf, data)
			outs[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i, name := range names {
		if errs[i] != nil {
			t.Fatalf("%s: %v", name, errs[i])
		}
		path := t.TempDir() + "/r.pdf"
		if err := os.WriteFile(path, outs[i], 0o644); err != nil {
			t.Fatal(err)
		}
		text := oneLine(pdfText(t, path))
		if !strings.Contains(text, name) || !strings.Contains(text, fmt.Sprintf("000.8.3/%d/BKAD/XI/2026", 100+i)) {
			t.Errorf("receipt %d lacks its own name %q or number:\n%s", i, name, text)
		}
	}
}

func TestDurationAndDates(t *testing.T) {
	loc := time.FixedZone("WIT", 9*3600)
	at := time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC)
	if got := longDate(at, loc); got != "Jumat, 1 Januari 2027" {
		t.Errorf("longDate in WIT = %q", got)
	}
	for d, want := range map[letters.Duration]string{
		{Value: 5, Unit: letters.UnitWorkingDays}: "5 hari kerja",
		{Value: 30, Unit: letters.UnitMinutes}:    "30 menit",
		{Value: 14, Unit: letters.UnitDays}:       "14 hari kalender",
	} {
		if got := durationText(d); got != want {
			t.Errorf("durationText(%v) = %q, want %q", d, got, want)
		}
	}
}
