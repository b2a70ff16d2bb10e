package letters

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// nationalCSV is Indonesia's libur nasional and cuti bersama for 2025 and
// 2026 from the SKB 3 Menteri (1017/2024, 2/2024, 2/2024; 1497/2025, 2/2025,
// 5/2025). A later year is added by the office as extra days.
//
//go:embed hari-libur-nasional.csv
var nationalCSV []byte

var nationalDays = sync.OnceValue(func() []CalendarDay {
	days, err := ParseHolidaysCSV(bytes.NewReader(nationalCSV))
	if err != nil {
		panic("letters: embedded hari-libur-nasional.csv: " + ErrorMessage(err))
	}
	return days
})

// NationalHolidays returns the embedded national days (2025 and 2026), in
// date order. The slice is the caller's own.
func NationalHolidays() []CalendarDay {
	src := nationalDays()
	out := make([]CalendarDay, len(src))
	copy(out, src)
	return out
}

// ParseHolidaysCSV reads days off from CSV with the header
// tanggal,jenis,keterangan, e.g. "2027-01-01,libur_nasional,Tahun Baru 2027
// Masehi". Blank lines are skipped and fields trimmed. It is EINVALID, naming
// the line and the reason, for a wrong header or column count, a bad date,
// an unknown kind, a missing description or a date listed twice.
func ParseHolidaysCSV(r io.Reader) ([]CalendarDay, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, Errorf(EINVALID, "Berkas hari libur kosong: baris judul tanggal,jenis,keterangan tidak ada.")
	} else if err != nil {
		return nil, csvError(err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // spreadsheet BOM
	}
	if len(header) != 3 || !strings.EqualFold(strings.TrimSpace(header[0]), "tanggal") ||
		!strings.EqualFold(strings.TrimSpace(header[1]), "jenis") || !strings.EqualFold(strings.TrimSpace(header[2]), "keterangan") {
		return nil, Errorf(EINVALID, "Baris 1: judul kolom harus tanggal,jenis,keterangan (tertulis %q).", strings.Join(header, ","))
	}
	var days []CalendarDay
	seen := map[string]int{} // date → line
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return days, nil
		} else if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != 3 {
			return nil, Errorf(EINVALID, "Baris %d: harus berisi 3 kolom (tanggal,jenis,keterangan), tertulis %d kolom.", line, len(rec))
		}
		d := CalendarDay{Date: strings.TrimSpace(rec[0]), Kind: strings.TrimSpace(rec[1]), Name: strings.TrimSpace(rec[2])}
		if _, err := time.Parse(dateLayout, d.Date); err != nil {
			return nil, Errorf(EINVALID, "Baris %d: tanggal %q tidak valid (format TTTT-BB-HH, mis. 2027-08-17).", line, d.Date)
		}
		if _, ok := kindLabels[d.Kind]; !ok {
			return nil, Errorf(EINVALID, "Baris %d: jenis %q tidak dikenal (yang dikenal: libur_nasional, cuti_bersama, libur_daerah, libur_kantor).", line, d.Kind)
		}
		if d.Name == "" {
			return nil, Errorf(EINVALID, "Baris %d: keterangan hari libur %s wajib diisi.", line, d.Date)
		}
		if prev, dup := seen[d.Date]; dup {
			return nil, Errorf(EINVALID, "Baris %d: tanggal %s sudah tercantum pada baris %d.", line, d.Date, prev)
		}
		seen[d.Date] = line
		days = append(days, d)
	}
}

// csvError turns a CSV syntax error into EINVALID with its line; a failing
// reader is an internal error.
func csvError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("reading holidays CSV: %w", err)
	}
	reason := "format CSV rusak"
	switch {
	case errors.Is(pe.Err, csv.ErrQuote):
		reason = "tanda petik tidak ditutup"
	case errors.Is(pe.Err, csv.ErrBareQuote):
		reason = "tanda petik di dalam kolom yang tidak diapit tanda petik"
	}
	return Errorf(EINVALID, "Baris %d: %s.", pe.Line, reason)
}
