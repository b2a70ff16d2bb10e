package web

import (
	"bytes"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// Flood limits of the public form, per client address: accepted
// complaints, and attempts of any kind (typing errors included).
const (
	complaintsPerWindow = 5
	attemptsPerWindow   = 30
	complaintWindow     = 10 * time.Minute
)

// publicCategories are the categories the public may choose; "surat" is
// the clerks' own.
var publicCategories = []string{letters.CategoryPengaduan, letters.CategoryAspirasi, letters.CategoryInformasi}

// portal holds the state of the public complaint form.
type portal struct {
	*app
	accepted *limiter
	attempts *limiter
}

// portalRoutes registers the public portal on the public group r.
func (a *app) portalRoutes(r *gin.RouterGroup) {
	p := &portal{app: a,
		accepted: newLimiter(complaintsPerWindow, complaintWindow, a.now),
		attempts: newLimiter(attemptsPerWindow, complaintWindow, a.now),
	}
	r.GET("/standar-pelayanan", a.standard)
	r.GET("/pengaduan", p.form)
	r.POST("/pengaduan", p.submit)
	r.GET("/pengaduan/terkirim", p.done)
	r.GET("/pengaduan/tanda-bukti/:kode", p.receipt)
}

// webChannelOrFail returns the web channel, or answers 404 when the office
// does not accept complaints online.
func (p *portal) webChannelOrFail(c *gin.Context) *letters.Channel {
	ch := p.Profile.Channel(webChannel)
	if ch == nil {
		p.fail(c, letters.Errorf(letters.ENOTFOUND, "Kantor ini tidak menerima pengaduan secara daring. Lihat Standar Pelayanan untuk saluran lainnya."))
	}
	return ch
}

// form: GET /pengaduan, the empty form.
func (p *portal) form(c *gin.Context) {
	ch := p.webChannelOrFail(c)
	if ch == nil {
		return
	}
	form := templates.IntakeForm{Category: letters.CategoryPengaduan}
	p.render(c, http.StatusOK, templates.PageComplaint, p.page(c, ch, form, ""))
}

func (p *portal) page(c *gin.Context, ch *letters.Channel, form templates.IntakeForm, errMsg string) templates.ComplaintPage {
	page := templates.ComplaintPage{
		Base: p.base(c, "Pengaduan Online"), Form: form, Channel: ch.Name, Requirement: ch.Requirement,
		Required: map[string]bool{}, Anonymous: ch.Identity.Anonymous,
		MaxUpload: fmt.Sprintf("%d MB", letters.MaxUploadSize>>20), Deadline: durationText(ch.Deadline),
	}
	page.Error = errMsg
	for _, f := range ch.Identity.Required {
		page.Required[f] = true
	}
	page.NeedsStatement = page.Required[letters.FieldStatement]
	page.NeedsDocument = page.Required[letters.FieldIdentityDoc]
	for _, group := range ch.Identity.AnyOf {
		labels := make([]string, len(group))
		for i, f := range group {
			labels[i] = fieldLabel(f)
		}
		page.AnyOf = append(page.AnyOf, "Isi paling sedikit satu: "+strings.Join(labels, " atau ")+".")
		if slices.Contains(group, letters.FieldIdentityDoc) && len(group) == 1 {
			page.NeedsDocument = true
		}
	}
	for _, cat := range letters.Categories {
		if slices.Contains(publicCategories, cat.Code) {
			page.Categories = append(page.Categories, templates.Option{Value: cat.Code, Label: cat.Label, Selected: cat.Code == form.Category})
		}
	}
	return page
}

// submit: POST /pengaduan registers a complaint on the web channel as the
// public, without a user. A rejected form comes back as typed.
func (p *portal) submit(c *gin.Context) {
	ch := p.webChannelOrFail(c)
	if ch == nil {
		return
	}
	ip := c.ClientIP()
	if ok, wait := p.attempts.take(ip); !ok {
		p.tooMany(c, wait, nil, nil)
		return
	}
	form, l, uploads, err := p.readIntake(c)
	if err == nil {
		// Only what the public form offers: the clerk's fields are dropped.
		l.Channel, l.Class, l.Origin, l.RefNumber, l.RefDate, l.LaporID, l.Status = webChannel, "", "", "", nil, "", ""
		if !slices.Contains(publicCategories, l.Category) {
			l.Category = letters.CategoryPengaduan
		}
		form.Channel = webChannel
		ok, wait := p.accepted.take(ip)
		if !ok {
			p.tooMany(c, wait, ch, &form)
			return
		}
		// The public registers the complaint, even when a member of staff
		// happens to be signed in in this browser.
		ctx := letters.NewContextWithUser(c.Request.Context(), nil)
		if err = p.LetterService.CreateLetter(ctx, l, uploads); err != nil {
			p.accepted.giveBack(ip)
		}
	}
	switch letters.ErrorCode(err) {
	case "":
		p.log.Info("web: online complaint", "letter", l.ID, "ip", ip)
		c.Redirect(http.StatusSeeOther, "/pengaduan/terkirim?kode="+url.QueryEscape(l.TrackingCode))
	case letters.EINVALID, letters.ECONFLICT, letters.ETOOLARGE:
		status, _, msg := p.publicError(c, err)
		p.render(c, status, templates.PageComplaint, p.page(c, ch, form, msg))
	default:
		p.fail(c, err)
	}
}

// tooMany answers 429: the form again with the message when it was read,
// else the error page.
func (p *portal) tooMany(c *gin.Context, wait time.Duration, ch *letters.Channel, form *templates.IntakeForm) {
	minutes := int(math.Ceil(wait.Minutes()))
	msg := fmt.Sprintf("Terlalu banyak pengaduan dikirim dari jaringan Anda dalam waktu singkat. Silakan coba lagi dalam %d menit.", max(minutes, 1))
	p.log.Warn("web: complaint rate limit", "ip", c.ClientIP())
	c.Header("Retry-After", fmt.Sprint(max(int(math.Ceil(wait.Seconds())), 1)))
	if form != nil {
		p.render(c, http.StatusTooManyRequests, templates.PageComplaint, p.page(c, ch, *form, msg))
		return
	}
	page := p.errorPage(nil, http.StatusTooManyRequests, msg)
	page.Title = "Terlalu banyak permintaan"
	p.writePage(c.Writer, http.StatusTooManyRequests, page)
	c.Abort()
}

// done: GET /pengaduan/terkirim?kode=…, the thank-you page with the agenda
// number, the tracking code and the receipt.
func (p *portal) done(c *gin.Context) {
	l, ok := p.byCode(c)
	if !ok {
		return
	}
	page := templates.ComplaintDonePage{
		Base:         p.base(c, "Pengaduan Terkirim"),
		AgendaNumber: l.AgendaNumber, TrackingCode: l.TrackingCode,
		ReceivedAt: l.ReceivedAt, Deadline: l.Deadline,
		TrackURL: "/lacak?kode=" + url.QueryEscape(l.TrackingCode),
	}
	if p.Receipt != nil {
		page.ReceiptURL = "/pengaduan/tanda-bukti/" + url.PathEscape(l.TrackingCode)
	}
	p.render(c, http.StatusOK, templates.PageComplaintDone, page)
}

// receipt: GET /pengaduan/tanda-bukti/:kode, the Tanda Bukti Pengaduan for
// whoever holds the tracking code (it is printed on the receipt itself).
func (p *portal) receipt(c *gin.Context) {
	if p.Receipt == nil {
		p.fail(c, letters.Errorf(letters.ENOTFOUND, "Tanda bukti pengaduan belum tersedia di kantor ini."))
		return
	}
	l, ok := p.byCode(c)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := p.Receipt(&buf, l); err != nil {
		p.fail(c, fmt.Errorf("web: public receipt of letter %d: %w", l.ID, err))
		return
	}
	name := "Tanda-Bukti-" + strings.ReplaceAll(l.TrackingCode, "/", "-") + ".pdf"
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Data(http.StatusOK, "application/pdf", buf.Bytes())
}

// byCode finds the letter of the tracking code in the path or the query;
// an unknown code is 404.
func (p *portal) byCode(c *gin.Context) (*letters.Letter, bool) {
	raw := c.Param("kode")
	if raw == "" {
		raw = c.Query("kode")
	}
	code := letters.NormalizeTrackingCode(raw)
	if code == "" {
		p.fail(c, letters.Errorf(letters.ENOTFOUND, "Kode pelacakan tidak ditemukan."))
		return nil, false
	}
	l, err := p.LetterService.FindLetterByTrackingCode(c.Request.Context(), code)
	if letters.ErrorCode(err) == letters.ENOTFOUND {
		p.fail(c, letters.Errorf(letters.ENOTFOUND, "Kode pelacakan tidak ditemukan. Periksa kembali kode pada Tanda Bukti Pengaduan."))
		return nil, false
	} else if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return l, true
}
