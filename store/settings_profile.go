package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"naskah/letters"
)

var _ letters.ProfileStore = (*ProfileService)(nil)

// Where the office profile lives in the data directory, and where its
// earlier versions are kept.
const (
	ProfileFile       = "profil.yaml"
	ProfileBackupsDir = "profil-lama"
)

// ProfileService keeps the office profile's YAML text in the data
// directory (profil.yaml). A saved profile takes effect when Naskah starts
// next: every service holds the profile it was opened with.
type ProfileService struct {
	db     *DB
	parse  func(data []byte, source string) (*letters.Profile, error)
	loaded [sha256.Size]byte // the file as it was when Naskah started
}

// NewProfileService returns the profile service of db. parse validates a
// profile's text (package letters/profile's Parse, which reports the line
// of every problem). Call it at start, with the file that was loaded.
func NewProfileService(db *DB, parse func(data []byte, source string) (*letters.Profile, error)) (*ProfileService, error) {
	data, err := os.ReadFile(filepath.Join(db.Dir, ProfileFile))
	if err != nil {
		return nil, fmt.Errorf("store: read %s: %w", ProfileFile, err)
	}
	return &ProfileService{db: db, parse: parse, loaded: sha256.Sum256(data)}, nil
}

// ProfileText returns the profile file's text and its earlier versions.
func (s *ProfileService) ProfileText(ctx context.Context) (*letters.ProfileText, error) {
	path := filepath.Join(s.db.Dir, ProfileFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("store: read %s: %w", ProfileFile, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", ProfileFile, err)
	}
	pt := &letters.ProfileText{Text: data, File: path, ModTime: st.ModTime(), Pending: sha256.Sum256(data) != s.loaded}
	entries, err := os.ReadDir(filepath.Join(s.db.Dir, ProfileBackupsDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("store: %s: %w", ProfileBackupsDir, err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".yaml") {
			pt.Backups = append(pt.Backups, e.Name())
		}
	}
	sort.Sort(sort.Reverse(sort.StringSlice(pt.Backups)))
	return pt, nil
}

// SaveProfileText validates text, checks that the office's users and
// delegations still fit it, keeps the current file in profil-lama/ and
// replaces profil.yaml atomically, with an audit row.
func (s *ProfileService) SaveProfileText(ctx context.Context, text []byte) (*letters.Profile, error) {
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n")) // as a browser posts a textarea
	if len(text) > letters.MaxProfileSize {
		return nil, letters.Errorf(letters.ETOOLARGE, "Teks profil terlalu panjang (paling banyak 1 MB).")
	}
	if len(text) > 0 && text[len(text)-1] != '\n' {
		text = append(text, '\n')
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := settingsAdmin(ctx, tx, "Hanya admin yang dapat mengubah profil kantor."); err != nil {
		return nil, err
	}
	p, err := s.parse(text, ProfileFile)
	if err != nil {
		return nil, err
	}
	if err := s.fits(ctx, tx, p); err != nil {
		return nil, err
	}
	path := filepath.Join(s.db.Dir, ProfileFile)
	old, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("store: read %s: %w", ProfileFile, err)
	}
	if bytes.Equal(old, text) {
		return nil, letters.Errorf(letters.ECONFLICT, "Teks profil sama dengan yang tersimpan; tidak ada yang diubah.")
	}
	backup, err := s.keepBackup(tx, old)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(text)
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "profile.update", Entity: "profile",
		Detail: fmt.Sprintf("%s diganti (%d byte, sha256 %s); versi sebelumnya disimpan sebagai %s.",
			ProfileFile, len(text), hex.EncodeToString(sum[:8]), filepath.Join(ProfileBackupsDir, backup))}); err != nil {
		return nil, err
	}
	if err := replaceFile(path, text, 0o640); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		if rerr := replaceFile(path, old, 0o640); rerr != nil {
			return nil, fmt.Errorf("store: save profile: %w (and restoring the previous file: %v)", err, rerr)
		}
		return nil, fmt.Errorf("store: save profile: %w", err)
	}
	return p, nil
}

// fits refuses a profile the data directory cannot run on: another office's
// slug, a missing logo, or positions that active users or delegations
// still hold.
func (s *ProfileService) fits(ctx context.Context, tx *Tx, p *letters.Profile) error {
	if running := s.db.Profile.Slug; p.Slug != running {
		return letters.Errorf(letters.EINVALID, "%s: slug tidak boleh diubah: direktori data ini milik kantor %q (tulis slug: %s).", ProfileFile, running, running)
	}
	var problems []string
	if logo := p.Office.Logo; logo != "" {
		if !filepath.IsAbs(logo) {
			logo = filepath.Join(s.db.Dir, logo)
		}
		if _, err := os.Stat(logo); err != nil {
			problems = append(problems, fmt.Sprintf("%s: berkas logo (office.logo) %q tidak ditemukan di direktori data.", ProfileFile, p.Office.Logo))
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT position, 'user', COUNT(*) FROM users WHERE active = 1 GROUP BY position
		UNION ALL SELECT position, 'delegation', COUNT(*) FROM delegations WHERE to_at > ? GROUP BY position
		ORDER BY 1, 2`, formatTime(tx.now))
	if err != nil {
		return fmt.Errorf("store: positions in use: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pos, what string
		var n int
		if err := rows.Scan(&pos, &what, &n); err != nil {
			return fmt.Errorf("store: positions in use: %w", err)
		}
		if p.Position(pos) != nil {
			continue
		}
		if what == "user" {
			problems = append(problems, fmt.Sprintf("%s: jabatan %q tidak ada lagi, padahal masih dipegang %d pengguna aktif; pindahkan atau nonaktifkan mereka dulu di Pengguna dan Jabatan.", ProfileFile, pos, n))
		} else {
			problems = append(problems, fmt.Sprintf("%s: jabatan %q tidak ada lagi, padahal masih ada %d penunjukan Plt./Plh. yang berjalan atau akan berjalan; akhiri penunjukan itu dulu.", ProfileFile, pos, n))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: positions in use: %w", err)
	}
	if len(problems) > 0 {
		return &letters.Error{Code: letters.EINVALID, Message: strings.Join(problems, "\n")}
	}
	return nil
}

// keepBackup copies the current text to profil-lama/profil-<time>.yaml and
// returns the file's name.
func (s *ProfileService) keepBackup(tx *Tx, old []byte) (string, error) {
	dir := filepath.Join(s.db.Dir, ProfileBackupsDir)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("store: %s: %w", ProfileBackupsDir, err)
	}
	stamp := tx.now.UTC().Format("20060102-150405")
	name := "profil-" + stamp + ".yaml"
	for i := 2; ; i++ {
		if _, err := os.Stat(filepath.Join(dir, name)); errors.Is(err, fs.ErrNotExist) {
			break
		}
		name = fmt.Sprintf("profil-%s-%d.yaml", stamp, i)
	}
	if err := replaceFile(filepath.Join(dir, name), old, 0o640); err != nil {
		return "", err
	}
	return name, nil
}
