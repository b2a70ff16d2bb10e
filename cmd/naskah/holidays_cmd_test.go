package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHolidaysImportNextYear(t *testing.T) {
	dir, _ := demoDir(t, "disarpus-sanggau")
	csv := filepath.Join(t.TempDir(), "libur-2027.csv")
	os.WriteFile(csv, []byte("tanggal,jenis,keterangan\n2027-01-01,libur_nasional,Tahun Baru 2027 Masehi\n2027-01-02,libur_daerah,Hari Jadi Kabupaten (contoh)\n"), 0o600)
	out, err := runNaskah(t, "holidays", "import", csv, "--data", dir)
	if err != nil || !strings.Contains(out, "2 hari libur baru") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err = runNaskah(t, "holidays", "list", "--data", dir, "--year", "2027")
	if err != nil || !strings.Contains(out, "Tahun Baru 2027") || !strings.Contains(out, "sampai tahun 2027") {
		t.Fatalf("list after import: %v\n%s", err, out)
	}

	bad := filepath.Join(t.TempDir(), "salah.csv")
	os.WriteFile(bad, []byte("tanggal,jenis,keterangan\n2027-03-10,libur_nasional,Nyepi\n2027-02-30,libur_daerah,Tanggal salah\n"), 0o600)
	out, err = runNaskah(t, "holidays", "import", bad, "--data", dir)
	if err == nil || !strings.Contains(out, "Baris 3") {
		t.Fatalf("a bad line must be refused with its line number: %v\n%s", err, out)
	}
	out, _ = runNaskah(t, "holidays", "list", "--data", dir, "--year", "2027")
	if strings.Contains(out, "Nyepi") {
		t.Fatalf("a refused file added days:\n%s", out)
	}
}
