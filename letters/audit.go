package letters

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// AuditEntry is one row of the append-only audit log. Each row carries the
// hash of the row before it, so a changed or removed row breaks the chain.
type AuditEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	ActorID  int64     `json:"actor_id"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"`
	Entity   string    `json:"entity"`
	EntityID int64     `json:"entity_id"`
	Detail   string    `json:"detail"`
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`
}

// ComputeHash returns the hash of e chained to e.PrevHash.
func (e *AuditEntry) ComputeHash() string {
	h := sha256.New()
	for _, s := range []string{
		e.PrevHash, strconv.FormatInt(e.ID, 10), e.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(e.ActorID, 10), e.Actor, e.Action, e.Entity,
		strconv.FormatInt(e.EntityID, 10), e.Detail,
	} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AuditReport is the result of walking the chain.
type AuditReport struct {
	Rows     int    `json:"rows"`
	OK       bool   `json:"ok"`
	BadRowID int64  `json:"bad_row_id,omitempty"` // first row that does not verify
	Reason   string `json:"reason,omitempty"`
}

// String renders the report for a terminal.
func (r AuditReport) String() string {
	var b strings.Builder
	if r.OK {
		b.WriteString("Rantai audit utuh: " + strconv.Itoa(r.Rows) + " baris terverifikasi.")
	} else {
		b.WriteString("Rantai audit RUSAK pada baris " + strconv.FormatInt(r.BadRowID, 10) + ": " + r.Reason)
	}
	return b.String()
}

// AuditService reads and verifies the audit log. Rows are written by the
// other services inside their own transactions.
type AuditService interface {
	// FindAuditEntries lists rows for an entity ("letter", id), oldest first.
	FindAuditEntries(ctx context.Context, entity string, entityID int64) ([]*AuditEntry, error)
	// VerifyAudit walks the whole chain.
	VerifyAudit(ctx context.Context) (AuditReport, error)
}
