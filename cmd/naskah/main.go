// Command naskah runs the complaint and correspondence desk of an office:
// the web app, intake from the command line, demo data, users and checks.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"naskah/letters"
)

// command is one subcommand. run gets the arguments after its name.
type command struct {
	summary string
	run     func(ctx context.Context, args []string) error
}

var commands = map[string]command{
	"serve":    {"Menjalankan aplikasi web Naskah", runServe},
	"demo":     {"Mengisi direktori data dengan kantor dan kasus contoh", runDemo},
	"letters":  {"Mendaftarkan dan melihat surat/pengaduan (add, list, show, receipt)", runLetters},
	"user":     {"Mengelola pengguna (add, list, passwd)", runUser},
	"profiles": {"Melihat dan memeriksa profil kantor (list, show, check)", runProfiles},
	"audit":    {"Memeriksa rantai log audit (verify)", runAudit},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "naskah:", letters.ErrorMessage(err))
		if letters.ErrorCode(err) == letters.EINTERNAL {
			fmt.Fprintln(os.Stderr, "rincian:", err)
		}
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		usage(os.Stderr)
		return letters.Errorf(letters.EINVALID, "Perintah %q tidak dikenal.", args[0])
	}
	return cmd.run(ctx, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Naskah — meja pengaduan dan persuratan kantor pemerintah.")
	fmt.Fprintln(w, "\nPemakaian: naskah PERINTAH [opsi]\n\nPerintah:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-9s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\n`naskah PERINTAH --help` menjelaskan opsi tiap perintah.")
}

// newFlagSet returns a flag set whose --help prints the summary and options.
func newFlagSet(name, synopsis, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Pemakaian: naskah %s\n\n%s\n\nOpsi:\n", synopsis, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing options after positional arguments
// (`letters receipt 3 -o f.pdf`), and turns a flag error into EINVALID.
// The positional arguments are left in fs.Args().
func parseFlags(fs *flag.FlagSet, args []string) error {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return letters.Errorf(letters.EINVALID, "Opsi salah: %v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return fs.Parse(append([]string{"--"}, positional...))
}
