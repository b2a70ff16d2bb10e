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

// holidayKinds are the kinds an admin may choose, in the calendar's words.
var holidayKinds = []struct{ Code, Label string }{
	{letters.KindLiburDaerah, "Libur daerah"},
	{letters.KindLiburKantor, "Libur kantor"},
	{letters.KindLiburNasional, "Libur nasional"},
	{letters.KindCutiBersama, "Cuti bersama"},
}

// maxHolidayCSV bounds an imported calendar file.
const maxHolidayCSV = 1 << 20

// adminHolidays: GET /admin/hari-libur?tahun=2027, the days off of a year.
func (a *app) adminHolidays(c *gin.Context) {
	a.renderHolidays(c, http.StatusOK, templates.HolidayForm{Kind: letters.KindLiburDaerah}, "")
}

func (a *app) renderHolidays(c *gin.Context, status int, form templates.HolidayForm, errMsg string) {
	year, err := strconv.Atoi(c.Query("tahun"))
	if err != nil || year < 2000 || year > 2100 {
		year = a.now().In(a.cal.Location()).Year()
		if d, err := time.Parse("2006-01-02", form.Date); err == nil {
			year = d.Year()
		}
	}
	added := map[string]bool{}
	if a.HolidayService != nil {
		days, err := a.HolidayService.FindHolidays(c.Request.Context())
		if err != nil {
			a.fail(c, err)
			return
		}
		for _, d := range days {
			added[d.Date] = true
		}
	}
	page := templates.AdminHolidaysPage{
		Base: a.base(c, "Hari Libur"), Year: year, PrevYear: year - 1, NextYear: year + 1,
		Covered: year <= a.cal.LastYear(), Form: form,
	}
	page.Error = errMsg
	for _, d := range a.cal.DaysOfYear(year) {
		t, _ := time.ParseInLocation("2006-01-02", d.Date, a.cal.Location())
		page.Days = append(page.Days, templates.HolidayRow{Date: t, Kind: d.KindLabel(), Name: d.Name, Added: added[d.Date]})
	}
	for _, k := range holidayKinds {
		page.Kinds = append(page.Kinds, templates.Option{Value: k.Code, Label: k.Label, Selected: k.Code == form.Kind})
	}
	a.render(c, status, templates.PageAdminHolidays, page)
}

// adminAddHoliday: POST /admin/hari-libur adds one day off.
func (a *app) adminAddHoliday(c *gin.Context) {
	form := templates.HolidayForm{
		Date: strings.TrimSpace(c.PostForm("tanggal")), Kind: c.PostForm("jenis"), Name: strings.TrimSpace(c.PostForm("keterangan")),
	}
	var err error
	switch {
	case form.Date == "":
		err = letters.Errorf(letters.EINVALID, "Tanggal wajib diisi.")
	case form.Name == "":
		err = letters.Errorf(letters.EINVALID, "Keterangan hari libur wajib diisi, mis. Hari Jadi Kota Pontianak.")
	}
	if err == nil {
		if _, perr := time.Parse("2006-01-02", form.Date); perr != nil {
			err = letters.Errorf(letters.EINVALID, "Tanggal %q tidak valid; tulis sebagai TTTT-BB-HH, mis. 2027-10-23.", form.Date)
		}
	}
	if err != nil {
		a.renderHolidays(c, http.StatusUnprocessableEntity, form, letters.ErrorMessage(err))
		return
	}
	n, err := a.addHolidays(c, []letters.CalendarDay{{Date: form.Date, Kind: form.Kind, Name: form.Name}})
	if letters.ErrorCode(err) == letters.EINVALID {
		a.renderHolidays(c, http.StatusUnprocessableEntity, form, letters.ErrorMessage(err))
		return
	} else if err != nil {
		a.fail(c, err)
		return
	}
	if n == 0 {
		a.flash(c, fmt.Sprintf("Tanggal %s sudah menjadi hari libur dalam kalender; tidak ada yang ditambahkan.", form.Date))
	} else {
		a.flash(c, fmt.Sprintf("Hari libur %s (%s) ditambahkan. Tenggat yang dihitung sejak sekarang melewati hari ini.", form.Date, form.Name))
	}
	c.Redirect(http.StatusSeeOther, "/admin/hari-libur?tahun="+form.Date[:4])
}

// adminImportHolidays: POST /admin/hari-libur/impor reads a CSV file
// (tanggal,jenis,keterangan); a bad line imports nothing.
func (a *app) adminImportHolidays(c *gin.Context) {
	fh, err := c.FormFile("berkas")
	if err != nil {
		a.renderHolidays(c, http.StatusUnprocessableEntity, templates.HolidayForm{Kind: letters.KindLiburDaerah},
			"Pilih berkas CSV hari libur (kolom tanggal,jenis,keterangan) untuk diimpor.")
		return
	}
	if fh.Size > maxHolidayCSV {
		a.renderHolidays(c, http.StatusRequestEntityTooLarge, templates.HolidayForm{Kind: letters.KindLiburDaerah},
			"Berkas hari libur terlalu besar (paling besar 1 MB).")
		return
	}
	f, err := fh.Open()
	if err != nil {
		a.fail(c, fmt.Errorf("web: open holidays CSV: %w", err))
		return
	}
	defer f.Close()
	days, err := letters.ParseHolidaysCSV(f)
	var n int
	if err == nil {
		n, err = a.addHolidays(c, days)
	}
	if letters.ErrorCode(err) == letters.EINVALID {
		a.renderHolidays(c, http.StatusUnprocessableEntity, templates.HolidayForm{Kind: letters.KindLiburDaerah},
			"Berkas "+fh.Filename+" tidak diimpor: "+letters.ErrorMessage(err))
		return
	} else if err != nil {
		a.fail(c, err)
		return
	}
	a.flash(c, fmt.Sprintf("%d hari libur diimpor dari %s; %d sudah ada dalam kalender.", n, fh.Filename, len(days)-n))
	target := "/admin/hari-libur"
	if len(days) > 0 {
		target += "?tahun=" + days[0].Date[:4]
	}
	c.Redirect(http.StatusSeeOther, target)
}

// addHolidays stores days for the signed-in admin and adds them to the
// web calendar too, so deadlines shown from now on count them.
func (a *app) addHolidays(c *gin.Context, days []letters.CalendarDay) (int, error) {
	if a.HolidayService == nil {
		return 0, letters.Errorf(letters.ENOTFOUND, "Penyimpanan hari libur belum tersedia di server ini.")
	}
	n, err := a.HolidayService.AddHolidays(c.Request.Context(), days)
	if err != nil {
		return 0, err
	}
	if err := a.cal.AddDays(days); err != nil {
		return n, fmt.Errorf("web: calendar: %w", err)
	}
	return n, nil
}
