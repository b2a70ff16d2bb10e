package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// delegationKinds are the two kinds of acting official.
var delegationKinds = []templates.Option{
	{Value: "Plh.", Label: "Plh. (Pelaksana Harian): pejabat berhalangan sementara"},
	{Value: "Plt.", Label: "Plt. (Pelaksana Tugas): jabatan kosong atau berhalangan tetap"},
}

// adminDelegations: GET /admin/delegasi, the Plt./Plh. delegations.
func (a *app) adminDelegations(c *gin.Context) {
	a.renderDelegations(c, http.StatusOK, templates.DelegationForm{Kind: "Plh."}, "")
}

func (a *app) renderDelegations(c *gin.Context, status int, form templates.DelegationForm, errMsg string) {
	if a.DelegationService == nil {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Penunjukan Plt./Plh. tidak tersedia di server ini."))
		return
	}
	ctx := c.Request.Context()
	ds, err := a.DelegationService.FindDelegations(ctx)
	if err != nil {
		a.fail(c, err)
		return
	}
	users, _, err := a.UserService.FindUsers(ctx, letters.UserFilter{})
	if err != nil {
		a.fail(c, err)
		return
	}
	loc, now := a.cal.Location(), a.now()
	_, ends := a.DelegationService.(letters.DelegationEnder)
	page := templates.AdminDelegationsPage{Base: a.base(c, "Plt./Plh."), Form: form, Today: now.In(loc).Format("2006-01-02")}
	page.Error = errMsg
	for _, d := range ds {
		row := templates.DelegationRow{ID: d.ID, Kind: d.Kind, Position: a.Profile.PositionTitle(d.Position), User: d.User,
			From: d.From, Last: d.To.Add(-time.Second), Note: d.Note}
		switch {
		case !d.To.After(d.From):
			row.State, row.Last = "dibatalkan", d.From
		case now.Before(d.From):
			row.State, row.Endable = "akan datang", ends
		case now.Before(d.To):
			row.State, row.Running, row.Endable = "berjalan", true, ends
		default:
			row.State = "selesai"
		}
		page.Rows = append(page.Rows, row)
	}
	for _, k := range delegationKinds {
		k.Selected = k.Value == form.Kind
		page.Kinds = append(page.Kinds, k)
	}
	for _, pos := range a.Profile.Positions {
		page.Positions = append(page.Positions, templates.Option{Value: pos.Code, Label: pos.Title, Selected: pos.Code == form.Position})
	}
	for _, u := range users {
		if u.Active {
			id := strconv.FormatInt(u.ID, 10)
			page.Users = append(page.Users, templates.Option{Value: id, Selected: id == form.UserID,
				Label: u.Name + " — " + a.Profile.PositionTitle(u.Position) + " (" + u.Username + ")"})
		}
	}
	a.render(c, status, templates.PageAdminDelegations, page)
}

// adminCreateDelegation: POST /admin/delegasi names a user acting for a
// position from one day to another (both inclusive, in the office's zone).
func (a *app) adminCreateDelegation(c *gin.Context) {
	form := templates.DelegationForm{
		Kind: c.PostForm("jenis"), Position: c.PostForm("jabatan"), UserID: c.PostForm("pengguna"),
		From: strings.TrimSpace(c.PostForm("mulai")), To: strings.TrimSpace(c.PostForm("selesai")),
		Note: strings.TrimSpace(c.PostForm("keterangan")),
	}
	d, err := a.delegationFromForm(c, form)
	if err == nil {
		err = a.DelegationService.CreateDelegation(c.Request.Context(), d)
	}
	switch letters.ErrorCode(err) {
	case "":
		a.flash(c, fmt.Sprintf("%s %s: %s, %s s.d. %s.", d.Kind, a.Profile.PositionTitle(d.Position), d.User,
			letters.FormatDate(d.From.In(a.cal.Location())), letters.FormatDate(d.To.Add(-time.Second).In(a.cal.Location()))))
		c.Redirect(http.StatusSeeOther, "/admin/delegasi")
	case letters.EINVALID, letters.ECONFLICT:
		status, _, msg := a.publicError(c, err)
		a.renderDelegations(c, status, form, msg)
	default:
		a.fail(c, err)
	}
}

