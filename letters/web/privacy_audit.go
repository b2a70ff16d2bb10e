package web

import (
	"context"

	"github.com/gin-gonic/gin"

	"naskah/letters"
)

// personalDataLogger is implemented by an AuditService that records views
// of personal data (store.AuditService does).
type personalDataLogger interface {
	LogPersonalDataView(ctx context.Context, letterID int64, fields []string, where string) error
}

// logPersonalView records that the signed-in user is being shown the
// complainant of v (as visibleLetter returned it) unmasked. It returns an
// error when the view must not be shown because it cannot be recorded:
// personal data is never shown unaccounted for.
func (a *app) logPersonalView(c *gin.Context, v *letters.Letter, hidden string, masked bool, where string) error {
	p := v.Complainant
	if hidden != "" || masked {
		return nil
	}
	var fields []string
	if p.NIK != "" {
		fields = append(fields, "NIK")
	}
	if p.Phone != "" {
		fields = append(fields, "telepon")
	}
	if p.Address != "" {
		fields = append(fields, "alamat")
	}
	if len(fields) == 0 {
		return nil
	}
	l, ok := a.AuditService.(personalDataLogger)
	if !ok {
		return nil
	}
	return l.LogPersonalDataView(c.Request.Context(), v.ID, fields, where)
}
