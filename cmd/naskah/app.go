package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"naskah/letters"
	"naskah/letters/profile"
	"naskah/store"
	"naskah/templates/pdf"
)

// profileFile is the office profile kept in the data directory. It is copied
// from an embedded profile when the directory is created; the office edits it
// there afterwards.
const profileFile = "profil.yaml"

// dataFlags are the options every command that opens a data directory takes.
type dataFlags struct {
	dir     string
	profile string
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.dir, "data", "naskah-data", "direktori data (berkas SQLite dan lampiran); satu direktori = satu kantor")
	fs.StringVar(&d.profile, "profile", "", "profil kantor untuk direktori baru: nama profil bawaan ("+joinNames()+") atau berkas .yaml")
}

func joinNames() string {
	s := ""
	for i, n := range profile.Names() {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

// app is an opened data directory with its services.
type app struct {
	dir      string
	profile  *letters.Profile
	db       *store.DB
	letters  *store.LetterService
	users    *store.UserService
	numbers  *store.NumberService
	files    *store.AttachmentService
	audit    *store.AuditService
	renderer *pdf.Renderer
	mail     *store.MailService     // email intake (fetch, import)
	workflow *store.WorkflowService // dispositions, drafts, signed documents (workflow_app.go)
	delegate *store.DelegationService
	tokens   *store.TokenService // API tokens (token_cmd.go)
	// bg counts the background loops serve starts (mail intake, outbox,
	// escalation): serve waits for them before it closes the store.
	bg sync.WaitGroup
}

// exists reports whether dir already holds a Naskah office.
func exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, profileFile))
	return err == nil
}

// initDir creates a data directory for the profile named by name (an
// embedded slug or a YAML file), copying the profile into it.
func initDir(dir, name string) error {
	if name == "" {
		name = "bkad-kalbar"
	}
	data, err := profileSource(name)
	if err != nil {
		return err
	}
	if _, err := profile.Parse(data, name); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, profileFile), data, 0o640)
}

// openStore opens the office's store in the data directory d, creating the
// directory when create is set and it does not exist yet (hint ends the
// message when it does not). A --profile naming another office is refused.
func openStore(d dataFlags, create bool, hint string) (*store.DB, error) {
	if !exists(d.dir) {
		if !create {
			return nil, letters.Errorf(letters.ENOTFOUND, "Direktori data %q belum berisi kantor. Jalankan `naskah demo --data %s` atau `naskah serve --data %s`%s.", d.dir, d.dir, d.dir, hint)
		}
		if err := initDir(d.dir, d.profile); err != nil {
			return nil, err
		}
	}
	p, err := profile.Load(filepath.Join(d.dir, profileFile))
	if err != nil {
		return nil, err
	}
	if d.profile != "" && !isFile(d.profile) && d.profile != p.Slug {
		return nil, letters.Errorf(letters.ECONFLICT, "Direktori data %q milik kantor %q, bukan %q.", d.dir, p.Slug, d.profile)
	}
	cal, err := p.Calendar(nil)
	if err != nil {
		return nil, err
	}
	db := store.NewDB(d.dir)
	db.Profile, db.Calendar = p, cal
	if err := db.Open(); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return db, nil
}

// openApp opens the data directory d, creating it when create is set and it
// does not exist yet.
func openApp(d dataFlags, create bool) (*app, error) {
	db, err := openStore(d, create, "")
	if err != nil {
		return nil, err
	}
	p := db.Profile
	r, err := pdf.NewRenderer()
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("load PDF fonts: %w", err)
	}
	a := &app{
		dir: d.dir, profile: p, db: db, renderer: r,
		letters: store.NewLetterService(db),
		users:   store.NewUserService(db),
		numbers: store.NewNumberService(db),
		files:   store.NewAttachmentService(db),
		audit:   store.NewAuditService(db),
		mail:    store.NewMailService(db),
		tokens:  store.NewTokenService(db),
	}
	if err := a.openWorkflow(); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

// profileSource returns the YAML text of a profile file or embedded slug.
func profileSource(name string) ([]byte, error) {
	if !isFile(name) {
		return profile.Source(name)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, letters.Errorf(letters.EINVALID, "Berkas profil %q tidak dapat dibaca: %v", name, err)
	}
	return data, nil
}

func isFile(name string) bool {
	st, err := os.Stat(name)
	return err == nil && !st.IsDir()
}

func (a *app) Close() error { return a.db.Close() }

// actAs returns ctx carrying the user with username, the actor of a command.
func (a *app) actAs(ctx context.Context, username string) (context.Context, error) {
	u, err := a.users.FindUserByUsername(ctx, username)
	if err != nil {
		if letters.ErrorCode(err) == letters.ENOTFOUND {
			return nil, letters.Errorf(letters.EINVALID, "Pengguna %q tidak ada. Lihat `naskah user list`.", username)
		}
		return nil, err
	}
	return letters.NewContextWithUser(ctx, u), nil
}

// defaultActor is the first user holding the channel's receiver position.
func (a *app) defaultActor(ctx context.Context, channel string) (string, error) {
	pos := ""
	if ch := a.profile.Channel(channel); ch != nil {
		pos = ch.Receiver
	}
	users, _, err := a.users.FindUsers(ctx, letters.UserFilter{Position: pos, Limit: 1})
	if err != nil {
		return "", err
	}
	if len(users) == 0 {
		return "", errors.New("no user holds the receiving position: use --as")
	}
	return users[0].Username, nil
}
