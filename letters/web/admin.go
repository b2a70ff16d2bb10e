package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// adminRoutes registers the administration pages on the staff group; every
// one of them is for admin users only, checked here on the server.
func (a *app) adminRoutes(staff *gin.RouterGroup) {
	admin := staff.Group("/admin", a.requireAdmin)
	admin.GET("", func(c *gin.Context) { c.Redirect(http.StatusFound, "/admin/pengguna") })
	admin.GET("/pengguna", a.adminUsers)
	admin.POST("/pengguna", a.adminCreateUser)
	admin.POST("/pengguna/:id/aktif", a.adminSetActive)
	admin.POST("/pengguna/:id/sandi", a.adminSetPassword)
	admin.POST("/pengguna/:id/faktor-kedua", a.adminTOTPActivation) // admin_totp.go
	admin.GET("/hari-libur", a.adminHolidays)
	admin.POST("/hari-libur", a.adminAddHoliday)
	admin.POST("/hari-libur/impor", a.adminImportHolidays)
	admin.GET("/profil", a.adminProfile)
	admin.GET("/profil/ubah", a.adminProfileEdit) // admin_profile_edit.go
	admin.POST("/profil/ubah", a.adminSaveProfile)
	admin.GET("/delegasi", a.adminDelegations) // admin_delegation.go
	admin.POST("/delegasi", a.adminCreateDelegation)
	admin.POST("/delegasi/:id/akhiri", a.adminEndDelegation)
	admin.GET("/kotak-surat", a.adminMailbox) // admin_mailbox.go
	admin.POST("/kotak-surat", a.adminSaveMailbox)
	admin.POST("/kotak-surat/uji", a.adminCheckMailbox)
}

// requireAdmin answers 403 to users who are not admins.
func (a *app) requireAdmin(c *gin.Context) {
	if u := letters.UserFromContext(c.Request.Context()); u != nil && u.Admin {
		c.Next()
		return
	}
	a.fail(c, letters.Errorf(letters.EFORBIDDEN, "Halaman ini hanya untuk admin."))
}

// adminUsers: GET /admin/pengguna, users and positions.
func (a *app) adminUsers(c *gin.Context) {
	a.renderUsers(c, http.StatusOK, templates.NewUserForm{}, "")
}

func (a *app) renderUsers(c *gin.Context, status int, form templates.NewUserForm, errMsg string) {
	ctx := c.Request.Context()
	me := letters.UserFromContext(ctx)
	users, _, err := a.UserService.FindUsers(ctx, letters.UserFilter{})
	if err != nil {
		a.fail(c, err)
		return
	}
	page := templates.AdminUsersPage{Base: a.base(c, "Pengguna dan Jabatan"), Form: form}
	page.Error = errMsg
	holders := map[string]int{}
	for _, u := range users {
		page.Users = append(page.Users, templates.AdminUserRow{
			ID: u.ID, Username: u.Username, Name: u.Name, NIP: u.NIP, Position: a.Profile.PositionTitle(u.Position),
			Admin: u.Admin, Active: u.Active, Self: me != nil && me.ID == u.ID,
		})
		if err := a.totpColumn(ctx, &page.Users[len(page.Users)-1]); err != nil { // admin_totp.go
			a.fail(c, err)
			return
		}
		if u.Active {
			holders[u.Position]++
		}
	}
	page.Positions = a.positionRows(holders)
	for _, pos := range a.Profile.Positions {
		page.Options = append(page.Options, templates.Option{Value: pos.Code, Label: pos.Title, Selected: pos.Code == form.Position})
	}
	a.render(c, status, templates.PageAdminUsers, page)
}

// positionRows lists the profile's positions with their superiors, their
// active holders and the workflow actions each may perform.
func (a *app) positionRows(holders map[string]int) []templates.AdminPositionRow {
	var out []templates.AdminPositionRow
	for _, pos := range a.Profile.Positions {
		row := templates.AdminPositionRow{Code: pos.Code, Title: pos.Title, Short: pos.Short, Unit: pos.Unit, Holders: holders[pos.Code]}
		if pos.Parent != "" {
			row.Parent = a.Profile.PositionTitle(pos.Parent)
		}
		for _, rule := range a.Profile.Actions {
			if slices.Contains(rule.Positions, pos.Code) {
				row.Actions = append(row.Actions, rule.Action.Label())
			}
		}
		out = append(out, row)
	}
	return out
}

