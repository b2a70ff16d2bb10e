package main

import (
	"context"
	"fmt"
	"os"

	"naskah/letters"
)

func runAudit(ctx context.Context, args []string) error {
	return dispatch(ctx, args, "Pemakaian: naskah audit verify [--data DIR] [--json]",
		map[string]subcommand{"verify": auditVerify})
}

func auditVerify(ctx context.Context, args []string) error {
	var d dataFlags
	var asJSON bool
	fs := newFlagSet("audit verify", "audit verify [--data DIR] [--json]",
		"Menelusuri seluruh log audit dan memeriksa rantai hash; menyebut baris pertama yang rusak.")
	d.register(fs)
	fs.BoolVar(&asJSON, "json", false, "cetak hasil sebagai JSON")
	a, err := openWith(fs, args, &d)
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
