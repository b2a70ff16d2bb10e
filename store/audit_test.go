package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"naskah/letters"
	"naskah/store"
)

// The chain verifies, and a row edited behind Naskah's back is named.
func TestVerifyAudit_NamesEditedRow(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	for range 5 {
		MustCreateLetter(t, db, ctx, NewLetter("Keberatan atas hasil seleksi"))
	}
	audit := store.NewAuditService(db)
	rep, err := audit.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK || rep.Rows < 11 { // 1 user + 5 × (letter + number)
		t.Fatalf("report = %+v, want an intact chain of at least 11 rows", rep)
	}

	// Someone with the file drops the guard and edits row 4.
	raw := RawDB(t, db)
	if _, err := raw.Exec(`DROP TRIGGER audit_no_update`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE audit SET detail = 'tidak terjadi apa-apa' WHERE id = 4`); err != nil {
		t.Fatal(err)
	}
	rep, err = audit.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || rep.BadRowID != 4 {
		t.Fatalf("report after editing row 4 = %+v, want row 4 named", rep)
	}
	if !strings.Contains(rep.String(), "baris 4") {
		t.Fatalf("report text %q does not name row 4", rep.String())
	}
}

// An edit whose author also recomputes the row's hash breaks the link of
// the next row; a deleted row shows as a gap.
func TestVerifyAudit_RehashedAndDeletedRows(t *testing.T) {
	db := MustOpenDB(t)
	ctx := MustClerk(t, db)
	MustCreateLetter(t, db, ctx, NewLetter("Permohonan salinan SK"))
	audit := store.NewAuditService(db)
	raw := RawDB(t, db)
	for _, q := range []string{`DROP TRIGGER audit_no_update`, `DROP TRIGGER audit_no_delete`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}

	// Rewrite row 2 with a hash that matches its new content.
	var e letters.AuditEntry
	var at string
	if err := raw.QueryRow(`SELECT id, at, actor_id, actor, action, entity, entity_id, detail, prev_hash
		FROM audit WHERE id = 2`).Scan(&e.ID, &at, &e.ActorID, &e.Actor, &e.Action, &e.Entity,
		&e.EntityID, &e.Detail, &e.PrevHash); err != nil {
		t.Fatal(err)
	}
	at2, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		t.Fatal(err)
	}
	e.At = at2
	e.Detail = "Surat dicatat tanpa lampiran."
	if _, err := raw.Exec(`UPDATE audit SET detail = ?, hash = ? WHERE id = 2`, e.Detail, e.ComputeHash()); err != nil {
		t.Fatal(err)
	}
	rep, err := audit.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || rep.BadRowID != 3 || !strings.Contains(rep.Reason, "baris 2") {
		t.Fatalf("report after rehashing row 2 = %+v, want row 3 named, pointing at row 2", rep)
	}

	if _, err := raw.Exec(`DELETE FROM audit WHERE id = 2`); err != nil {
		t.Fatal(err)
	}
	rep, err = audit.VerifyAudit(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK || rep.BadRowID != 3 || !strings.Contains(rep.Reason, "dihapus") {
		t.Fatalf("report after deleting row 2 = %+v, want row 3 named as following a deleted row", rep)
	}
}

// The triggers refuse every UPDATE and DELETE on the audit log.
func TestAudit_AppendOnly(t *testing.T) {
	db := MustOpenDB(t)
	MustClerk(t, db) // writes one audit row
	raw := RawDB(t, db)
	for _, q := range []string{
		`UPDATE audit SET detail = 'x' WHERE id = 1`,
		`DELETE FROM audit WHERE id = 1`,
		`DELETE FROM audit`,
	} {
		_, err := raw.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("%s: err = %v, want refused as append-only", q, err)
		}
	}
	if n := Count(t, raw, "audit"); n != 1 {
		t.Fatalf("audit rows = %d, want 1", n)
	}
}
