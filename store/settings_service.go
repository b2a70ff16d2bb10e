package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"naskah/letters"
)

var _ letters.SettingsService = (*SettingsService)(nil)

// SettingsService keeps the office's settings (the settings table) and the
// password files of the data directory. Only admins change them.
type SettingsService struct {
	db *DB
}

// NewSettingsService returns the settings service of db.
func NewSettingsService(db *DB) *SettingsService { return &SettingsService{db: db} }

// FindSettings returns the stored values of keys; unset keys are absent.
func (s *SettingsService) FindSettings(ctx context.Context, keys ...string) (map[string]string, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := map[string]string{}
	for _, k := range keys {
		v, err := getSetting(ctx, tx, k)
		if err != nil {
			return nil, err
		}
		if v != "" {
			out[k] = v
		}
	}
	return out, nil
}

// SetSettings stores values (an empty value removes the key) and writes one
// audit row naming the keys that changed. Only keys of the form
// "section.name" may be set: the store's own keys stay out of reach.
func (s *SettingsService) SetSettings(ctx context.Context, values map[string]string) error {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := settingsAdmin(ctx, tx, "Hanya admin yang dapat mengubah pengaturan."); err != nil {
		return err
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		if !strings.Contains(k, ".") || strings.ContainsAny(k, " \t\n") {
			return letters.Errorf(letters.EINVALID, "Pengaturan %q tidak dikenal.", k)
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var changed []string
	for _, k := range keys {
		old, err := getSetting(ctx, tx, k)
		if err != nil {
			return err
		}
		v := strings.TrimSpace(values[k])
		if v == old {
			continue
		}
		if v == "" {
			_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, k)
		} else {
			err = setSetting(ctx, tx, k, v)
		}
		if err != nil {
			return fmt.Errorf("store: setting %s: %w", k, err)
		}
		changed = append(changed, fmt.Sprintf("%s: %q → %q", k, old, v))
	}
	if len(changed) == 0 {
		return nil
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "settings.update", Entity: "settings",
		Detail: strings.Join(changed, "; ")}); err != nil {
		return err
	}
	return tx.Commit()
}

// secretNames are the password files an admin may write.
var secretNames = []string{letters.SecretMailPassword, letters.SecretSMTPPassword}

// SetSecret writes the password file name in the data directory, mode
// 0600, atomically; "" removes it. The audit row never holds the value.
func (s *SettingsService) SetSecret(ctx context.Context, name, value string) error {
	if !slices.Contains(secretNames, name) {
		return letters.Errorf(letters.EINVALID, "Berkas kata sandi %q tidak dikenal.", name)
	}
	if strings.ContainsAny(value, "\r\n") {
		return letters.Errorf(letters.EINVALID, "Kata sandi tidak boleh berisi baris baru.")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := settingsAdmin(ctx, tx, "Hanya admin yang dapat mengubah kata sandi kotak surat."); err != nil {
		return err
	}
	detail := "Kata sandi pada berkas " + name + " diganti."
	if value == "" {
		detail = "Berkas kata sandi " + name + " dihapus."
	}
	if err := appendAudit(ctx, tx, &letters.AuditEntry{Action: "settings.secret", Entity: "settings", Detail: detail}); err != nil {
		return err
	}
	path := filepath.Join(s.db.Dir, name)
	if value == "" {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("store: remove %s: %w", name, err)
		}
	} else if err := replaceFile(path, []byte(value+"\n"), 0o600); err != nil {
		return err
	}
	return tx.Commit()
}

// HasSecret reports whether the password file name exists.
func (s *SettingsService) HasSecret(ctx context.Context, name string) (bool, error) {
	if !slices.Contains(secretNames, name) {
		return false, letters.Errorf(letters.EINVALID, "Berkas kata sandi %q tidak dikenal.", name)
	}
	_, err := os.Stat(filepath.Join(s.db.Dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("store: %s: %w", name, err)
	}
	return true, nil
}

// settingsAdmin answers EFORBIDDEN with msg unless the user in ctx is an
// active admin.
func settingsAdmin(ctx context.Context, tx *Tx, msg string) error {
	a, err := loadActor(ctx, tx)
	if err != nil {
		return err
	}
	if !a.Admin {
		return letters.Errorf(letters.EFORBIDDEN, "%s", msg)
	}
	return nil
}

// replaceFile writes data to a temporary file beside path, syncs it and
// renames it over path, so a reader sees the old or the new file, whole.
func replaceFile(path string, data []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("store: write %s: %w", filepath.Base(path), err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // fails harmlessly after the rename
	err = f.Chmod(perm)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		return fmt.Errorf("store: write %s: %w", filepath.Base(path), err)
	}
	return nil
}
