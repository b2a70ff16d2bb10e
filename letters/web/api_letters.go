package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// apiLetterList: GET /api/v1/letters?status=&channel=&category=&q=&overdue=
// &from=&to=&unit=&limit=&offset=&after=. from and to are days received
// (YYYY-MM-DD, both inclusive, office time); unit is a position code (its
// letters and those of the positions below it). A search counts only its
// newest letters.SearchLimit matches: past that, total_capped is true and
// total is SearchLimit+1.
//
// A full page without a search carries next, an opaque token: the same
// query with after=next lists the letters after the page's last
// (letters.Cursor), each page as fast as the first however deep, and
// without skipping or repeating a letter when new ones arrive meanwhile.
// A search pages by offset (it lists at most letters.SearchLimit); after
// with q is a 422.
func (a *app) apiLetterList(c *gin.Context) {
	f, err := a.apiLetterFilter(c)
	if err != nil {
		a.failJSON(c, err)
		return
	}
	list, total, err := a.LetterService.FindLetters(c.Request.Context(), f)
	if err != nil {
		a.failJSON(c, err)
		return
	}
	user := letters.UserFromContext(c.Request.Context())
	out := make([]*letters.Letter, 0, len(list))
	for _, l := range list {
		v, _, _ := a.visibleLetter(user, l)
		out = append(out, v)
	}
	body := gin.H{"letters": out, "total": total, "total_capped": f.Query != "" && total > letters.SearchLimit}
	if f.Query == "" && len(list) == f.Limit {
		body["next"] = letters.CursorOf(list[len(list)-1]).String()
	}
	c.JSON(http.StatusOK, body)
}

// apiLetterFilter reads the list's parameters; a bad one is EINVALID
// naming it.
func (a *app) apiLetterFilter(c *gin.Context) (letters.LetterFilter, error) {
	f := letters.LetterFilter{
		Status:   letters.Status(c.Query("status")),
		Channel:  c.Query("channel"),
		Category: c.Query("category"),
		Query:    strings.TrimSpace(c.Query("q")),
		Overdue:  c.Query("overdue") == "true" || c.Query("overdue") == "1",
		Limit:    agendaPageSize,
	}
	if f.Status != "" && !f.Status.Valid() {
		return f, letters.Errorf(letters.EINVALID, "Status %q tidak dikenal.", f.Status)
	}
	var err error
	if f.From, f.To, err = a.letterPeriod(strings.TrimSpace(c.Query("from")), strings.TrimSpace(c.Query("to")),
		"Tanggal awal (from)", "Tanggal akhir (to)"); err != nil {
		return f, err
	}
	if f.Unit, err = a.letterUnit(strings.TrimSpace(c.Query("unit")), "Unit (unit)"); err != nil {
		return f, err
	}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 500 {
			return f, letters.Errorf(letters.EINVALID, "limit harus bilangan 1 sampai 500.")
		}
		f.Limit = n
	}
	if s := c.Query("offset"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return f, letters.Errorf(letters.EINVALID, "offset harus bilangan 0 atau lebih.")
		}
		f.Offset = n
	}
	if s := strings.TrimSpace(c.Query("after")); s != "" {
		if f.Query != "" {
			return f, letters.Errorf(letters.EINVALID, "after tidak dapat dipakai bersama pencarian (q); hasil pencarian dibuka per halaman dengan offset.")
		}
		if f.After, err = letters.ParseCursor(s, "after"); err != nil {
			return f, err
		}
	}
	return f, nil
}
