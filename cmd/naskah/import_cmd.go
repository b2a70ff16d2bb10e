package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"naskah/letters"
	"naskah/mail"
)

func init() {
	commands["import"] = command{"Mengimpor email dari berkas .eml, mbox atau folder Maildir", runImport}
}

func runImport(ctx context.Context, args []string) error {
	var d dataFlags
	var asJSON bool
	fs := newFlagSet("import", "import [--data DIR] [--json] BERKAS...",
		"Mengimpor email dari berkas .eml, berkas mbox dan folder Maildir (folder lain ditelusuri untuk\n"+
			"ketiganya). Tiap email dicatat seperti email yang diambil dari IMAP: surat masuk baru, balasan pada\n"+
			"kasusnya, duplikat, balasan otomatis, atau ditolak dengan alasannya. Impor ulang tidak menggandakan surat.")
	d.register(fs)
	fs.BoolVar(&asJSON, "json", false, "cetak ringkasan sebagai JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return letters.Errorf(letters.EINVALID, "Sebutkan berkas atau folder email yang diimpor.")
	}
	a, err := openApp(d, false)
	if err != nil {
		return err
	}
	defer a.Close()
	in := &mail.Intake{Service: a.mail}
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
