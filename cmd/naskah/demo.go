package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"naskah/letters"
)

// demoAccountsFile lists the demo users and their password (0600).
const demoAccountsFile = "akun-contoh.txt"

func runDemo(ctx context.Context, args []string) error {
	var d dataFlags
	fs := newFlagSet("demo", "demo --data DIR [--profile NAMA]",
		"Membuat direktori data berisi kantor contoh: pengguna untuk setiap jabatan dan beberapa kasus\npada setiap tahap alur kerja. Direktori harus belum berisi kantor.")
	d.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if exists(d.dir) {
		return letters.Errorf(letters.ECONFLICT, "Direktori %q sudah berisi kantor; pilih direktori lain.", d.dir)
	}
	a, err := openApp(d, true)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.seedDemo(ctx, os.Stdout); err != nil {
		return err
	}
	printDemoAccounts(os.Stdout, d.dir)
	return nil
}

// seedDemo creates the profile's users with one demo password, writes them
// to the accounts file and registers demo cases in every stage.
func (a *app) seedDemo(ctx context.Context, w io.Writer) error {
	password := demoPassword()
	created, err := a.users.EnsureProfileUsers(ctx, func(string) string { return password })
	if err != nil {
		return err
	}
	secrets, err := a.enrolDemoTOTP(ctx, created) // demo_totp.go: signers and admins get a second factor
	if err != nil {
		return err
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, u := range created {
		totp := ""
		if s := secrets[u.Username]; s != "" {
			totp = "\tTOTP: " + s
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s%s\n", u.Username, u.Name, a.profile.PositionTitle(u.Position), totp)
	}
	tw.Flush()
	fmt.Fprintf(&b, "  Kata sandi semua akun contoh: %s\n", password)
	if len(secrets) > 0 {
		b.WriteString(demoTOTPNote)
	}
	if err := os.WriteFile(filepath.Join(a.dir, demoAccountsFile), []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("write demo accounts: %w", err)
	}
	n, err := a.seedCases(ctx)
	if err != nil {
		return err
	}
	if err := a.demoWorkflow(ctx, w); err != nil { // demo_workflow.go
		return err
	}
	if err := a.demoMail(ctx, w); err != nil { // demo_mail.go
		return err
	}
	if err := a.demoScanLetter(ctx, w); err != nil { // demo_scan.go
		return err
	}
	fmt.Fprintf(w, "Kantor contoh %s: %d pengguna, %d kasus.\n", a.profile.Office.Name, len(created), n)
	return a.demoReport(ctx, w) // demo_report.go
}

// demoPassword is a readable random password for the demo accounts.
func demoPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	buf := make([]byte, 10)
	if _, err := rand.Read(buf); err != nil {
		panic(err)
	}
	for i := range buf {
		buf[i] = alphabet[int(buf[i])%len(alphabet)]
	}
	return "demo-" + string(buf)
}
