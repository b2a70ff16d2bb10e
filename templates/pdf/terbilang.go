package pdf

import (
	"strings"
	"time"

	"naskah/letters"
)

var ones = [...]string{"", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
	"sepuluh", "sebelas"}

// Terbilang writes n in Indonesian words as documents spell out numbers:
// 23 → "dua puluh tiga", 2026 → "dua ribu dua puluh enam", 1000 →
// "seribu", 0 → "nol", -5 → "minus lima".
func Terbilang(n int64) string {
	switch {
	case n == 0:
		return "nol"
	case n < 0:
		if n == -n { // the smallest int64 has no positive counterpart
			return "minus sembilan kuintiliun " + Terbilang(223372036854775808)
		}
		return "minus " + Terbilang(-n)
	}
	return strings.TrimSpace(words(uint64(n)))
}

func words(n uint64) string {
	switch {
	case n < 12:
		return ones[n]
	case n < 20:
		return ones[n-10] + " belas"
	case n < 100:
		return join(ones[n/10]+" puluh", words(n%10))
	case n < 200:
		return join("seratus", words(n-100))
	case n < 1000:
		return join(ones[n/100]+" ratus", words(n%100))
	case n < 2000:
		return join("seribu", words(n-1000))
	}
	for _, scale := range []struct {
		size uint64
		name string
	}{{1e18, "kuintiliun"}, {1e15, "kuadriliun"}, {1e12, "triliun"}, {1e9, "miliar"}, {1e6, "juta"}, {1e3, "ribu"}} {
		if n >= scale.size {
			return join(words(n/scale.size)+" "+scale.name, words(n%scale.size))
		}
	}
	return ""
}

func join(a, b string) string {
	if b == "" {
		return a
	}
	return a + " " + b
}

// dateInWords is the opening of a berita acara: "Senin tanggal dua puluh
// tiga bulan November tahun dua ribu dua puluh enam".
func dateInWords(t time.Time) string {
	return weekdays[t.Weekday()] + " tanggal " + Terbilang(int64(t.Day())) +
		" bulan " + letters.MonthName(t.Month()) + " tahun " + Terbilang(int64(t.Year()))
}
