package main

import (
	"context"
	"fmt"
	"os"

	"naskah/letters"
)

func runAudit(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Println("Pemakaian: naskah audit verify [--data DIR] [--json]")
		if len(args) == 0 || args[0] == "--help" || args[0] == "-h" {
			return nil
		}
		return letters.Errorf(letters.EINVALID, "Subperintah %q tidak dikenal.", args[0])
	}
	var d dataFlags
	var asJSON bool
	fs := newFlagSet("audit verify", "audit verify [--data DIR] [--json]",
		"Menelusuri seluruh log audit dan memeriksa rantai hash; menyebut baris pertama yang rusak.")
	d.register(fs)
	fs.BoolVar(&asJSON, "json", false, "cetak hasil sebagai JSON")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	a, err := openApp(d, false)
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.audit.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		if err := printJSON(os.Stdout, rep); err != nil {
			return err
		}
	} else {
		fmt.Println(rep.String())
	}
	if !rep.OK {
		return letters.Errorf(letters.ECONFLICT, "Log audit tidak utuh.")
	}
	return nil
}
