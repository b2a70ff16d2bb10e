// Package web is Naskah's staff web application and JSON API. It sees data
// only through the services of package letters; it never imports the store
// or the mailer. Handlers parse the request, call one service and render a
// page or redirect; every error goes through one mapping (errors.go).
package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// Server is the web application of one office.
type Server struct {
	Profile           *letters.Profile
	LetterService     letters.LetterService
	UserService       letters.UserService
	AttachmentService letters.AttachmentService
	AuditService      letters.AuditService
	// HolidayService keeps the days off the office adds (admin pages); the
	// stored days join the calendar when the handler is built. Optional.
	HolidayService letters.HolidayService
	// The disposition, drafting and signing workflow (workflow.go). When
	// DraftService is nil the workflow pages are not served.
	DispositionService letters.DispositionService
	DraftService       letters.DraftService
	DocumentService    letters.DocumentService
	TaskService        letters.TaskService
	DelegationService  letters.DelegationService
	// ScanService gives the text read from attachments (letters/scan).
	// Optional: nil answers an empty list.
	ScanService letters.ScanService
	// MailService shows a case's fetched emails (sandboxed frame and the
	// message as received). Optional: nil answers 404.
	MailService letters.MailReader
	// Administration of issue 6 (admin_profile_edit.go, admin_mailbox.go):
	// the profile's YAML in the data directory, the stored settings and
	// password files, and a connection test for the mail servers. Nil
	// answers 404 on their pages.
	ProfileStore    letters.ProfileStore
	SettingsService letters.SettingsService
	MailChecker     letters.MailChecker
	// Restart, when set, starts the office again on the profile just
	// saved: `naskah serve` drains its requests and re-executes itself. The
	// editor calls it after a save; nil: the profile waits for a restart.
	Restart func()
	// TokenService keeps API tokens for scripts (api_token.go): /api/v1
	// accepts "Authorization: Bearer <token>", and /akun/token manages
	// them. Nil: no token is accepted and the page is not served.
	TokenService letters.TokenService
	// RequireTOTP makes a second factor compulsory for users who sign or
	// administer (totp_required.go). cmd/naskah/serve.go sets it.
	RequireTOTP bool
	// Receipt renders the Tanda Bukti Pengaduan of l as PDF. Set by cmd;
	// when nil, the receipt link is hidden and its URL answers 404.
	Receipt func(w io.Writer, l *letters.Letter) error
	// SessionKey signs and encrypts the session cookie; at least 32 random
	// bytes, kept across restarts so sessions survive them.
	SessionKey []byte
	Logger     *slog.Logger     // nil: slog.Default()
	Now        func() time.Time // nil: time.Now
}

// app is a Server ready to serve: templates parsed, calendar built.
type app struct {
	*Server
	tmpl *templates.Templates
	cal  *letters.Calendar
	log  *slog.Logger
	now  func() time.Time
}

// maxRequestBody bounds every request body: five attachments of the
// largest size plus the form fields.
const maxRequestBody = 5*letters.MaxUploadSize + 1<<20

var releaseMode sync.Once

// Handler parses the templates, checks the configuration and returns the
// whole application: security headers, cross-origin protection and the gin
// routes.
func (s *Server) Handler() (http.Handler, error) {
	switch {
	case s.Profile == nil:
		return nil, errors.New("web: Profile is required")
	case s.LetterService == nil || s.UserService == nil:
		return nil, errors.New("web: LetterService and UserService are required")
	case len(s.SessionKey) < 32:
		return nil, errors.New("web: SessionKey must be at least 32 bytes")
	}
	tmpl, err := templates.Parse()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	cal, err := s.Profile.Calendar(nil)
	if err != nil {
		return nil, fmt.Errorf("web: office calendar: %w", err)
	}
	if s.HolidayService != nil {
		days, err := s.HolidayService.FindHolidays(context.Background())
		if err == nil {
			err = cal.AddDays(days)
		}
		if err != nil {
			return nil, fmt.Errorf("web: office holidays: %w", err)
		}
	}
	tmpl.Location = cal.Location()
	a := &app{Server: s, tmpl: tmpl, cal: cal, log: s.Logger, now: s.Now}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.now == nil {
		a.now = time.Now
	}

	releaseMode.Do(func() { gin.SetMode(gin.ReleaseMode) })
	engine := gin.New()
	if err := engine.SetTrustedProxies(nil); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	engine.Use(gin.CustomRecoveryWithWriter(nil, a.recovered), a.requestLog, limitBody)
	a.routes(engine)

	// CSRF: Go's own http.CrossOriginProtection (Go 1.25+) rejects every
	// state-changing browser request that comes from another origin, judged
	// by Sec-Fetch-Site (sent by all browsers since 2023) or, failing that,
	// Origin against Host. No token has to be threaded through the forms,
	// and together with SameSite=Lax session cookies this closes CSRF for
	// the pages and the JSON API alike. GET, HEAD and OPTIONS are allowed,
	// so no GET handler may change anything.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(a.crossOriginDenied))
	return securityHeaders(skipCrossOriginForBearer(cop.Handler(engine), engine)), nil // api_token.go
}

