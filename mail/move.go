package mail

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap"
)

// uidExpunge is UID EXPUNGE (RFC 4315, UIDPLUS): it removes only the
// messages of its set, never other \Deleted messages of the folder.
type uidExpunge struct{ set *imap.SeqSet }

func (c uidExpunge) Command() *imap.Command {
	return &imap.Command{Name: "UID", Arguments: []interface{}{imap.RawString("EXPUNGE"), c.set}}
}

// ensureFolder creates folder on the server when it does not exist.
func (m *imapMailbox) ensureFolder(folder string) error {
	if m.created[folder] {
		return nil
	}
	ch := make(chan *imap.MailboxInfo, 10)
	if err := m.c.List("", folder, ch); err != nil {
		return fmt.Errorf("mail: list %s: %w", folder, err)
	}
	found := false
	for range ch {
		found = true
	}
	if !found {
		if err := m.c.Create(folder); err != nil {
			return fmt.Errorf("mail: create %s: %w", folder, err)
		}
	}
	m.created[folder] = true
	return nil
}

// Move moves the messages of uids from the selected folder to folder
// (created when missing): IMAP MOVE when the server offers it, else UID
// COPY, \Deleted and UID EXPUNGE when it offers UIDPLUS. A plain EXPUNGE,
// which could remove other messages marked \Deleted, is never sent.
func (m *imapMailbox) Move(ctx context.Context, uids []uint32, folder string) error {
	if len(uids) == 0 {
		return nil
	}
	if err := m.ensureFolder(folder); err != nil {
		return err
	}
	set := new(imap.SeqSet)
	set.AddNum(uids...)
	if ok, _ := m.c.Support("MOVE"); ok {
		if err := m.c.UidMove(set, folder); err != nil {
			return fmt.Errorf("mail: move to %s: %w", folder, err)
		}
		return nil
	}
	if ok, _ := m.c.Support("UIDPLUS"); !ok {
		return fmt.Errorf("mail: server offers neither MOVE nor UIDPLUS: cannot move to %s safely", folder)
	}
	if err := m.c.UidCopy(set, folder); err != nil {
		return fmt.Errorf("mail: copy to %s: %w", folder, err)
	}
	flags := []interface{}{imap.DeletedFlag}
	if err := m.c.UidStore(set, imap.FormatFlagsOp(imap.AddFlags, true), flags, nil); err != nil {
		return fmt.Errorf("mail: mark deleted: %w", err)
	}
	st, err := m.c.Execute(uidExpunge{set}, nil)
	if err == nil {
		err = st.Err()
	}
	if err != nil {
		return fmt.Errorf("mail: UID EXPUNGE: %w", err)
	}
	return nil
}
