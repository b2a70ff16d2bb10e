package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// loginFailed is the one message for every failed sign-in, so the form
// does not tell which usernames exist.
const loginFailed = "Nama pengguna atau kata sandi salah."

// base fills what the layout needs and takes the pending flash message.
func (a *app) base(c *gin.Context, title string) templates.Base {
	return templates.Base{
		Title:  title,
		Office: a.Profile.Office.ShortName,
		User:   letters.UserFromContext(c.Request.Context()),
		Notice: a.takeFlash(c),
		Nav:    a.nav(c),
	}
}

// loginForm: GET /masuk.
func (a *app) loginForm(c *gin.Context) {
	next := safeNext(c.Query("next"))
	if letters.UserFromContext(c.Request.Context()) != nil {
		c.Redirect(http.StatusSeeOther, next)
		return
	}
	a.render(c, http.StatusOK, templates.PageLogin, templates.LoginPage{Base: a.base(c, "Masuk"), Next: next})
}

// login: POST /masuk. The session is rotated on success. Failures are
// limited per account and per address (login_limit.go).
func (a *app) login(c *gin.Context, lim *loginLimits) {
	username := strings.TrimSpace(c.PostForm("username"))
	next := safeNext(c.PostForm("next"))
	page := func() templates.LoginPage {
		return templates.LoginPage{Base: a.base(c, "Masuk"), Username: username, Next: next}
	}
	account, address := accountKey(username), c.ClientIP()
	if blocked, wait := lim.blocked(account, address); blocked {
		a.log.Warn("web: sign-in refused, too many failures", "username", username, "ip", address)
		a.tooManyLogins(c, page(), wait)
		return
	}
	user, err := a.UserService.Authenticate(c.Request.Context(), username, c.PostForm("password"))
	if letters.ErrorCode(err) == letters.EUNAUTHORIZED {
		lim.failed(account, address)
		a.log.Info("web: sign-in failed", "username", username, "ip", address)
		p := page()
		p.Error = loginFailed
		a.render(c, http.StatusUnauthorized, templates.PageLogin, p)
		return
	} else if err != nil {
		a.fail(c, err)
		return
	}
	if need, err := a.needsCode(c.Request.Context(), user); err != nil {
		a.fail(c, err)
		return
	} else if need {
		// login_totp.go: the code before the session. The account's
		// failures are cleared only once the code is right too, so a
		// known password does not buy fresh guesses at the code.
		a.startPending(c, user, next)
		return
	}
	lim.account.reset(account)
	a.startSession(c, user, false)
	a.log.Info("web: signed in", "user", user.ID, "ip", address)
	if a.RequireTOTP {
		// totp_required.go: signers and admins without a second factor
		// enrol before anything else.
		if must, err := a.requiresTOTP(c.Request.Context(), user); err != nil {
			a.fail(c, err)
			return
		} else if must {
			c.Redirect(http.StatusSeeOther, "/akun/totp?next="+url.QueryEscape(next))
			return
		}
	}
	c.Redirect(http.StatusSeeOther, next)
}

// logout: POST /keluar.
func (a *app) logout(c *gin.Context) {
	a.endSession(c)
	c.Redirect(http.StatusSeeOther, "/masuk")
}

// safeNext keeps a redirect target only when it is a path on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/agenda"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/masuk") {
		return "/agenda"
	}
	return next
}