// routes registers every route. Public routes come first; staff routes and
// the API require a signed-in user.
func (a *app) routes(e *gin.Engine) {
	e.GET("/static/*file", a.static)

	session := a.sessions()
	root := e.Group("/", session, a.loadUser)
	a.loginRoutes(root) // /masuk and /masuk/kode, limited per account and address (login_limit.go)
	root.POST("/keluar", a.logout)
	root.GET("/lacak", a.track)
	root.GET("/", a.home) // staff go on to /agenda
	a.portalRoutes(root)

	a.totpRoutes(root) // /akun/totp: second-factor enrolment, outside the gate (totp_required.go)
	staff := root.Group("/", a.requireUser, a.requireSecondFactor)
	a.tokenRoutes(staff) // /akun/token: the user's API tokens (token_page.go)
	a.adminRoutes(staff)
	staff.GET("/agenda", a.agenda)
	staff.GET("/agenda.xlsx", a.agendaExport) // the whole filtered list as Excel (agenda_export.go)
	staff.GET("/dasbor", a.dashboard)         // the heads' dashboard (dashboard.go)
	staff.GET("/surat/baru", a.intakeForm)
	staff.POST("/surat", a.intake)
	staff.GET("/surat/:id", a.letter)
	staff.POST("/surat/:id/aksi", a.transition)
	staff.GET("/surat/:id/tanda-bukti.pdf", a.receipt)
	staff.GET("/lampiran/:id", a.attachment)
	staff.GET("/surat/:id/email/:mail", a.mailFrame)
	staff.GET("/surat/:id/email/:mail/asli.eml", a.mailRaw)
	staff.POST("/laporan/pengantar", a.createReportCover)
	staff.GET("/laporan", a.report) // the report workbook (report.go)
	a.workflowRoutes(root, staff)   // dispositions, drafts, documents (workflow.go)

	// scan.go: the text read from the attachments; the clerk confirms the details.
	staff.GET("/surat/:id/pindaian", a.scanPage)
	staff.POST("/surat/:id/pindaian", a.confirmScan)

	// A session cookie or an API token (api_token.go), whose scope each route checks.
	api := e.Group("/api/v1", session, a.bearerAuth, a.loadUser, a.requireAPIUser, a.requireSecondFactorAPI)
	read, write := a.requireScope(letters.ScopeLettersRead), a.requireScope(letters.ScopeLettersWrite)
	api.POST("/letters", write, a.apiCreateLetter)
	api.GET("/letters", read, a.apiLetterList) // api_letters.go
	api.GET("/letters/:id", read, a.apiLetter)
	api.GET("/letters/:id/scans", read, a.apiLetterScans) // scan.go

	e.NoRoute(session, a.loadUser, a.notFound)
}

// ListenAndServe serves the application on addr until ctx is done, then
// shuts down gracefully, letting requests in flight finish (up to 15 s).
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	h, err := s.Handler()
	if err != nil {
		return err
	}
	log := s.Logger
	if log == nil {
		log = slog.Default()
	}
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       10 * time.Minute, // uploads over slow office lines
		WriteTimeout:      10 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("web: listen %s: %w", addr, err)
	}
	log.Info("web: serving", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("web: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: serve: %w", err)
	}
	return nil
}
