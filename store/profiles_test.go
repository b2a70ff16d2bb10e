package store_test

import (
	"context"
	"testing"

	"naskah/letters/profile"
	"naskah/store"
)

// Every embedded office can start (its users are created) and register a
// letter on each of its channels.
func TestEveryProfile_StartsAndRegistersOnEveryChannel(t *testing.T) {
	for _, slug := range profile.Names() {
		t.Run(slug, func(t *testing.T) {
			db, _ := MustOpenDBAt(t, t.TempDir(), slug)
			created, err := store.NewUserService(db).EnsureProfileUsers(context.Background(), nil)
			if err != nil {
				t.Fatalf("profile users: %v", err)
			}
			if len(created) != len(db.Profile.Users) {
				t.Fatalf("created %d of %d users", len(created), len(db.Profile.Users))
			}
			ctx := MustClerk(t, db)
			for i, ch := range db.Profile.Channels {
				l := NewLetter("Pengaduan melalui " + ch.Name)
				l.Channel, l.LaporID = ch.Code, "LPR-"+ch.Code
				MustCreateLetter(t, db, ctx, l)
				if l.AgendaNumber == "" || !l.Deadline.After(l.ReceivedAt) || l.Responsible == "" {
					t.Fatalf("%s: agenda %q deadline %v responsible %q", ch.Code, l.AgendaNumber, l.Deadline, l.Responsible)
				}
				nums, err := store.NewNumberService(db).FindNumbers(ctx, db.Profile.Agenda, 2026)
				if err != nil || len(nums) != i+1 || nums[i].Formatted != l.AgendaNumber {
					t.Fatalf("%s: agenda numbers %d (%v)", ch.Code, len(nums), err)
				}
			}
			if rep, err := store.NewAuditService(db).VerifyAudit(ctx); err != nil || !rep.OK {
				t.Fatalf("audit: %v (%v)", rep, err)
			}
		})
	}
}
