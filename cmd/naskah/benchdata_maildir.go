package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"naskah/letters"
)

// `naskah bench-data --maildir DIR --messages N` writes a generated Maildir
// for the email import benchmark (scripts/mail-compare.sh) instead of
// filling a data directory. It rides on bench-data's name: this file's init
// runs after benchdata_cmd.go's (files initialise in name order) and wraps
// that command.
func init() {
	base := commands["bench-data"]
	if base.run == nil {
		base = command{"Mengisi direktori data dengan banyak kasus realistis untuk uji kecepatan", runBenchData}
	}
	commands["bench-data"] = command{base.summary, func(ctx context.Context, args []string) error {
		if wantsMaildir(args) {
			return runBenchMaildir(ctx, args)
		}
		return base.run(ctx, args)
	}}
}

// wantsMaildir reports whether args ask for a Maildir (--maildir).
func wantsMaildir(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && name == "maildir" {
			return true
		}
	}
	return false
}

func runBenchMaildir(ctx context.Context, args []string) error {
	var dir string
	var n int
	var asJSON bool
	fs := newFlagSet("bench-data", "bench-data --maildir FOLDER [--messages N] [--seed N]",
		"Menulis folder Maildir berisi N email pengaduan realistis untuk uji kecepatan impor email: sebagian\n"+
			"besar UTF-8, sebagian ISO-8859-1 dan Windows-1252, quoted-printable dan base64, teks dan HTML, satu dari\n"+
			"sepuluh dengan lampiran PDF kecil, balasan dalam utas, beberapa balasan otomatis dan kiriman ganda.\n"+
			"Benih yang sama menghasilkan berkas yang sama.")
	fs.StringVar(&dir, "maildir", "", "folder Maildir yang ditulis (dibuat; harus belum berisi email)")
	fs.IntVar(&n, "messages", 10_000, "jumlah email")
	seed := fs.Uint64("seed", 1, "benih pembangkit acak (hasil sama untuk benih sama)")
	fs.BoolVar(&asJSON, "json", false, "cetak ringkasan sebagai JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if dir == "" {
		return letters.Errorf(letters.EINVALID, "--maildir: sebutkan folder Maildir yang ditulis.")
	}
	if n <= 0 {
		return letters.Errorf(letters.EINVALID, "--messages harus lebih dari 0.")
	}
	for _, sub := range []string{"cur", "new"} {
		if ents, err := os.ReadDir(filepath.Join(dir, sub)); err == nil && len(ents) > 0 {
			return letters.Errorf(letters.ECONFLICT, "--maildir: folder %s sudah berisi email; pilih folder kosong.", dir)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	st, err := genMaildir(dir, n, *seed)
	if err != nil {
		return fmt.Errorf("bench-data maildir: %w", err)
	}
	if asJSON {
		return printJSON(os.Stdout, map[string]any{"maildir": dir, "result": st})
	}
	fmt.Printf("Ditulis %d email (%.1f MB) ke %s: %d pengaduan baru, %d balasan, %d kiriman ganda, %d balasan otomatis; "+
		"%d dengan HTML, %d dengan PDF, %d ISO-8859-1, %d Windows-1252.\n",
		st.Messages, float64(st.Bytes)/(1<<20), dir, st.Letters, st.Replies, st.Duplicates, st.AutoReplies,
		st.HTML, st.PDFs, st.Latin1, st.Windows1252)
	return nil
}