// delegationFromForm checks the form and builds the delegation; EINVALID
// names the field, ECONFLICT names a delegation the period overlaps.
func (a *app) delegationFromForm(c *gin.Context, form templates.DelegationForm) (*letters.Delegation, error) {
	if a.DelegationService == nil {
		return nil, letters.Errorf(letters.ENOTFOUND, "Penunjukan Plt./Plh. tidak tersedia di server ini.")
	}
	loc := a.cal.Location()
	uid, _ := strconv.ParseInt(form.UserID, 10, 64)
	switch {
	case form.Kind != "Plt." && form.Kind != "Plh.":
		return nil, letters.Errorf(letters.EINVALID, "Jenis penugasan harus Plt. atau Plh.")
	case a.Profile.Position(form.Position) == nil:
		return nil, letters.Errorf(letters.EINVALID, "Jabatan yang diwakili wajib dipilih.")
	case uid <= 0:
		return nil, letters.Errorf(letters.EINVALID, "Pengguna yang ditunjuk wajib dipilih.")
	case form.From == "":
		return nil, letters.Errorf(letters.EINVALID, "Tanggal mulai wajib diisi.")
	case form.To == "":
		return nil, letters.Errorf(letters.EINVALID, "Tanggal selesai wajib diisi.")
	}
	from, err := time.ParseInLocation("2006-01-02", form.From, loc)
	if err != nil {
		return nil, letters.Errorf(letters.EINVALID, "Tanggal mulai %q tidak valid; tulis sebagai TTTT-BB-HH, mis. 2026-12-01.", form.From)
	}
	last, err := time.ParseInLocation("2006-01-02", form.To, loc)
	if err != nil {
		return nil, letters.Errorf(letters.EINVALID, "Tanggal selesai %q tidak valid; tulis sebagai TTTT-BB-HH, mis. 2026-12-05.", form.To)
	}
	now := a.now()
	today := now.In(loc).Format("2006-01-02")
	switch {
	case last.Before(from):
		return nil, letters.Errorf(letters.EINVALID, "Tanggal selesai tidak boleh sebelum tanggal mulai.")
	case form.To < today:
		return nil, letters.Errorf(letters.EINVALID, "Tanggal selesai %s sudah lewat.", letters.FormatDate(last))
	case last.Sub(from) > 366*24*time.Hour:
		return nil, letters.Errorf(letters.EINVALID, "Masa penugasan paling lama satu tahun; perpanjang dengan penunjukan baru.")
	}
	d := &letters.Delegation{Position: form.Position, UserID: uid, Kind: form.Kind, From: from, To: last.AddDate(0, 0, 1), Note: form.Note}
	existing, err := a.DelegationService.FindDelegations(c.Request.Context())
	if err != nil {
		return nil, err
	}
	for _, x := range existing {
		if x.Position == d.Position && x.To.After(now) && x.From.Before(d.To) && d.From.Before(x.To) {
			return nil, letters.Errorf(letters.ECONFLICT, "%s sudah diwakili %s (%s) pada %s s.d. %s; akhiri penunjukan itu dulu atau pilih masa lain.",
				a.Profile.PositionTitle(x.Position), x.User, x.Kind, letters.FormatDate(x.From.In(loc)), letters.FormatDate(x.To.Add(-time.Second).In(loc)))
		}
	}
	return d, nil
}

// adminEndDelegation: POST /admin/delegasi/:id/akhiri ends a running
// delegation now or cancels one yet to come.
func (a *app) adminEndDelegation(c *gin.Context) {
	ender, ok := a.DelegationService.(letters.DelegationEnder)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if !ok || err != nil || id <= 0 {
		a.fail(c, letters.Errorf(letters.ENOTFOUND, "Penunjukan Plt./Plh. tidak ditemukan."))
		return
	}
	d, err := ender.EndDelegation(c.Request.Context(), id)
	if err != nil {
		a.fail(c, err)
		return
	}
	if d.To.Equal(d.From) {
		a.flash(c, fmt.Sprintf("Penunjukan %s %s (%s) dibatalkan.", d.Kind, a.Profile.PositionTitle(d.Position), d.User))
	} else {
		a.flash(c, fmt.Sprintf("Penunjukan %s %s (%s) diakhiri; sejak sekarang %s tidak lagi bertindak untuk jabatan itu.",
			d.Kind, a.Profile.PositionTitle(d.Position), d.User, d.User))
	}
	c.Redirect(http.StatusSeeOther, "/admin/delegasi")
}
