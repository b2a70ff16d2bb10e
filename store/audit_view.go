package store

import (
	"context"
	"strings"

	"naskah/letters"
)

// ActionPersonalDataViewed is the audit action of a view of a complainant's
// personal data shown unmasked.
const ActionPersonalDataViewed = "letter.personal_data_viewed"

// LogPersonalDataView records in the audit log that the user in ctx was
// shown the named personal data of a letter's complainant unmasked (UU
// 27/2022: every processing of personal data is accountable). where names
// the page or API that showed it.
func (s *AuditService) LogPersonalDataView(ctx context.Context, letterID int64, fields []string, where string) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	detail := "Data pribadi pengadu ditampilkan tanpa disamarkan (" + strings.Join(fields, ", ") + ") di " + where + "."
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: ActionPersonalDataViewed, Entity: "letter",
		EntityID: letterID, Detail: detail}); err != nil {
		return err
	}
	return tx.Commit()
}
