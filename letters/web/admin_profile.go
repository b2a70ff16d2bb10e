package web

import (
	"maps"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// stepWords are the chain step kinds in the office's words.
var stepWords = map[string]string{
	letters.StepDraft: "menyusun konsep", letters.StepParaf: "paraf", letters.StepSign: "tanda tangan",
	letters.StepRegister: "penomoran", letters.StepDeliver: "penyampaian",
}

// adminProfile: GET /admin/profil, the office profile as Naskah runs it
// (read-only; the profile is edited in the data directory's profil.yaml).
func (a *app) adminProfile(c *gin.Context) {
	p := a.Profile
	o := p.Office
	users, _, err := a.UserService.FindUsers(c.Request.Context(), letters.UserFilter{})
	if err != nil {
		a.fail(c, err)
		return
	}
	holders := map[string]int{}
	for _, u := range users {
		if u.Active {
			holders[u.Position]++
		}
	}
	page := templates.AdminProfilePage{
		Base: a.base(c, "Profil Kantor"), Slug: p.Slug, TimeZone: p.TimeZone + " (" + letters.ZoneLabel(a.cal.Location()) + ")",
		OfficeName: o.Name, ShortName: o.ShortName, Parent: o.Parent, Address: o.Address, City: o.City,
		Phone: o.Phone, Email: o.Email, Website: o.Website,
		Agenda: p.Agenda, Responsible: p.PositionTitle(p.Responsible),
		Positions: a.positionRows(holders), Channels: a.standardChannels(), Classes: a.standardClasses(),
		Escalation: escalationText(p.Escalation), Reports: reportTexts(p),
	}
	if p.Extension != nil {
		page.Extension = durationText(*p.Extension) + ", satu kali"
	}
	for _, rule := range p.Actions {
		page.Actions = append(page.Actions, templates.ProfileRow{Label: rule.Action.Label(), Values: a.titles(rule.Positions)})
	}
	for _, d := range p.Documents {
		doc := templates.ProfileDocument{Code: d.Code, Name: d.Name, Format: d.NumberFormat}
		for _, k := range slices.Sorted(maps.Keys(d.Fields)) {
			doc.Fields = append(doc.Fields, k+" = "+d.Fields[k])
		}
		for _, s := range d.Chain {
			line := p.PositionTitle(s.Position) + " — " + stepWords[s.Step]
			if s.Label != "" {
				line += ": " + s.Label
			}
			doc.Chain = append(doc.Chain, line)
		}
		page.Documents = append(page.Documents, doc)
	}
	page.Privacy = []templates.ProfileRow{{Label: "Melihat data pribadi (NIK, telepon, alamat)", Values: a.titles(p.Privacy.ViewPersonal)}}
	if p.Privacy.ComplaintOfficer != "" {
		page.Privacy = append(page.Privacy, templates.ProfileRow{Label: "Pejabat pengelola pengaduan (melihat pengadu yang dirahasiakan)",
			Values: []string{p.PositionTitle(p.Privacy.ComplaintOfficer)}})
	}
	a.render(c, http.StatusOK, templates.PageAdminProfile, page)
}

func (a *app) titles(codes []string) []string {
	out := make([]string, len(codes))
	for i, code := range codes {
		out[i] = a.Profile.PositionTitle(code)
	}
	return out
}
