package web

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"naskah/letters"
	"naskah/templates"
)

// Words shown instead of a complainant who may not be shown.
const (
	labelAnonymous    = "Anonim"
	labelConfidential = "Dirahasiakan"
	labelMasked       = "(disamarkan)"
)

// visibleLetter returns a copy of l with the complainant as user may see
// it, by the office's privacy rules: a confidential complainant only to the
// complaint officer; NIK, phone and address only to the positions in
// Privacy.ViewPersonal, masked for everyone else. hidden is the word shown
// instead of the complainant ("" when shown), masked whether data was masked.
func (a *app) visibleLetter(user *letters.User, l *letters.Letter) (out *letters.Letter, hidden string, masked bool) {
	cp := *l
	p := &cp.Complainant
	position := ""
	if user != nil {
		position = user.Position
	}
	switch {
	case p.Anonymous:
		*p = letters.Party{Anonymous: true, Confidential: p.Confidential}
		return &cp, labelAnonymous, false
	case p.Confidential && (a.Profile.Privacy.ComplaintOfficer == "" || position != a.Profile.Privacy.ComplaintOfficer):
		*p = letters.Party{Confidential: true}
		return &cp, labelConfidential, false
	}
	if !slices.Contains(a.Profile.Privacy.ViewPersonal, position) {
		masked = p.NIK != "" || p.Phone != "" || p.Address != ""
		p.NIK = templates.Mask(p.NIK, 4)
		p.Phone = templates.Mask(p.Phone, 3)
		if p.Address != "" {
			p.Address = labelMasked
		}
	}
	return &cp, "", masked
}

// complainantName is the complainant as the agenda lists it.
func (a *app) complainantName(user *letters.User, l *letters.Letter) string {
	v, hidden, _ := a.visibleLetter(user, l)
	switch {
	case hidden != "":
		return hidden
	case v.Complainant.Name != "":
		return v.Complainant.Name
	case v.Complainant.Organisation != "":
		return v.Complainant.Organisation
	}
	return "—"
}

// channelName is the name of a channel code in the profile.
func (a *app) channelName(code string) string {
	if ch := a.Profile.Channel(code); ch != nil {
		return ch.Name
	}
	return code
}

// due describes a deadline at now, in working days where it is counted in
// days (a deadline at the end of a day) and in time otherwise.
func (a *app) due(l *letters.Letter, at time.Time, now time.Time) templates.Due {
	d := templates.Due{At: at}
	local := at.In(a.cal.Location())
	endOfDay := local.Hour() == 23 && local.Minute() == 59
	switch {
	case at.IsZero():
		d.Left = "belum ditetapkan"
	case !l.Status.Open():
		d.Left = "kasus selesai"
	case l.PausedAt != nil:
		d.Left = "waktu dihentikan: menunggu kelengkapan dari pengadu"
	case now.After(at):
		d.Overdue = true
		if n := a.cal.WorkingDaysBetween(at, now); n > 0 {
			d.Left = "terlambat " + strconv.Itoa(n) + " hari kerja"
		} else {
			d.Left = "terlambat"
		}
	case !endOfDay:
		d.Left = "sisa " + shortDuration(at.Sub(now))
	default:
		if n := a.cal.WorkingDaysBetween(now, at); n > 0 {
			d.Left = "sisa " + strconv.Itoa(n) + " hari kerja lagi"
		} else {
			d.Left = "berakhir hari ini"
		}
	}
	return d
}

// shortDuration writes d as "2 jam 5 menit" or "25 menit".
func shortDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h >= 24:
		return fmt.Sprintf("%d hari %d jam", h/24, h%24)
	case h > 0:
		return fmt.Sprintf("%d jam %d menit", h, m)
	}
	return fmt.Sprintf("%d menit", m)
}
