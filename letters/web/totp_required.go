package web

import (
	"context"
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-contrib/sessions"
	"github.com/gin-gonic/gin"
	"github.com/skip2/go-qrcode"

	"naskah/letters"
	"naskah/templates"
)

// Required second factor (OWASP ASVS level 2): with Server.RequireTOTP set,
// a user who signs documents or administers Naskah
// (Profile.NeedsSecondFactor, or acting for a signing position by
// delegation) must have signed in with a TOTP code. One who has not
// enrolled yet is sent, after the password, to /akun/totp (QR code and
// secret, confirmed with a code) and reaches no staff page and no cookie
// API call until done; signing out stays possible. A session that was
// opened without the code (e.g. before the rule was switched on) for a user
// who has a second factor goes through the code form again.

// totpEnroller is a UserService that can enrol a second factor from the
// web page (store.UserService).
type totpEnroller interface {
	secondFactor
	NewTOTPKey(ctx context.Context, id int64) (secret, uri string, err error)
	ConfirmTOTP(ctx context.Context, id int64, secret, code, activation string) error
}

// Session keys: the session passed the code, and the key being enrolled.
const (
	keyMFA       = "mfa"
	keyNewSecret = "totp_secret"
	keyNewURI    = "totp_uri"
	keyNewAt     = "totp_at"
	enrolTTL     = 15 * time.Minute
)

const msgNeedTOTP = "Jabatan Anda menandatangani dokumen atau mengelola Naskah: aktifkan faktor kedua (kode aplikasi autentikator) di /akun/totp sebelum melanjutkan."

// totpRoutes registers the enrolment page: signed-in users only, but not
// behind the second-factor gate, which sends users there.
func (a *app) totpRoutes(root *gin.RouterGroup) {
	if _, ok := a.UserService.(totpEnroller); !ok {
		return
	}
	acc := root.Group("/akun", a.requireUser)
	acc.GET("/totp", a.totpEnrolPage)
	acc.POST("/totp", a.totpConfirm)
}

// requiresTOTP reports whether user must use a second factor: by position
// or admin flag, or by acting for a signing position (Plt./Plh.).
func (a *app) requiresTOTP(ctx context.Context, user *letters.User) (bool, error) {
	if a.Profile.NeedsSecondFactor(user) {
		return true, nil
	}
	if a.DelegationService == nil {
		return false, nil
	}
	acting, err := a.DelegationService.ActingPositions(letters.NewContextWithUser(ctx, user))
	if err != nil {
		return false, err
	}
	for pos := range acting {
		if a.Profile.SignsDocuments(pos) {
			return true, nil
		}
	}
	return false, nil
}

// lacksSecondFactor reports whether the signed-in user of c must pass the
// second factor before going on: the rule is on, the user needs one and
// this session was not opened with a code.
func (a *app) lacksSecondFactor(c *gin.Context) (bool, error) {
	user := letters.UserFromContext(c.Request.Context())
	if !a.RequireTOTP || user == nil || requestToken(c) != nil {
		return false, nil
	}
	if ok, _ := sessions.Default(c).Get(keyMFA).(bool); ok {
		return false, nil
	}
	return a.requiresTOTP(c.Request.Context(), user)
}

// requireSecondFactor guards the staff pages.
func (a *app) requireSecondFactor(c *gin.Context) {
	lacks, err := a.lacksSecondFactor(c)
	if err != nil {
		a.fail(c, err)
		return
	} else if !lacks {
		c.Next()
		return
	}
	user := letters.UserFromContext(c.Request.Context())
	next := "/agenda"
	if c.Request.Method == http.MethodGet {
		next = safeNext(c.Request.URL.RequestURI())
	}
	if sf, ok := a.UserService.(secondFactor); ok {
		has, err := sf.HasTOTP(c.Request.Context(), user.ID)
		if err != nil {
			a.fail(c, err)
			return
		} else if has { // enrolled, but this session skipped the code
			a.startPending(c, user, next)
			c.Abort()
			return
		}
	}
	c.Redirect(http.StatusSeeOther, "/akun/totp?next="+url.QueryEscape(next))
	c.Abort()
}

// requireSecondFactorAPI guards the API for cookie sessions: 403 in JSON.
func (a *app) requireSecondFactorAPI(c *gin.Context) {
	if lacks, err := a.lacksSecondFactor(c); err != nil {
		a.failJSON(c, err)
		return
	} else if lacks {
		a.failJSON(c, letters.Errorf(letters.EFORBIDDEN, msgNeedTOTP))
		return
	}
	c.Next()
}

