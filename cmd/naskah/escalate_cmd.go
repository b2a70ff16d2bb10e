package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"naskah/letters"
)

func init() {
	commands["escalate"] = command{"Mencatat eskalasi kasus yang melewati batas waktu", runEscalate}
}

func runEscalate(ctx context.Context, args []string) error {
	var d dataFlags
	var asJSON bool
	fs := newFlagSet("escalate", "escalate [--data DIR] [--json]",
		"Mencatat eskalasi setiap kasus terbuka yang melewati batas waktunya, sesuai aturan eskalasi\nprofil kantor (mis. kepada Gubernur melalui Sekretaris Daerah). `naskah serve` melakukannya\nsendiri setiap 10 menit; perintah ini untuk dijalankan dari cron bila perlu.")
	d.register(fs)
	fs.BoolVar(&asJSON, "json", false, "cetak kasus yang dieskalasi sebagai JSON")
	a, err := openWith(fs, args, &d)
	if err != nil {
		return err
	}
	defer a.Close()
	got, err := a.letters.EscalateOverdue(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		if got == nil {
			got = []*letters.Letter{}
		}
		return printJSON(os.Stdout, got)
	}
	if a.profile.Escalation == nil {
		fmt.Println("Profil kantor tidak mengatur eskalasi; tidak ada yang dieskalasi.")
		return nil
	}
	for _, l := range got {
		fmt.Printf("%s  %s\n", l.AgendaNumber, l.Subject)
	}
	fmt.Printf("%d kasus dieskalasi kepada %s.\n", len(got), a.profile.Escalation.To)
	return nil
}

// startEscalation escalates overdue cases now and every interval until ctx
// ends, logging what it did; offices without an escalation rule skip it.
func startEscalation(ctx context.Context, a *app, logger *slog.Logger, interval time.Duration) {
	if a.profile.Escalation == nil {
		return
	}
	a.bg.Go(func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			got, err := a.letters.EscalateOverdue(ctx)
			if err != nil && ctx.Err() == nil {
				logger.Error("eskalasi otomatis gagal", "err", err)
			} else if len(got) > 0 {
				logger.Info("kasus terlambat dieskalasi", "jumlah", len(got), "kepada", a.profile.Escalation.To)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
}
