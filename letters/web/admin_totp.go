package web

import (
	"context"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// Second-factor activation codes (store/totp_activation.go): a user enrols
// an authenticator on /akun/totp only with a code an admin made here and
// handed over in person or by telephone, so a password alone does not let
// a stranger bind their own phone to a signer's account. A lost phone is an
// "atur ulang": the old factor goes and a new code is made.

// totpActivator is a UserService that makes activation codes.
type totpActivator interface {
	IssueTOTPActivation(ctx context.Context, id int64, reset bool) (string, error)
}

// totpColumn fills the user row's second-factor state when the services
// can tell it and make codes.
func (a *app) totpColumn(ctx context.Context, row *templates.AdminUserRow) error {
	sf, ok1 := a.UserService.(secondFactor)
	_, ok2 := a.UserService.(totpActivator)
	if !ok1 || !ok2 {
		return nil
	}
	has, err := sf.HasTOTP(ctx, row.ID)
	row.TOTP, row.CanTOTP = has, true
	return err
}

// adminTOTPActivation: POST /admin/pengguna/:id/faktor-kedua, atur_ulang=1
// to remove a factor already enrolled. The code is shown once, in the
// notice of the page the admin lands on.
func (a *app) adminTOTPActivation(c *gin.Context) {
	act, ok := a.UserService.(totpActivator)
	if !ok {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Halaman tidak ditemukan."))
		return
	}
	u, ok := a.adminTarget(c) // admin.go
	if !ok {
		return
	}
	reset := c.PostForm("atur_ulang") == "1"
	code, err := act.IssueTOTPActivation(c.Request.Context(), u.ID, reset)
	switch letters.ErrorCode(err) {
	case "":
	case letters.ECONFLICT:
		a.renderUsers(c, http.StatusConflict, templates.NewUserForm{}, letters.ErrorMessage(err))
		return
	default:
		a.fail(c, err)
		return
	}
	what := "Kode aktivasi faktor kedua"
	if reset {
		what = "Faktor kedua lama dihapus. Kode aktivasi baru"
	}
	a.flash(c, fmt.Sprintf("%s untuk %s: %s — berlaku 3 hari, sekali pakai. Sampaikan langsung kepada pengguna; kode ini tidak ditampilkan lagi.",
		what, u.Username, code))
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("/admin/pengguna#pengguna-%d", u.ID))
}
