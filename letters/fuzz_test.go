package letters_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode"

	"naskah/letters"
)

// The seed corpora are in testdata/fuzz/<Target>; `make fuzz` runs each
// target for a few seconds.

// expectInvalid fails unless err is nil or a domain EINVALID error with a
// message for the user.
func expectInvalid(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if letters.ErrorCode(err) != letters.EINVALID || letters.ErrorMessage(err) == "" {
		t.Fatalf("%s: error %v (code %s), want EINVALID with a message", what, err, letters.ErrorCode(err))
	}
}

func FuzzParseNumberFormat(f *testing.F) {
	for _, s := range []string{
		"{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}",
		"000.8.3/{nomor}/BKAD/{bulan_romawi}/{tahun}",
		"{nomor}", "", "{", "}", "{nomor", "{nomor}}", "{{nomor}}", "{tidak_ada}/{nomor}", "{kode}-{nomor}-{tanggal}.{bulan}",
	} {
		f.Add(s)
	}
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		nf, err := letters.ParseNumberFormat(s)
		expectInvalid(t, "ParseNumberFormat", err)
		if err != nil {
			return
		}
		fields := nf.Fields()
		hasNomor := false
		fixed := map[string]string{}
		for _, name := range fields {
			if _, known := letters.NumberFields[name]; !known {
				t.Fatalf("%q: accepted unknown field %q", s, name)
			}
			hasNomor = hasNomor || name == "nomor"
			fixed[name] = "X"
		}
		if !hasNomor {
			t.Fatalf("%q: accepted without {nomor}", s)
		}
		out := nf.Format("617.a", at, fixed)
		if !strings.Contains(out, "617.a") {
			t.Fatalf("%q: formatted %q lacks the number", s, out)
		}
	})
}

func FuzzParseHolidaysCSV(f *testing.F) {
	for _, s := range []string{
		"tanggal,jenis,keterangan\n2027-01-01,libur_nasional,Tahun Baru 2027 Masehi\n",
		"\ufefftanggal,jenis,keterangan\r\n2027-03-10,cuti_bersama,Cuti bersama Idulfitri\r\n\r\n2027-08-28,libur_daerah,Hari Jadi\n",
		"tanggal,jenis,keterangan\n2027-02-30,libur_kantor,x\n",
		"tanggal,jenis\n", "", "tanggal,jenis,keterangan\n\"2027-01-01,libur_nasional,a\n",
		"tanggal,jenis,keterangan\n2027-01-01,libur_nasional,a\n2027-01-01,libur_kantor,b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		days, err := letters.ParseHolidaysCSV(bytes.NewReader(data))
		expectInvalid(t, "ParseHolidaysCSV", err)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, d := range days {
			if _, err := time.Parse("2006-01-02", d.Date); err != nil {
				t.Fatalf("accepted bad date %q", d.Date)
			}
			if seen[d.Date] {
				t.Fatalf("accepted %s twice", d.Date)
			}
			seen[d.Date] = true
			if strings.TrimSpace(d.Name) == "" || d.KindLabel() == d.Kind {
				t.Fatalf("accepted day %+v without a description or with an unknown kind", d)
			}
		}
	})
}

func FuzzNormalizeTrackingCode(f *testing.F) {
	for _, s := range []string{"7K3Q-M9XD-2HFA-TR8W", "7k3q m9xd 2hfa tr8w", "OIL0-0000-0000-0000", "", "  -  ", "ǅǆ-ß-ﬀ"} {
		f.Add(s, uint16(0))
	}
	f.Fuzz(func(t *testing.T, s string, mangle uint16) {
		got := letters.NormalizeTrackingCode(s)
		for _, r := range got {
			if r == ' ' || unicode.IsLower(r) && unicode.ToUpper(r) != r {
				t.Fatalf("NormalizeTrackingCode(%q) = %q keeps %q", s, got, r)
			}
		}
		// A real code, typed back in any case, with spaces or without the
		// dashes and with the look-alike letters, is found again.
		var code strings.Builder
		for i, b := range []byte(s + "0123456789ABCDEF")[:16] {
			if i > 0 && i%4 == 0 {
				code.WriteByte('-')
			}
			code.WriteByte("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b&31])
		}
		typed := code.String()
		if mangle&1 != 0 {
			typed = strings.ToLower(typed)
		}
		if mangle&2 != 0 {
			typed = strings.ReplaceAll(typed, "-", " ")
		}
		if mangle&4 != 0 {
			typed = strings.ReplaceAll(typed, "-", "")
		}
		if mangle&8 != 0 {
			typed = strings.NewReplacer("0", "O", "1", "l").Replace(typed)
		}
		if mangle&16 != 0 {
			typed = "  " + typed + "\t"
		}
		if n := letters.NormalizeTrackingCode(typed); n != code.String() {
			t.Fatalf("code %s typed as %q normalises to %q", code.String(), typed, n)
		}
	})
}
