package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"

	"naskah/letters"
)

func runUser(ctx context.Context, args []string) error {
	return dispatch(ctx, args, "Pemakaian: naskah user add|list|passwd [opsi]  (--help pada tiap subperintah)",
		map[string]subcommand{"add": userAdd, "list": userList, "passwd": userPasswd})
}

// passwordFromEnvOrFlag returns the password flag value or NASKAH_PASSWORD,
// so that scripts need not put passwords on the command line.
func passwordFromEnvOrFlag(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return os.Getenv("NASKAH_PASSWORD")
}

func userAdd(ctx context.Context, args []string) error {
	var d dataFlags
	var u letters.User
	var password string
	var asJSON bool
	fs := newFlagSet("user add", "user add --username NAMA --name \"Nama Lengkap\" --position KODE [opsi]",
		"Menambah pengguna. Kata sandi dari --password atau variabel lingkungan NASKAH_PASSWORD (minimal 8 karakter).")
	d.register(fs)
	fs.StringVar(&u.Username, "username", "", "nama pengguna untuk masuk")
	fs.StringVar(&u.Name, "name", "", "nama lengkap")
	fs.StringVar(&u.NIP, "nip", "", "NIP")
	fs.StringVar(&u.Position, "position", "", "kode jabatan pada profil kantor")
	fs.BoolVar(&u.Admin, "admin", false, "pengguna dapat mengelola pengguna dan pengaturan")
	fs.StringVar(&password, "password", "", "kata sandi (lebih aman: NASKAH_PASSWORD)")
	fs.BoolVar(&asJSON, "json", false, "cetak hasil sebagai JSON")
	a, err := openWith(fs, args, &d)
	if err != nil {
		return err
	}
	defer a.Close()
	u.Active = true
	if err := a.users.CreateUser(ctx, &u, passwordFromEnvOrFlag(password)); err != nil {
		return err
	}
	if asJSON {
		return printJSON(os.Stdout, &u)
	}
	fmt.Printf("Pengguna %s (%s, %s) ditambahkan.\n", u.Username, u.Name, a.profile.PositionTitle(u.Position))
	return nil
}

func userList(ctx context.Context, args []string) error {
	var d dataFlags
	var asJSON bool
	fs := newFlagSet("user list", "user list [--json]", "Menampilkan semua pengguna dengan jabatannya.")
	d.register(fs)
	fs.BoolVar(&asJSON, "json", false, "cetak hasil sebagai JSON")
	a, err := openWith(fs, args, &d)
	if err != nil {
		return err
	}
	defer a.Close()
	users, _, err := a.users.FindUsers(ctx, letters.UserFilter{Limit: 1000})
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(os.Stdout, users)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PENGGUNA\tNAMA\tJABATAN\tADMIN")
	for _, u := range users {
		admin := ""
		if u.Admin {
			admin = "ya"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Username, u.Name, a.profile.PositionTitle(u.Position), admin)
	}
	return tw.Flush()
}

func userPasswd(ctx context.Context, args []string) error {
	var d dataFlags
	var password string
	fs := newFlagSet("user passwd", "user passwd NAMA_PENGGUNA", "Mengganti kata sandi. Kata sandi dari --password atau NASKAH_PASSWORD.")
	d.register(fs)
	fs.StringVar(&password, "password", "", "kata sandi baru (lebih aman: NASKAH_PASSWORD)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return letters.Errorf(letters.EINVALID, "Sebutkan satu nama pengguna.")
	}
	a, err := openApp(d, false)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.users.FindUserByUsername(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	if err := a.users.SetPassword(ctx, u.ID, passwordFromEnvOrFlag(password)); err != nil {
		return err
	}
	fmt.Printf("Kata sandi %s diganti.\n", u.Username)
	return nil
}
