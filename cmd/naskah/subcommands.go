package main

import (
	"context"
	"flag"
	"fmt"

	"naskah/letters"
)

// subcommand is one verb of a command with subcommands (letters add, user list…).
type subcommand = func(context.Context, []string) error

// dispatch runs the subcommand args[0] names. With no arguments or --help
// it prints usage; an unknown name prints usage and is EINVALID.
func dispatch(ctx context.Context, args []string, usage string, subs map[string]subcommand) error {
	if len(args) == 0 || subs[args[0]] == nil {
		fmt.Println(usage)
		if len(args) == 0 || args[0] == "--help" || args[0] == "-h" {
			return nil
		}
		return letters.Errorf(letters.EINVALID, "Subperintah %q tidak dikenal.", args[0])
	}
	return subs[args[0]](ctx, args[1:])
}

// openWith parses args into fs, on which d's flags are registered, and
// opens the office in the data directory they name. The caller closes it.
func openWith(fs *flag.FlagSet, args []string, d *dataFlags) (*app, error) {
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	return openApp(*d, false)
}

// openForPeriod parses args into fs, reads the --period flag period points
// to, and opens the office: the start of the report subcommands.
func openForPeriod(fs *flag.FlagSet, args []string, d *dataFlags, period *string) (*app, letters.Period, error) {
	if err := parseFlags(fs, args); err != nil {
		return nil, letters.Period{}, err
	}
	per, err := reportPeriod("", *period)
	if err != nil {
		return nil, letters.Period{}, err
	}
	a, err := openApp(*d, false)
	return a, per, err
}
