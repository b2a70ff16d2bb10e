package letters

import "testing"

func TestScrubText(t *testing.T) {
	values := []string{"Yohanes Jehamat", "5319011203850001", "0852 5236 8000", "yohanes@contoh.id", "Jl. Trans Flores, Borong", "", "Al"}
	for _, tc := range []struct{ in, want string }{
		{"Saya YOHANES  jehamat mengadu.", "Saya (dihapus) mengadu."},
		{"NIK 5319 0112 0385 0001 terlampir", "NIK (dihapus) terlampir"},
		{"hubungi 0852-5236-8000 atau yohanes@contoh.id", "hubungi (dihapus) atau (dihapus)"},
		{"di Jl. Trans Flores, Borong.", "di (dihapus)."},
		{"Yohanesa Jehamatus dan Alam", "Yohanesa Jehamatus dan Alam"}, // other words and short values stay
	} {
		if got := ScrubText(tc.in, values...); got != tc.want {
			t.Errorf("ScrubText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
