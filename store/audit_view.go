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
//
// Views made at the same moment share one durable commit (group_commit.go):
// their rows are chained one after the other in that transaction, and the
// call returns only once its row is on disk, so a page is never shown
// before its view is recorded.
func (s *AuditService) LogPersonalDataView(ctx context.Context, letterID int64, fields []string, where string) error {
	detail := "Data pribadi pengadu ditampilkan tanpa disamarkan (" + strings.Join(fields, ", ") + ") di " + where + "."
	return s.db.inGroup(ctx, func(ctx context.Context, tx *Tx) error {
		return appendAudit(ctx, tx, &letters.AuditEntry{Action: ActionPersonalDataViewed, Entity: "letter",
			EntityID: letterID, Detail: detail})
	})
}
