package web

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// The profile editor: the data directory's profil.yaml in a textarea. A
// text is saved only when the whole office can run on it; the running
// profile is untouched until Naskah starts again (every service holds the
// profile it was opened with, so it is never swapped under a request).
// With Server.Restart the save starts it again at once.

// restartNotice is the message after a profile is saved; reloadNotice when
// the save restarts Naskah.
const (
	restartNotice = "Profil tersimpan; berlaku setelah Naskah dijalankan ulang."
	reloadNotice  = "Profil tersimpan. Naskah sedang dimuat ulang dengan profil baru; dalam beberapa detik profil itu berlaku."
)

// adminProfileEdit: GET /admin/profil/ubah.
func (a *app) adminProfileEdit(c *gin.Context) {
	if a.ProfileStore == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Pengubahan profil tidak tersedia di server ini."))
		return
	}
	pt, err := a.ProfileStore.ProfileText(c.Request.Context())
	if err != nil {
		a.fail(c, err)
		return
	}
	a.renderProfileEdit(c, http.StatusOK, pt, string(pt.Text), nil)
}

func (a *app) renderProfileEdit(c *gin.Context, status int, pt *letters.ProfileText, text string, problems []string) {
	page := templates.AdminProfileEditPage{Base: a.base(c, "Ubah Profil Kantor"), Text: text, Problems: problems,
		Reloads: a.Restart != nil}
	if pt != nil {
		page.File, page.Modified, page.Pending, page.Backups = pt.File, pt.ModTime, pt.Pending, pt.Backups
	}
	a.render(c, status, templates.PageAdminProfileEdit, page)
}

// adminSaveProfile: POST /admin/profil/ubah with profil=<YAML>. A rejected
// text comes back as typed with every problem and its line.
func (a *app) adminSaveProfile(c *gin.Context) {
	if a.ProfileStore == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Pengubahan profil tidak tersedia di server ini."))
		return
	}
	ctx := c.Request.Context()
	text := c.PostForm("profil")
	_, err := a.ProfileStore.SaveProfileText(ctx, []byte(text))
	switch code := letters.ErrorCode(err); code {
	case "":
		by := letters.UserFromContext(ctx).Username
		if a.Restart == nil {
			a.log.Info("web: office profile saved; it takes effect at the next start", "by", by)
			a.flash(c, restartNotice)
			c.Redirect(http.StatusSeeOther, "/admin/profil/ubah")
			return
		}
		a.log.Info("web: office profile saved; restarting with it", "by", by)
		a.flash(c, reloadNotice)
		c.Redirect(http.StatusSeeOther, "/admin/profil/ubah")
		a.Restart()
	case letters.EINVALID, letters.ECONFLICT, letters.ETOOLARGE:
		pt, perr := a.ProfileStore.ProfileText(ctx)
		if perr != nil {
			a.fail(c, perr)
			return
		}
		status := http.StatusUnprocessableEntity
		if code == letters.ECONFLICT {
			status = http.StatusConflict
		} else if code == letters.ETOOLARGE {
			status = http.StatusRequestEntityTooLarge
		}
		a.renderProfileEdit(c, status, pt, text, strings.Split(letters.ErrorMessage(err), "\n"))
	default:
		a.fail(c, err)
	}
}
