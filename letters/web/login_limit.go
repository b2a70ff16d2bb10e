package web

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/templates"
)

// Failed sign-ins are limited per account and per address in a sliding
// window: no permanent lockout (an attacker cannot lock a head of office
// out for good), the same answer for usernames that exist and those that
// do not. Only failures count; a success clears the account's failures.
const (
	loginAccountFailures = 5
	loginAddressFailures = 20
	loginWindow          = 15 * time.Minute
	maxLoginKey          = 128 // longer usernames are cut for the key
)

// loginLimits counts failed sign-ins.
type loginLimits struct {
	account *limiter // by username, lower-cased
	address *limiter // by client address
}

// loginRoutes registers the sign-in form and its second step (the TOTP
// code, login_totp.go), sharing one set of limits.
func (a *app) loginRoutes(r *gin.RouterGroup) {
	lim := &loginLimits{
		account: newLimiter(loginAccountFailures, loginWindow, a.now),
		address: newLimiter(loginAddressFailures, loginWindow, a.now),
	}
	r.GET("/masuk", a.loginForm)
	r.POST("/masuk", func(c *gin.Context) { a.login(c, lim) })
	r.GET("/masuk/kode", a.codeForm)
	r.POST("/masuk/kode", func(c *gin.Context) { a.code(c, lim) })
}

// accountKey is the limit key of a username as typed.
func accountKey(username string) string {
	k := strings.ToLower(strings.TrimSpace(username))
	if len(k) > maxLoginKey {
		k = k[:maxLoginKey]
	}
	return k
}

// blocked reports whether either limit is used up, and for how long.
func (l *loginLimits) blocked(account, address string) (bool, time.Duration) {
	fa, wa := l.account.full(account)
	fb, wb := l.address.full(address)
	return fa || fb, max(wa, wb)
}

// failed records a failed sign-in.
func (l *loginLimits) failed(account, address string) {
	l.account.take(account)
	l.address.take(address)
}

// tooManyLogins answers 429 with the sign-in form: the same page whether
// the username exists or not.
func (a *app) tooManyLogins(c *gin.Context, page templates.LoginPage, wait time.Duration) {
	minutes := max(int(math.Ceil(wait.Minutes())), 1)
	c.Header("Retry-After", fmt.Sprint(max(int(math.Ceil(wait.Seconds())), 1)))
	page.Error = fmt.Sprintf("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %d menit.", minutes)
	a.render(c, http.StatusTooManyRequests, templates.PageLogin, page)
}

// full reports whether key has used up its events in the window, without
// recording one, and how long until one expires.
func (l *limiter) full(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	ev := l.recent(key, now)
	if len(ev) >= l.n {
		return true, ev[0].Add(l.window).Sub(now)
	}
	return false, 0
}

// reset forgets every event of key.
func (l *limiter) reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.events, key)
}
