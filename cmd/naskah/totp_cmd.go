package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"

	"naskah/letters"
)

func init() {
	commands["totp"] = command{"Faktor kedua (kode aplikasi autentikator) untuk pengguna (enroll, activate, status, code)", runTOTP}
}

// runTOTP: naskah totp enroll USERNAME | status | code --user USERNAME.
func runTOTP(ctx context.Context, args []string) error {
	usage := `Pemakaian: naskah totp enroll NAMA_PENGGUNA [--data DIR]
           naskah totp activate NAMA_PENGGUNA [--reset] [--data DIR]
           naskah totp status [--data DIR]
           naskah totp code --user NAMA_PENGGUNA [--data DIR]

enroll membuat rahasia TOTP baru untuk pengguna dan mencetak alamat otpauth:// serta rahasianya
untuk dimasukkan ke aplikasi autentikator (Google Authenticator, Aegis, FreeOTP). Setelah itu
pengguna masuk dengan kata sandi lalu kode 6 angka. status menyebut pengguna yang menandatangani
atau mengelola (admin) tetapi belum memakai faktor kedua; sejak naskah serve mewajibkannya, mereka
diminta mendaftar di /akun/totp setelah memasukkan kata sandi, dengan kode aktivasi dari admin.
activate mencetak kode aktivasi itu (sekali pakai, berlaku 3 hari; admin juga dapat membuatnya di
/admin/pengguna); --reset menghapus faktor kedua yang sudah ada lebih dulu (telepon hilang).
code mencetak kode 6 angka yang berlaku sekarang, dibaca dari direktori data di server: hanya untuk
kantor contoh (naskah demo) dan pengujian, bukan pengganti aplikasi autentikator.`
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" {
		fmt.Println(usage)
		return nil
	}
	var d dataFlags
	var username string
	var reset bool
	fs := newFlagSet("totp "+args[0], "totp enroll NAMA_PENGGUNA | totp activate NAMA_PENGGUNA [--reset] | totp status | totp code --user NAMA_PENGGUNA", "Faktor kedua pengguna.")
	d.register(fs)
	fs.StringVar(&username, "user", "", "pengguna (totp code)")
	fs.BoolVar(&reset, "reset", false, "totp activate: hapus faktor kedua yang ada (telepon hilang)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	a, err := openApp(d, false)
	if err != nil {
		return err
	}
	defer a.Close()
	switch args[0] {
	case "enroll":
		if fs.NArg() != 1 {
			return letters.Errorf(letters.EINVALID, "Sebutkan satu nama pengguna: naskah totp enroll NAMA_PENGGUNA")
		}
		u, err := a.users.FindUserByUsername(ctx, fs.Arg(0))
		if err != nil {
			return err
		}
		secret, uri, err := a.users.EnrollTOTP(ctx, u.ID)
		if err != nil {
			return err
		}
		fmt.Printf("Faktor kedua untuk %s (%s) dibuat.\nMasukkan ke aplikasi autentikator:\n  %s\natau ketik rahasianya: %s\n",
			u.Username, u.Name, uri, secret)
		return nil
	case "activate":
		if fs.NArg() != 1 {
			return letters.Errorf(letters.EINVALID, "Sebutkan satu nama pengguna: naskah totp activate NAMA_PENGGUNA")
		}
		u, err := a.users.FindUserByUsername(ctx, fs.Arg(0))
		if err != nil {
			return err
		}
		code, err := a.users.IssueTOTPActivation(ctx, u.ID, reset)
		if err != nil {
			return err
		}
		fmt.Printf("Kode aktivasi faktor kedua untuk %s (%s): %s\nBerlaku 3 hari, sekali pakai, di /akun/totp bersama kode dari aplikasi autentikator.\n",
			u.Username, u.Name, code)
		return nil
	case "code": // for demos and tests: the code an authenticator shows now
		if username == "" {
			return letters.Errorf(letters.EINVALID, "Sebutkan pengguna: naskah totp code --user NAMA_PENGGUNA")
		}
		u, err := a.users.FindUserByUsername(ctx, username)
		if err != nil {
			return err
		}
		code, err := a.users.CurrentTOTPCode(ctx, u.ID)
		if err != nil {
			return err
		}
		fmt.Println(code)
		return nil
	case "status":
		users, _, err := a.users.FindUsers(ctx, letters.UserFilter{Limit: 10000})
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "PENGGUNA\tJABATAN\tPERAN\tFAKTOR KEDUA")
		for _, u := range users {
			role := ""
			switch {
			case u.Admin:
				role = "admin"
			case a.profile.SignsDocuments(u.Position):
				role = "penandatangan"
			default:
				continue
			}
			has, err := a.users.HasTOTP(ctx, u.ID)
			if err != nil {
				return err
			}
			state := "BELUM"
			if has {
				state = "ya"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", u.Username, u.Position, role, state)
		}
		return w.Flush()
	}
	return letters.Errorf(letters.EINVALID, "Subperintah %q tidak dikenal. %s", args[0], usage)
}
