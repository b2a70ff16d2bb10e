package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"naskah/letters"
	"naskah/letters/web"
	"naskah/store"
)

func runServe(ctx context.Context, args []string) error {
	restart, err := serveOnce(ctx, args)
	if err != nil || !restart {
		return err
	}
	return reexec() // serve_restart.go: the saved profile takes effect
}

// serveOnce runs the server until ctx ends or an admin saves the profile
// (restart true), then stops the background loops and closes the store.
func serveOnce(outer context.Context, args []string) (restart bool, err error) {
	ctx := outer
	var d dataFlags
	var addr, baseURL string
	fs := newFlagSet("serve", "serve [--data DIR] [--profile NAMA] [--addr HOST:PORT]",
		"Menjalankan aplikasi web. Pada direktori data yang masih kosong, Naskah membuat kantor contoh\n(profil --profile, bawaan bkad-kalbar) dengan pengguna dan kasus contoh, lalu mencetak akunnya.")
	d.register(fs)
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "alamat dan port yang didengarkan")
	fs.StringVar(&baseURL, "base-url", "", "alamat publik aplikasi untuk kode QR (bawaan: http://ADDR)")
	if err := parseFlags(fs, args); err != nil {
		return false, err
	}
	if baseURL == "" {
		baseURL = "http://" + addr
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	fresh := !exists(d.dir)
	a, err := openApp(d, true)
	if err != nil {
		return false, err
	}
	defer a.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	a.workflow.BaseURL = strings.TrimRight(baseURL, "/") // printed in verification QR codes
	if fresh {
		logger.Info("direktori data baru: mengisi kantor contoh", "data", d.dir, "profil", a.profile.Slug)
		if err := a.seedDemo(ctx, os.Stdout); err != nil {
			return false, err
		}
	}
	printDemoAccounts(os.Stdout, d.dir)
	stopScans := a.startScanWorker(ctx, logger) // ocr_cmd.go: text of attachments, in the background
	defer stopScans()
	key, err := sessionKey(d.dir)
	if err != nil {
		return false, err
	}
	profiles, err := openProfileStore(a, logger) // profile_store.go: the admin's profile editor
	if err != nil {
		return false, err
	}
	srv := &web.Server{
		Profile:           a.profile,
		LetterService:     a.letters,
		UserService:       a.users,
		AttachmentService: a.files,
		AuditService:      a.audit,
		HolidayService:    store.NewHolidayService(a.db),
		ScanService:       store.NewScanService(a.db), // ocr_cmd.go
		MailService:       a.mail,                     // fetch_cmd.go
		// the workflow (workflow_app.go): one service behind four interfaces
		DispositionService: a.workflow, DraftService: a.workflow, DocumentService: a.workflow,
		TaskService: a.workflow, DelegationService: a.delegate,
		TokenService: a.tokens, RequireTOTP: true, // API tokens; a second factor for signers and admins (totp_required.go)
		ProfileStore:    profiles,                                     // profile_store.go
		SettingsService: store.NewSettingsService(a.db),               // admin mailbox page
		MailChecker:     &mailChecker{dir: a.dir, profile: a.profile}, // mailbox_check.go
		SessionKey:      key,
		Logger:          logger,
		Now:             time.Now,
		Receipt: func(w io.Writer, l *letters.Letter) error {
			return a.receipt(context.Background(), w, l, baseURL)
		},
	}
	var restarting atomic.Bool
	srv.Restart = restartOnSave(cancel, logger, &restarting) // serve_restart.go
	startMailFetch(ctx, a, logger)                           // email intake and outbox, when set (fetch_cmd.go)
	startEscalation(ctx, a, logger, 10*time.Minute)          // overdue cases, as the profile says (escalate_cmd.go)
	fmt.Printf("\nNaskah — %s berjalan di %s\n", a.profile.Office.Name, baseURL)
	err = srv.ListenAndServe(ctx, addr)
	cancel()
	a.bg.Wait() // no loop is left mid-transaction when the store closes
	// A stop asked for (SIGTERM) while the restart waited wins over it.
	return restarting.Load() && outer.Err() == nil && err == nil, err
}

// sessionKey returns the data directory's session signing key, creating it
// (0600) on first use so that sessions survive a restart.
func sessionKey(dir string) ([]byte, error) {
	path := filepath.Join(dir, "session.key")
	if key, err := os.ReadFile(path); err == nil && len(key) >= 32 {
		return key, nil
	}
	key := make([]byte, 64)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, key, 0o600); err != nil {
		return nil, fmt.Errorf("write session key: %w", err)
	}
	return key, nil
}

// printDemoAccounts prints the demo accounts file when the directory has one.
func printDemoAccounts(w io.Writer, dir string) {
	data, err := os.ReadFile(filepath.Join(dir, demoAccountsFile))
	if err != nil {
		return
	}
	fmt.Fprintf(w, "\nAkun contoh (dari %s):\n%s", filepath.Join(dir, demoAccountsFile), data)
}
