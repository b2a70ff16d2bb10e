package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"

	"naskah/letters"
	"naskah/letters/profile"
)

func runProfiles(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" {
		fmt.Println("Pemakaian: naskah profiles list [--json] | show NAMA|BERKAS [--yaml] | check BERKAS")
		return nil
	}
	var asJSON, asYAML bool
	fs := newFlagSet("profiles "+args[0], "profiles list|show|check [NAMA|BERKAS]",
		"list: profil bawaan; show: ringkasan saluran dan tenggat (--yaml: berkas lengkap); check: memeriksa berkas profil.")
	fs.BoolVar(&asJSON, "json", false, "cetak sebagai JSON")
	fs.BoolVar(&asYAML, "yaml", false, "show: cetak berkas YAML lengkap")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	switch args[0] {
	case "list":
		var out []map[string]string
		for _, n := range profile.Names() {
			p, err := profile.Load(n)
			if err != nil {
				return err
			}
			out = append(out, map[string]string{"slug": p.Slug, "office": p.Office.Name, "parent": p.Office.Parent})
		}
		if asJSON {
			return printJSON(os.Stdout, out)
		}
		tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
		for _, o := range out {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", o["slug"], o["office"], o["parent"])
		}
		return tw.Flush()
	case "show", "check":
		if fs.NArg() != 1 {
			return letters.Errorf(letters.EINVALID, "Sebutkan satu nama profil atau berkas.")
		}
		data, err := profileSource(fs.Arg(0))
		if err != nil {
			return err
		}
		p, err := profile.Parse(data, fs.Arg(0))
		if err != nil {
			return err
		}
		switch {
		case args[0] == "check":
			fmt.Printf("Profil %s (%s) sah.\n", p.Slug, p.Office.Name)
			return nil
		case asYAML:
			_, err := os.Stdout.Write(data)
			return err
		case asJSON:
			return printJSON(os.Stdout, p)
		}
		return showProfile(p)
	}
	return letters.Errorf(letters.EINVALID, "Subperintah %q tidak dikenal.", args[0])
}

func showProfile(p *letters.Profile) error {
	fmt.Printf("%s\n%s — %s\n\n", p.Office.Parent, p.Office.Name, p.Service.Name)
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SALURAN\tNAMA\tBATAS WAKTU\tTANGGAPAN PERTAMA")
	for _, c := range p.Channels {
		first := "-"
		if c.FirstResponse != nil {
			first = durationLabel(*c.FirstResponse)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Code, c.Name, durationLabel(c.Deadline), first)
	}
	tw.Flush()
	fmt.Println("\nJabatan:")
	for _, pos := range p.Positions {
		fmt.Printf("  %-24s %s\n", pos.Code, pos.Title)
	}
	return nil
}

func durationLabel(d letters.Duration) string {
	unit := map[string]string{
		letters.UnitMinutes: "menit", letters.UnitHours: "jam",
		letters.UnitWorkingDays: "hari kerja", letters.UnitDays: "hari",
	}[d.Unit]
	return fmt.Sprintf("%d %s", d.Value, unit)
}
