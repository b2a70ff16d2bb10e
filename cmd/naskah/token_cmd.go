package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"naskah/letters"
)

func init() {
	commands["token"] = command{"Token API untuk skrip: membuat, melihat dan mencabut (create, list, revoke)", runToken}
}

const tokenUsage = `Pemakaian: naskah token create --user NAMA --name NAMA_TOKEN --scope letters:read[,letters:write] [--expires 90d]
           naskah token list [--user NAMA] [--json]
           naskah token revoke ID

Token API dipakai skrip untuk memanggil /api/v1 dengan kepala "Authorization: Bearer <token>".
Token berlaku atas nama penggunanya dan tidak pernah memberi lebih dari kewenangan jabatannya.
Rahasia token dicetak sekali saat dibuat; Naskah hanya menyimpan hash SHA-256-nya.
Cakupan: letters:read (membaca surat), letters:write (meregistrasi surat baru).`

// runToken: naskah token create|list|revoke.
func runToken(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" {
		fmt.Println(tokenUsage)
		return nil
	}
	switch args[0] {
	case "create":
		return tokenCreate(ctx, args[1:])
	case "list":
		return tokenList(ctx, args[1:])
	case "revoke":
		return tokenRevoke(ctx, args[1:])
	}
	fmt.Println(tokenUsage)
	return letters.Errorf(letters.EINVALID, "Subperintah %q tidak dikenal.", args[0])
}

// openTokenApp parses args into fs and opens the data directory.
func openTokenApp(fs *flag.FlagSet, d *dataFlags, args []string) (*app, error) {
	d.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	return openApp(*d, false)
}

func tokenCreate(ctx context.Context, args []string) error {
	var d dataFlags
	var username, name, scopes, expires string
	var asJSON bool
	fs := newFlagSet("token create", "token create --user NAMA --name NAMA_TOKEN --scope letters:read[,letters:write] [--expires 90d]",
		"Membuat token API untuk pengguna dan mencetak rahasianya sekali.")
	fs.StringVar(&username, "user", "", "nama pengguna pemilik token")
	fs.StringVar(&name, "name", "", "nama token: untuk apa dipakai")
	fs.StringVar(&scopes, "scope", "", "cakupan, dipisah koma: letters:read, letters:write")
	fs.StringVar(&expires, "expires", "", "masa berlaku, mis. 90d (hari) atau 12h (jam); kosong: tanpa batas")
	fs.BoolVar(&asJSON, "json", false, "cetak hasil sebagai JSON")
	a, err := openTokenApp(fs, &d, args)
	if err != nil {
		return err
	}
	defer a.Close()
	if username == "" {
		return letters.Errorf(letters.EINVALID, "--user wajib diisi: pengguna pemilik token.")
	}
	u, err := a.users.FindUserByUsername(ctx, username)
	if letters.ErrorCode(err) == letters.ENOTFOUND {
		return letters.Errorf(letters.EINVALID, "Pengguna %q tidak ada. Lihat `naskah user list`.", username)
	} else if err != nil {
		return err
	}
	sc, err := letters.ParseScopes(scopes)
	if err != nil {
		return err
	}
	t := &letters.APIToken{UserID: u.ID, Name: name, Scopes: sc}
	if expires != "" {
		d, err := parseValidity(expires)
		if err != nil {
			return err
		}
		until := time.Now().Add(d)
		t.ExpiresAt = &until
	}
	secret, err := a.tokens.CreateToken(ctx, t)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(os.Stdout, map[string]any{"token": t, "secret": secret})
	}
	fmt.Printf("Token API %d %q untuk %s dibuat (cakupan %s).\n", t.ID, t.Name, u.Username, joinTokenScopes(t.Scopes))
	if t.ExpiresAt != nil {
		fmt.Printf("Berlaku sampai %s.\n", t.ExpiresAt.Format("2006-01-02 15:04"))
	}
	fmt.Printf("Simpan rahasianya sekarang; rahasia ini tidak dapat ditampilkan lagi:\n\n  %s\n\n", secret)
	fmt.Printf("Contoh: curl -H 'Authorization: Bearer %s' http://127.0.0.1:8080/api/v1/letters\n", secret)
	return nil
}

// parseValidity reads a validity such as "90d" (days) or a Go duration
// such as "12h".
func parseValidity(s string) (time.Duration, error) {
	bad := letters.Errorf(letters.EINVALID, "--expires %q tidak dikenal: tulis jumlah hari seperti 90d, atau jam seperti 12h.", s)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 1 || n > 3650 {
			return 0, bad
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, bad
	}
	return d, nil
}

func tokenList(ctx context.Context, args []string) error {
	var d dataFlags
	var username string
	var asJSON bool
	fs := newFlagSet("token list", "token list [--user NAMA] [--json]", "Menampilkan token API (yang dicabut juga), terbaru dahulu.")
	fs.StringVar(&username, "user", "", "hanya token milik pengguna ini")
	fs.BoolVar(&asJSON, "json", false, "cetak hasil sebagai JSON")
	a, err := openTokenApp(fs, &d, args)
	if err != nil {
		return err
	}
	defer a.Close()
	var filter letters.TokenFilter
	if username != "" {
		u, err := a.users.FindUserByUsername(ctx, username)
		if err != nil {
			return err
		}
		filter.UserID = u.ID
	}
	list, err := a.tokens.FindTokens(ctx, filter)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(os.Stdout, map[string]any{"tokens": list})
	}
	now := time.Now()
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tPENGGUNA\tNAMA\tCAKUPAN\tDIBUAT\tTERAKHIR DIPAKAI\tSTATUS")
	for _, t := range list {
		state := "aktif"
		switch {
		case t.RevokedAt != nil:
			state = "dicabut " + t.RevokedAt.Local().Format("2006-01-02")
		case !t.Active(now):
			state = "kedaluwarsa"
		case t.ExpiresAt != nil:
			state = "aktif s.d. " + t.ExpiresAt.Local().Format("2006-01-02")
		}
		used := "—"
		if t.LastUsedAt != nil {
			used = t.LastUsedAt.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Username, t.Name, joinTokenScopes(t.Scopes),
			t.CreatedAt.Local().Format("2006-01-02 15:04"), used, state)
	}
	return w.Flush()
}

func tokenRevoke(ctx context.Context, args []string) error {
	var d dataFlags
	fs := newFlagSet("token revoke", "token revoke ID", "Mencabut token API seketika.")
	a, err := openTokenApp(fs, &d, args)
	if err != nil {
		return err
	}
	defer a.Close()
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if fs.NArg() != 1 || err != nil || id < 1 {
		return letters.Errorf(letters.EINVALID, "Sebutkan satu nomor token: naskah token revoke ID (lihat `naskah token list`).")
	}
	if err := a.tokens.RevokeToken(ctx, id); err != nil {
		return err
	}
	fmt.Printf("Token API %d dicabut.\n", id)
	return nil
}

func joinTokenScopes(scopes []letters.Scope) string {
	names := make([]string, len(scopes))
	for i, s := range scopes {
		names[i] = string(s)
	}
	return strings.Join(names, ",")
}
