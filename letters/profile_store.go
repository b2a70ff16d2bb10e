package letters

import (
	"context"
	"time"
)

// ProfileStore keeps the YAML text of the office profile in the data
// directory: the file Naskah loads when it starts.
type ProfileStore interface {
	// ProfileText returns the profile as kept now.
	ProfileText(ctx context.Context) (*ProfileText, error)
	// SaveProfileText validates text and, when the office can run on it,
	// keeps it in place of the current profile: the previous text is kept
	// as a backup and an audit row is written. EINVALID lists every
	// problem, one per line ("profil.yaml baris 12: …"); nothing is saved
	// then. EFORBIDDEN for a non-admin. The saved profile takes effect the
	// next time Naskah starts.
	SaveProfileText(ctx context.Context, text []byte) (*Profile, error)
}

// ProfileText is the office profile's YAML as the data directory keeps it.
type ProfileText struct {
	Text    []byte
	File    string    // where it is kept, e.g. naskah-data/profil.yaml
	ModTime time.Time // when it was last written
	// Pending is set when the kept text differs from the profile Naskah
	// runs now: it was saved after the start and waits for a restart.
	Pending bool
	Backups []string // earlier versions kept, newest first (file names)
}

// MaxProfileSize bounds a profile's YAML text.
const MaxProfileSize = 1 << 20

// DelegationEnder ends Plt./Plh. delegations before their last day.
type DelegationEnder interface {
	// EndDelegation ends delegation id now: a running one stops at once, one
	// not yet begun is cancelled. ECONFLICT when it has already ended;
	// ENOTFOUND for an unknown id; only an admin may.
	EndDelegation(ctx context.Context, id int64) (*Delegation, error)
}
