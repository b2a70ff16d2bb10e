package web

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-contrib/sessions"
	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// secondFactor is implemented by a UserService that keeps TOTP second
// factors (store.UserService does). Users with one enrolled sign in in two
// steps: the password, then the authenticator app's code.
type secondFactor interface {
	HasTOTP(ctx context.Context, id int64) (bool, error)
	VerifyTOTP(ctx context.Context, id int64, code string) error
}

// Session keys of a sign-in waiting for its code; no user is signed in
// until the code is right.
const (
	keyPending   = "pending_uid"
	keyPendingAt = "pending_at"
	keyNext      = "pending_next"
	pendingTTL   = 5 * time.Minute
)

// needsCode reports whether user must give a code before being signed in.
func (a *app) needsCode(ctx context.Context, user *letters.User) (bool, error) {
	sf, ok := a.UserService.(secondFactor)
	if !ok {
		return false, nil
	}
	return sf.HasTOTP(ctx, user.ID)
}

// startPending remembers a correct password in a fresh session and sends
// the browser to the code form.
func (a *app) startPending(c *gin.Context, user *letters.User, next string) {
	sess := sessions.Default(c)
	sess.Clear()
	sess.Set(keyPending, user.ID)
	sess.Set(keyPendingAt, a.now().Unix())
	sess.Set(keyNext, next)
	a.saveSession(c, sess, int(pendingTTL/time.Second))
	c.Redirect(http.StatusSeeOther, "/masuk/kode")
}

// pending returns the user waiting for a code, or 0.
func (a *app) pending(c *gin.Context) (int64, string) {
	sess := sessions.Default(c)
	id, _ := sess.Get(keyPending).(int64)
	at, _ := sess.Get(keyPendingAt).(int64)
	next, _ := sess.Get(keyNext).(string)
	if id == 0 || a.now().Sub(time.Unix(at, 0)) > pendingTTL {
		return 0, ""
	}
	return id, safeNext(next)
}

// codeForm: GET /masuk/kode.
func (a *app) codeForm(c *gin.Context) {
	id, _ := a.pending(c)
	a.render(c, http.StatusOK, templates.PageLoginCode, templates.LoginCodePage{Base: a.base(c, "Kode Verifikasi"), Pending: id != 0})
}

// code: POST /masuk/kode. Wrong codes count as failed sign-ins of the
// account and the address.
func (a *app) code(c *gin.Context, lim *loginLimits) {
	id, next := a.pending(c)
	page := templates.LoginCodePage{Base: a.base(c, "Kode Verifikasi"), Pending: id != 0}
	sf, ok := a.UserService.(secondFactor)
	if id == 0 || !ok {
		page.Error = "Waktu memasukkan kode habis. Silakan masuk kembali."
		a.render(c, http.StatusUnauthorized, templates.PageLoginCode, page)
		return
	}
	ctx := c.Request.Context()
	user, err := a.UserService.FindUserByID(ctx, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	account, address := accountKey(user.Username), c.ClientIP()
	if blocked, wait := lim.blocked(account, address); blocked {
		a.tooManyLogins(c, templates.LoginPage{Base: a.base(c, "Masuk")}, wait)
		return
	}
	code := strings.ReplaceAll(strings.TrimSpace(c.PostForm("kode")), " ", "")
	if err := sf.VerifyTOTP(ctx, id, code); letters.ErrorCode(err) == letters.EUNAUTHORIZED {
		lim.failed(account, address)
		a.log.Info("web: second factor failed", "user", id, "ip", address)
		page.Error = letters.ErrorMessage(err)
		a.render(c, http.StatusUnauthorized, templates.PageLoginCode, page)
		return
	} else if err != nil {
		a.fail(c, err)
		return
	}
	lim.account.reset(account)
	a.startSession(c, user, true)
	a.log.Info("web: signed in with a second factor", "user", user.ID, "ip", address)
	c.Redirect(http.StatusSeeOther, next)
}
