package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// webChannel is the channel code of the public online form.
const webChannel = "web"

// home: GET /. Staff go to their register; visitors get the public home
// page with the ways in: the online form, tracking, the service standard.
func (a *app) home(c *gin.Context) {
	if letters.UserFromContext(c.Request.Context()) != nil {
		c.Redirect(http.StatusFound, "/agenda")
		return
	}
	o := a.Profile.Office
	a.render(c, http.StatusOK, templates.PageHome, templates.HomePage{
		Base:       a.base(c, "Layanan Pengaduan"),
		OfficeName: o.Name, Parent: o.Parent, ServiceName: a.Profile.Service.Name,
		Online:  a.Profile.Channel(webChannel) != nil,
		Address: o.Address, Phone: o.Phone, Email: o.Email,
	})
}

// standard: GET /standar-pelayanan, the published service standard. Every
// line comes from the profile that drives the workflow: the times shown are
// the deadlines the cases get.
func (a *app) standard(c *gin.Context) {
	p := a.Profile
	o, s := p.Office, p.Service
	page := templates.StandardPage{
		Base:       a.base(c, "Standar Pelayanan"),
		OfficeName: o.Name, Parent: o.Parent, Address: o.Address, Phone: o.Phone, Email: o.Email, Website: o.Website,
		ServiceName: s.Name, Decree: s.Decree, Cost: s.Cost, Product: s.Product,
		Requirements: s.Requirements, Procedure: s.Procedure, Notes: s.Notes,
		Channels:    a.standardChannels(),
		Classes:     a.standardClasses(),
		Responsible: p.PositionTitle(p.Responsible),
		Escalation:  escalationText(p.Escalation),
		Reports:     reportTexts(p),
	}
	for _, ch := range page.Channels {
		page.FirstReply = page.FirstReply || ch.FirstResponse != ""
	}
	if p.Extension != nil {
		page.Extension = "Dapat diperpanjang satu kali paling lama " + durationText(*p.Extension) + "."
	}
	a.render(c, http.StatusOK, templates.PageStandard, page)
}

func (a *app) standardChannels() []templates.StandardChannel {
	var out []templates.StandardChannel
	for _, ch := range a.Profile.Channels {
		sc := templates.StandardChannel{
			Code: ch.Code, Name: ch.Name, Requirement: ch.Requirement, Identity: identityTexts(ch.Identity),
			Procedure: ch.Procedure, Deadline: durationText(ch.Deadline), Contact: ch.Contact,
			Online: ch.Code == webChannel,
		}
		if ch.FirstResponse != nil {
			sc.FirstResponse = durationText(*ch.FirstResponse)
		}
		out = append(out, sc)
	}
	return out
}

func (a *app) standardClasses() []templates.StandardClass {
	var out []templates.StandardClass
	for _, cl := range a.Profile.Classes {
		out = append(out, templates.StandardClass{Name: cl.Name, Deadline: durationText(cl.Deadline)})
	}
	return out
}

// durationText writes a deadline length as the standard publishes it:
// "5 hari kerja", "7 hari kalender", "2 jam", "30 menit".
func durationText(d letters.Duration) string {
	n := strconv.Itoa(d.Value)
	switch d.Unit {
	case letters.UnitWorkingDays:
		return n + " hari kerja"
	case letters.UnitDays:
		return n + " hari kalender"
	case letters.UnitHours:
		return n + " jam"
	case letters.UnitMinutes:
		return n + " menit"
	}
	return n + " " + d.Unit
}

// identityTexts writes a channel's identity rules as sentences.
func identityTexts(id letters.Identity) []string {
	var out []string
	if len(id.Required) > 0 {
		labels := make([]string, len(id.Required))
		for i, f := range id.Required {
			labels[i] = fieldLabel(f)
		}
		out = append(out, "Wajib: "+strings.Join(labels, ", ")+".")
	}
	for _, group := range id.AnyOf {
		labels := make([]string, len(group))
		for i, f := range group {
			labels[i] = fieldLabel(f)
		}
		out = append(out, "Paling sedikit satu dari: "+strings.Join(labels, " atau ")+".")
	}
	if id.Anonymous {
		out = append(out, "Pengaduan tanpa identitas (anonim) diterima.")
	}
	return out
}

func fieldLabel(f string) string {
	if l := letters.IdentityLabel(f); l != "" {
		return l
	}
	return f
}

func escalationText(e *letters.Escalation) string {
	if e == nil || e.To == "" {
		return ""
	}
	s := "Apabila sampai batas waktu penyelesaian pengaduan belum ditanggapi"
	if e.After > 0 {
		s += " (lewat " + strconv.Itoa(e.After) + " hari kerja)"
	}
	s += ", pengaduan dapat dilanjutkan kepada " + e.To
	if e.Via != "" {
		s += " melalui " + e.Via
	}
	return s + "."
}

var periodWords = map[string]string{
	"monthly": "setiap bulan", "quarterly": "setiap triwulan", "semester": "setiap semester", "yearly": "setiap tahun",
}

func reportTexts(p *letters.Profile) []string {
	var out []string
	for _, r := range p.Reports {
		s := r.Description
		if s == "" {
			s = "Laporan pengaduan " + periodWords[r.Period]
			if r.DueDay > 0 {
				s += ", paling lambat tanggal " + strconv.Itoa(r.DueDay) + " bulan berikutnya"
			}
			s += "."
		}
		to := r.Recipient
		if r.Via != "" {
			to += " melalui " + r.Via
		}
		if to != "" {
			s += " Disampaikan kepada " + to + "."
		}
		out = append(out, s)
	}
	return out
}
