package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"naskah/letters"
)

func init() {
	commands["delegations"] = command{"Penunjukan Plt./Plh. untuk suatu jabatan (list, add)", runDelegations}
}

func runDelegations(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" {
		fmt.Println(`Pemakaian: naskah delegations list [--json]
           naskah delegations add --as ADMIN --position JABATAN --user PENGGUNA --kind Plh. --from TTTT-BB-HH --to TTTT-BB-HH

Selama masa penugasan, pengguna yang ditunjuk dapat mengambil langkah jabatan itu (disposisi,
paraf, tanda tangan); namanya tercetak sebagai "Plh. <jabatan>". Hanya admin yang dapat menunjuk.`)
		return nil
	}
	var d dataFlags
	var as, position, username, kind, from, to, note string
	var asJSON bool
	fs := newFlagSet("delegations "+args[0], "delegations list|add", "Penunjukan Plt./Plh.")
	d.register(fs)
	fs.StringVar(&as, "as", "", "add: nama pengguna admin yang menunjuk")
	fs.StringVar(&position, "position", "", "add: kode jabatan yang diwakili")
	fs.StringVar(&username, "user", "", "add: nama pengguna yang ditunjuk")
	fs.StringVar(&kind, "kind", "Plh.", "add: Plt. atau Plh.")
	fs.StringVar(&from, "from", "", "add: tanggal mulai (TTTT-BB-HH)")
	fs.StringVar(&to, "to", "", "add: tanggal selesai, termasuk hari itu (TTTT-BB-HH)")
	fs.StringVar(&note, "note", "", "add: keterangan, mis. nomor surat perintah")
	fs.BoolVar(&asJSON, "json", false, "list: cetak sebagai JSON")
	a, err := openWith(fs, args[1:], &d)
	if err != nil {
		return err
	}
	defer a.Close()
	loc := a.db.Calendar.Location()
	switch args[0] {
	case "list":
		ds, err := a.delegate.FindDelegations(ctx)
		if err != nil {
			return err
		}
		if asJSON {
			return printJSON(os.Stdout, ds)
		}
		tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tJENIS\tJABATAN\tPENGGUNA\tMULAI\tSELESAI")
		for _, x := range ds {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", x.ID, x.Kind, a.profile.PositionTitle(x.Position), x.User,
				letters.FormatDate(x.From.In(loc)), letters.FormatDate(x.To.Add(-time.Second).In(loc)))
		}
		return tw.Flush()
	case "add":
		if as == "" {
			return letters.Errorf(letters.EINVALID, "Sebutkan admin yang menunjuk dengan --as.")
		}
		actx, err := a.actAs(ctx, as)
		if err != nil {
			return err
		}
		u, err := a.users.FindUserByUsername(ctx, username)
		if err != nil {
			return letters.Errorf(letters.EINVALID, "Pengguna %q tidak ada.", username)
		}
		f, err := time.ParseInLocation("2006-01-02", from, loc)
		if err != nil {
			return letters.Errorf(letters.EINVALID, "Tanggal mulai %q tidak valid; tulis TTTT-BB-HH.", from)
		}
		t, err := time.ParseInLocation("2006-01-02", to, loc)
		if err != nil {
			return letters.Errorf(letters.EINVALID, "Tanggal selesai %q tidak valid; tulis TTTT-BB-HH.", to)
		}
		del := &letters.Delegation{Position: position, UserID: u.ID, Kind: kind, From: f, To: t.AddDate(0, 0, 1), Note: note}
		if err := a.delegate.CreateDelegation(actx, del); err != nil {
			return err
		}
		fmt.Printf("%s %s: %s, %s s.d. %s.\n", del.Kind, a.profile.PositionTitle(position), u.Name, from, to)
		return nil
	}
	return letters.Errorf(letters.EINVALID, "Subperintah %q tidak dikenal (list, add).", args[0])
}
