package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"naskah/letters"
	"naskah/mail"
	"naskah/store"
)

func init() {
	commands["import"] = command{"Mengimpor email dari berkas .eml, mbox atau folder Maildir", runImport}
}

// importMemoryLimit is the soft limit of the Go heap during an import.
const importMemoryLimit = 28 << 20

func runImport(ctx context.Context, args []string) error {
	var d dataFlags
	var asJSON bool
	fs := newFlagSet("import", "import [--data DIR] [--profile NAMA] [--workers N] [--batch N] [--json] BERKAS...",
		"Mengimpor email dari berkas .eml, berkas mbox dan folder Maildir (folder lain ditelusuri untuk\n"+
			"ketiganya). Tiap email dicatat seperti email yang diambil dari IMAP: surat masuk baru, balasan pada\n"+
			"kasusnya, duplikat, balasan otomatis, atau ditolak dengan alasannya. Impor ulang tidak menggandakan surat.\n"+
			"Email diurai di semua inti dan dicatat per transaksi berisi --batch email: satu transaksi tersimpan\n"+
			"utuh atau tidak sama sekali. Direktori data baru dibuat bila --profile disebutkan.")
	d.register(fs)
	fs.BoolVar(&asJSON, "json", false, "cetak ringkasan sebagai JSON")
	workers := fs.Int("workers", 0, "jumlah pengurai email yang bekerja bersamaan (0: otomatis, menurut jumlah inti)")
	batch := fs.Int("batch", mail.DefaultBatchSize, "jumlah email per transaksi (1: satu per satu)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return letters.Errorf(letters.EINVALID, "Sebutkan berkas atau folder email yang diimpor.")
	}
	if *workers < 0 || *batch < 1 {
		return letters.Errorf(letters.EINVALID, "--workers tidak boleh negatif dan --batch paling sedikit 1.")
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// The Go heap of an import holds a few megabytes of messages at a
		// time; a soft limit keeps the collector from letting it double
		// while the machine is busy (the peak stays under 64 MB).
		debug.SetMemoryLimit(importMemoryLimit)
	}
	db, err := openMailStore(d)
	if err != nil {
		return err
	}
	defer db.Close()
	in := &mail.Intake{Service: store.NewMailService(db), Workers: *workers, BatchSize: *batch}
	var progress mail.Progress
	if isTerminal(os.Stderr) {
		progress = progressLine()
	}
	sum, err := in.Import(ctx, fs.Args(), progress)
	if progress != nil {
		fmt.Fprintln(os.Stderr)
	}
	if err != nil {
		printSummary(sum, "Impor terhenti")
		return err
	}
	if asJSON {
		return printJSON(os.Stdout, sum)
	}
	printSummary(sum, "Impor")
	return nil
}

// isTerminal reports whether f is a terminal (a character device).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressLine redraws one line on stderr at most ten times a second.
func progressLine() mail.Progress {
	var last time.Time
	return func(done, total int64, messages int) {
		if now := time.Now(); now.Sub(last) < 100*time.Millisecond && done < total {
			return
		} else {
			last = now
		}
		pct := 100.0
		if total > 0 {
			pct = float64(done) * 100 / float64(total)
		}
		const width = 30
		bar := int(pct * width / 100)
		fmt.Fprintf(os.Stderr, "\r[%-*s] %5.1f%%  %d pesan", width, string([]rune("##############################")[:bar]), pct, messages)
	}
}

// openMailStore opens the data directory as openApp does, with only what
// an import needs: the store, not the PDF renderer and the services of the
// web application (their fonts and tables were half the memory of an
// import). A new directory is created only when the office is named.
func openMailStore(d dataFlags) (*store.DB, error) {
	return openStore(d, d.profile != "", ", atau sebutkan --profile")
}
