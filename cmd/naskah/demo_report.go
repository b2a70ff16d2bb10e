package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"naskah/letters"
)

// demoReport writes the report workbook of the current month of the demo
// cases into the data directory, as the office's report duty would.
func (a *app) demoReport(ctx context.Context, w io.Writer) error {
	now := time.Now()
	per, err := letters.PeriodAt(letters.PeriodMonthly, now, a.db.Calendar.Location())
	if err != nil {
		return err
	}
	path := filepath.Join(a.dir, "laporan-contoh-"+per.String()+".xlsx")
	sum, err := writeReportFile(ctx, a, per, now, path)
	if err != nil {
		return fmt.Errorf("demo report: %w", err)
	}
	fmt.Fprintf(w, "Laporan contoh %s (%d pengaduan): %s\n", per.Label(), sum.Received, path)
	return a.demoReportCover(ctx, w) // demo_report_cover.go
}