// adminTarget finds the user of an admin action's URL (:id); the error
// page is sent when there is none.
func (a *app) adminTarget(c *gin.Context) (*letters.User, bool) {
	id, err := userID(c)
	if err == nil {
		var u *letters.User
		if u, err = a.UserService.FindUserByID(c.Request.Context(), id); err == nil {
			return u, true
		}
	}
	a.fail(c, err)
	return nil, false
}

// userID reads the :id of a user's URL; a bad one is not found.
func userID(c *gin.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, letters.Errorf(letters.ENOTFOUND, "Pengguna tidak ditemukan.")
	}
	return id, nil
}

// adminCreateUser: POST /admin/pengguna adds a user.
func (a *app) adminCreateUser(c *gin.Context) {
	form := templates.NewUserForm{
		Username: strings.TrimSpace(c.PostForm("username")), Name: strings.TrimSpace(c.PostForm("nama")),
		NIP: strings.TrimSpace(c.PostForm("nip")), Position: c.PostForm("jabatan"), Admin: c.PostForm("admin") == "1",
	}
	password := c.PostForm("sandi")
	if password != c.PostForm("sandi2") {
		a.renderUsers(c, http.StatusUnprocessableEntity, form, "Kata sandi dan ulangan kata sandi tidak sama.")
		return
	}
	u := &letters.User{Username: form.Username, Name: form.Name, NIP: form.NIP, Position: form.Position, Admin: form.Admin}
	err := a.UserService.CreateUser(c.Request.Context(), u, password)
	switch letters.ErrorCode(err) {
	case "":
		a.flash(c, fmt.Sprintf("Pengguna %s (%s) ditambahkan.", u.Username, u.Name))
		c.Redirect(http.StatusSeeOther, "/admin/pengguna")
	case letters.EINVALID, letters.ECONFLICT:
		status, _, msg := a.publicError(c, err)
		a.renderUsers(c, status, form, msg)
	default:
		a.fail(c, err)
	}
}

// adminSetActive: POST /admin/pengguna/:id/aktif with aktif=1 or 0. An
// admin cannot deactivate their own account (the office would lose its
// last way in).
func (a *app) adminSetActive(c *gin.Context) {
	u, ok := a.adminTarget(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	active := c.PostForm("aktif") == "1"
	if !active && letters.UserIDFromContext(ctx) == u.ID {
		a.fail(c, letters.Errorf(letters.ECONFLICT, "Anda tidak dapat menonaktifkan akun Anda sendiri."))
		return
	}
	if err := a.UserService.SetActive(ctx, u.ID, active); err != nil {
		a.fail(c, err)
		return
	}
	if active {
		a.flash(c, fmt.Sprintf("Akun %s diaktifkan.", u.Username))
	} else {
		a.flash(c, fmt.Sprintf("Akun %s dinonaktifkan; pengguna ini keluar pada permintaan berikutnya.", u.Username))
	}
	c.Redirect(http.StatusSeeOther, "/admin/pengguna")
}

// adminSetPassword: POST /admin/pengguna/:id/sandi sets a new password.
func (a *app) adminSetPassword(c *gin.Context) {
	u, ok := a.adminTarget(c)
	if !ok {
		return
	}
	err := a.UserService.SetPassword(c.Request.Context(), u.ID, c.PostForm("sandi"))
	switch letters.ErrorCode(err) {
	case "":
		a.flash(c, fmt.Sprintf("Kata sandi %s diganti. Sampaikan kata sandi baru kepada pengguna secara langsung.", u.Username))
		c.Redirect(http.StatusSeeOther, "/admin/pengguna")
	case letters.EINVALID:
		_, _, msg := a.publicError(c, err)
		a.renderUsers(c, http.StatusUnprocessableEntity, templates.NewUserForm{}, fmt.Sprintf("Kata sandi %s tidak diganti: %s", u.Username, msg))
	default:
		a.fail(c, err)
	}
}