// totpEnrolPage: GET /akun/totp. The new key lives in the encrypted
// session cookie until confirmed; reloading the page shows the same key.
func (a *app) totpEnrolPage(c *gin.Context) {
	a.renderEnrol(c, http.StatusOK, safeNext(c.Query("next")), "")
}

func (a *app) renderEnrol(c *gin.Context, status int, next, errMsg string) {
	ctx := c.Request.Context()
	user := letters.UserFromContext(ctx)
	en := a.UserService.(totpEnroller)
	page := templates.TOTPEnrolPage{Base: a.base(c, "Faktor Kedua"), Next: next}
	page.Error = errMsg
	required, err := a.requiresTOTP(ctx, user)
	if err != nil {
		a.fail(c, err)
		return
	}
	page.Required = a.RequireTOTP && required
	if page.Enrolled, err = en.HasTOTP(ctx, user.ID); err != nil {
		a.fail(c, err)
		return
	}
	if page.Required && !page.Enrolled {
		page.Nav = nil // nothing else is open until the factor is set: no task count
	}
	if !page.Enrolled {
		sess := sessions.Default(c)
		secret, _ := sess.Get(keyNewSecret).(string)
		uri, _ := sess.Get(keyNewURI).(string)
		at, _ := sess.Get(keyNewAt).(int64)
		if secret == "" || a.now().Sub(time.Unix(at, 0)) > enrolTTL {
			if secret, uri, err = en.NewTOTPKey(ctx, user.ID); err != nil {
				a.fail(c, err)
				return
			}
			sess.Set(keyNewSecret, secret)
			sess.Set(keyNewURI, uri)
			sess.Set(keyNewAt, a.now().Unix())
			a.saveSession(c, sess, int(sessionIdle/time.Second))
		}
		png, err := qrcode.Encode(uri, qrcode.Medium, 256)
		if err != nil {
			a.fail(c, err)
			return
		}
		page.Secret, page.URI = groupSecret(secret), uri
		page.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	}
	a.render(c, status, templates.PageTOTPEnrol, page)
}

// totpConfirm: POST /akun/totp with the code of the key on the page.
func (a *app) totpConfirm(c *gin.Context) {
	ctx := c.Request.Context()
	user := letters.UserFromContext(ctx)
	next := safeNext(c.PostForm("next"))
	sess := sessions.Default(c)
	secret, _ := sess.Get(keyNewSecret).(string)
	at, _ := sess.Get(keyNewAt).(int64)
	if secret == "" || a.now().Sub(time.Unix(at, 0)) > enrolTTL {
		sess.Delete(keyNewSecret)
		a.renderEnrol(c, http.StatusUnprocessableEntity, next,
			"Waktu pendaftaran habis. Pindai kode QR yang baru di bawah ini, lalu masukkan kodenya.")
		return
	}
	code := strings.ReplaceAll(strings.TrimSpace(c.PostForm("kode")), " ", "")
	if code == "" {
		a.renderEnrol(c, http.StatusUnprocessableEntity, next, "Kode verifikasi wajib diisi: 6 angka dari aplikasi autentikator.")
		return
	}
	activation := strings.TrimSpace(c.PostForm("aktivasi"))
	if activation == "" {
		a.renderEnrol(c, http.StatusUnprocessableEntity, next, "Kode aktivasi wajib diisi: kode dari admin Naskah (misalnya ABCD-EFGH-JKLM).")
		return
	}
	err := a.UserService.(totpEnroller).ConfirmTOTP(ctx, user.ID, secret, code, activation)
	switch letters.ErrorCode(err) {
	case "":
	case letters.EUNAUTHORIZED, letters.EINVALID:
		a.log.Info("web: second factor enrolment failed", "user", user.ID, "ip", c.ClientIP())
		a.renderEnrol(c, http.StatusUnprocessableEntity, next, letters.ErrorMessage(err))
		return
	case letters.ECONFLICT: // enrolled meanwhile: the code form decides
		c.Redirect(http.StatusSeeOther, next)
		return
	default:
		a.fail(c, err)
		return
	}
	a.log.Info("web: second factor enrolled", "user", user.ID, "ip", c.ClientIP())
	a.startSession(c, user, true) // rotated: the session now holds both factors
	a.flash(c, "Faktor kedua aktif. Mulai sekarang, masuk dengan kata sandi lalu kode dari aplikasi autentikator.")
	c.Redirect(http.StatusSeeOther, next)
}

// groupSecret writes a base32 secret in groups of four for typing.
func groupSecret(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}
