package web_test

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"testing"
	"time"

	"naskah/letters"
	"naskah/letters/profile"
)

// deadlineCell reads the published completion time of each channel from
// the standard's table: <tr id="waktu-CODE"><td>NAME</td><td class="deadline">5 hari kerja</td>.
var deadlineCell = regexp.MustCompile(`<tr id="waktu-([a-z_]+)"><td>([^<]*)</td><td class="deadline">(\d+) (hari kerja|hari kalender|jam|menit)</td>`)

var unitWords = map[string]string{"hari kerja": letters.UnitWorkingDays, "hari kalender": letters.UnitDays,
	"jam": letters.UnitHours, "menit": letters.UnitMinutes}

// For every seed office the Standar Pelayanan publishes each channel with
// its time, and a complaint filed online gets exactly the published time
// as its deadline: what is published is what is enforced.
func TestStandardPublishesWhatIsEnforced(t *testing.T) {
	for _, slug := range profile.Names() {
		t.Run(slug, func(t *testing.T) {
			e := newFullEnv(t, slug)
			c := e.client()
			r := c.get("/standar-pelayanan")
			if r.StatusCode != http.StatusOK {
				t.Fatalf("GET /standar-pelayanan: %d", r.StatusCode)
			}
			p := e.profile
			mustContain(t, "standard", r.body, html.EscapeString(p.Service.Name), html.EscapeString(p.Office.Name))
			if p.Service.Cost != "" {
				mustContain(t, "standard", r.body, html.EscapeString(p.Service.Cost))
			}
			for _, req := range p.Service.Requirements {
				mustContain(t, "standard", r.body, html.EscapeString(req))
			}
			if p.Escalation != nil {
				mustContain(t, "standard", r.body, html.EscapeString(p.Escalation.To))
			}
			published := map[string]letters.Duration{}
			for _, m := range deadlineCell.FindAllStringSubmatch(r.body, -1) {
				n, _ := strconv.Atoi(m[3])
				published[m[1]] = letters.Duration{Value: n, Unit: unitWords[m[4]]}
			}
			for _, ch := range p.Channels {
				got, ok := published[ch.Code]
				if !ok {
					t.Errorf("channel %s (%s) has no published time", ch.Code, ch.Name)
				} else if got != ch.Deadline {
					t.Errorf("channel %s: published %v, profile says %v", ch.Code, got, ch.Deadline)
				}
				if ch.Contact != "" {
					mustContain(t, "standard", r.body, html.EscapeString(ch.Contact))
				}
			}
			if len(published) != len(p.Channels) {
				t.Errorf("%d channel times published, the profile has %d channels", len(published), len(p.Channels))
			}

			// File online and compare the case's deadline with the published time.
			if p.Channel("web") == nil {
				return
			}
			fields := complaintFields("Uji standar pelayanan")
			fields.Set("email", "budi@contoh.go.id")
			fields.Set("alamat", "Jl. Merdeka 1")
			fields.Set("pernyataan", "1")
			code := submitComplaint(t, c, fields, map[string][]byte{"ktp.pdf": realPDF(t, "KTP")})
			l, err := e.letters.FindLetterByTrackingCode(context.Background(), code)
			if err != nil {
				t.Fatal(err)
			}
			cal, err := p.Calendar(nil)
			if err != nil {
				t.Fatal(err)
			}
			want, err := cal.Add(l.ReceivedAt, published["web"])
			if err != nil {
				t.Fatal(err)
			}
			if !l.Deadline.Equal(want) {
				t.Errorf("online complaint received %s has deadline %s; the published %v gives %s",
					l.ReceivedAt.Format(time.RFC3339), l.Deadline.Format(time.RFC3339), published["web"], want.Format(time.RFC3339))
			}
		})
	}
}
