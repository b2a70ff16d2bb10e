package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// tokenRoutes registers the Token API page: every member of staff manages
// their own tokens; admins also see and may revoke everyone's. The service
// checks who may do what; the page only hides what one could not do.
func (a *app) tokenRoutes(staff *gin.RouterGroup) {
	if a.TokenService == nil {
		return
	}
	staff.GET("/akun/token", a.tokensPage)
	staff.POST("/akun/token", a.createToken)
	staff.POST("/akun/token/:id/cabut", a.revokeToken)
}

// maxTokenDays bounds the validity asked for on the form (ten years).
const maxTokenDays = 3650

// tokensPage: GET /akun/token.
func (a *app) tokensPage(c *gin.Context) {
	a.renderTokens(c, http.StatusOK, templates.TokenPage{}, "", nil)
}

// renderTokens renders the page with an error message and the scopes to
// show checked.
func (a *app) renderTokens(c *gin.Context, status int, page templates.TokenPage, errMsg string, scopes []string) {
	ctx := c.Request.Context()
	me := letters.UserFromContext(ctx)
	page.Base = a.base(c, "Token API")
	page.Error = errMsg
	filter := letters.TokenFilter{UserID: me.ID}
	if me.Admin {
		filter.UserID = 0
	}
	list, err := a.TokenService.FindTokens(ctx, filter)
	if err != nil {
		a.fail(c, err)
		return
	}
	now := a.now()
	for _, t := range list {
		row := templates.TokenRow{ID: t.ID, Owner: t.Username, Name: t.Name, Scopes: joinScopes(t.Scopes),
			CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt, ExpiresAt: t.ExpiresAt, RevokedAt: t.RevokedAt, Active: t.Active(now)}
		if t.UserID == me.ID {
			page.Mine = append(page.Mine, row)
		} else {
			page.Others = append(page.Others, row)
		}
	}
	checked := map[string]bool{}
	for _, s := range scopes {
		checked[s] = true
	}
	for _, s := range letters.Scopes {
		page.Scopes = append(page.Scopes, templates.ScopeOption{Value: string(s.Scope), Label: s.Label, Checked: checked[string(s.Scope)]})
	}
	a.render(c, status, templates.PageTokens, page)
}

func joinScopes(scopes []letters.Scope) string {
	names := make([]string, len(scopes))
	for i, s := range scopes {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// createToken: POST /akun/token. The secret is shown on the answer page
// only, never put in the session or a redirect.
func (a *app) createToken(c *gin.Context) {
	ctx := c.Request.Context()
	me := letters.UserFromContext(ctx)
	form := templates.TokenForm{Name: strings.TrimSpace(c.PostForm("nama")), Days: strings.TrimSpace(c.PostForm("hari"))}
	page := templates.TokenPage{Form: form}
	t := &letters.APIToken{UserID: me.ID, Name: form.Name}
	for _, s := range c.PostFormArray("cakupan") {
		t.Scopes = append(t.Scopes, letters.Scope(s))
	}
	var err error
	if form.Days != "" {
		n, convErr := strconv.Atoi(form.Days)
		if convErr != nil || n < 1 || n > maxTokenDays {
			err = letters.Errorf(letters.EINVALID, "Berlaku (hari) harus bilangan 1 sampai %d, atau kosong untuk tanpa batas.", maxTokenDays)
		} else {
			until := a.now().Add(time.Duration(n) * 24 * time.Hour)
			t.ExpiresAt = &until
		}
	}
	var secret string
	if err == nil {
		secret, err = a.TokenService.CreateToken(ctx, t)
	}
	if code := letters.ErrorCode(err); code == letters.EINVALID {
		a.renderTokens(c, http.StatusUnprocessableEntity, page, letters.ErrorMessage(err), c.PostFormArray("cakupan"))
		return
	} else if err != nil {
		a.fail(c, err)
		return
	}
	a.log.Info("web: API token created", "user", me.ID, "token", t.ID)
	page.Form = templates.TokenForm{}
	page.NewSecret, page.NewName = secret, t.Name
	a.renderTokens(c, http.StatusOK, page, "", nil)
}

// revokeToken: POST /akun/token/:id/cabut.
func (a *app) revokeToken(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Token API tidak ditemukan."))
		return
	}
	if err := a.TokenService.RevokeToken(c.Request.Context(), id); err != nil {
		a.fail(c, err)
		return
	}
	a.flash(c, "Token API dicabut; token itu tidak dapat dipakai lagi.")
	c.Redirect(http.StatusSeeOther, "/akun/token")
}
