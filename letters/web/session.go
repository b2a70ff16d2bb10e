package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/gin-contrib/sessions"
	"github.com/gin-contrib/sessions/cookie"
	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// The session lives in one signed and encrypted cookie: the user's ID, a
// random nonce and the time of the last request. The user is loaded from
// the database on every request, so a deactivated user is out at once.
const (
	sessionCookie = "naskah_sesi"
	sessionIdle   = 8 * time.Hour // signed out after this long without a request
	keyUserID     = "uid"
	keySeen       = "seen"
	keyNonce      = "nonce"
)

// deriveKey derives a purpose-bound 32-byte key from the session key.
func deriveKey(secret []byte, purpose string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("naskah session " + purpose))
	return m.Sum(nil)
}

// sessions returns the middleware that opens the session cookie.
func (a *app) sessions() gin.HandlerFunc {
	store := cookie.NewStore(deriveKey(a.SessionKey, "auth"), deriveKey(a.SessionKey, "encrypt"))
	// The cookie store also rejects cookies whose signed timestamp is older
	// than its MaxAge, so an old cookie cannot be replayed forever.
	if m, ok := store.(interface{ MaxAge(int) }); ok {
		m.MaxAge(int(sessionIdle / time.Second))
	}
	return sessions.Sessions(sessionCookie, store)
}

// saveSession writes the cookie: HttpOnly, SameSite=Lax, Secure on TLS.
func (a *app) saveSession(c *gin.Context, sess sessions.Session, maxAge int) {
	sess.Options(sessions.Options{
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   c.Request.TLS != nil,
		SameSite: http.SameSiteLaxMode,
	})
	if err := sess.Save(); err != nil {
		a.log.Error("web: save session", "err", err)
	}
}

// startSession rotates the session at sign-in: the old values are dropped
// and a fresh nonce makes a new cookie. mfa records that the user gave a
// second-factor code (totp_required.go).
func (a *app) startSession(c *gin.Context, user *letters.User, mfa bool) {
	sess := sessions.Default(c)
	sess.Clear()
	nonce := make([]byte, 16)
	rand.Read(nonce)
	sess.Set(keyNonce, hex.EncodeToString(nonce))
	sess.Set(keyUserID, user.ID)
	sess.Set(keySeen, a.now().Unix())
	if mfa {
		sess.Set(keyMFA, true)
	}
	a.saveSession(c, sess, int(sessionIdle/time.Second))
}

// endSession deletes the cookie.
func (a *app) endSession(c *gin.Context) {
	sess := sessions.Default(c)
	sess.Clear()
	a.saveSession(c, sess, -1)
}

// loadUser puts the session's user, if any, in the request context. An
// idle, unknown or deactivated session is ended quietly. A request already
// signed in by an API token (api_token.go) keeps that user; its cookie is
// ignored.
func (a *app) loadUser(c *gin.Context) {
	if requestToken(c) != nil {
		c.Next()
		return
	}
	sess := sessions.Default(c)
	id, _ := sess.Get(keyUserID).(int64)
	if id == 0 {
		c.Next()
		return
	}
	now := a.now()
	seen, _ := sess.Get(keySeen).(int64)
	if now.Sub(time.Unix(seen, 0)) > sessionIdle {
		a.endSession(c)
		c.Next()
		return
	}
	user, err := a.UserService.FindUserByID(c.Request.Context(), id)
	if letters.ErrorCode(err) == letters.ENOTFOUND || (err == nil && !user.Active) {
		a.endSession(c)
		c.Next()
		return
	} else if err != nil {
		a.fail(c, err)
		return
	}
	ctx := letters.NewContextWithUser(c.Request.Context(), user)
	if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		// A page that changes nothing works out the user's positions once
		// (letters/memo.go); a write always reads them afresh.
		ctx = letters.NewContextWithMemo(ctx)
	}
	c.Request = c.Request.WithContext(ctx)
	if now.Sub(time.Unix(seen, 0)) > time.Minute { // slide the idle window
		sess.Set(keySeen, now.Unix())
		a.saveSession(c, sess, int(sessionIdle/time.Second))
	}
	c.Next()
}

// flash keeps a message for the next page the user sees.
func (a *app) flash(c *gin.Context, msg string) {
	sess := sessions.Default(c)
	sess.AddFlash(msg)
	a.saveSession(c, sess, int(sessionIdle/time.Second))
}

// takeFlash returns and clears the message kept by flash.
func (a *app) takeFlash(c *gin.Context) string {
	sess := sessions.Default(c)
	msgs := sess.Flashes()
	if len(msgs) == 0 {
		return ""
	}
	a.saveSession(c, sess, int(sessionIdle/time.Second))
	s, _ := msgs[0].(string)
	return s
}
