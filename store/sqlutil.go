package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// timeLayout is how times are stored: UTC, fixed width, millisecond
// precision, so that text order is time order.
const timeLayout = "2006-01-02T15:04:05.000Z"

// formatTime returns t as stored.
func formatTime(t time.Time) string {
	return t.UTC().Truncate(time.Millisecond).Format(timeLayout)
}

// nullTime returns t as stored, or NULL for nil or the zero time.
func nullTime(t *time.Time) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return formatTime(*t)
}

// nullString returns s, or NULL when it is empty (for UNIQUE columns that
// may be blank).
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// timeCol scans a stored time into a time.Time (zero for NULL).
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.t = time.Time{}
		return nil
	case string:
		return c.parse(v)
	case []byte:
		return c.parse(string(v))
	case time.Time:
		*c.t = v.UTC()
		return nil
	}
	return fmt.Errorf("store: cannot scan %T into a time", v)
}

func (c timeCol) parse(s string) error {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		if t, err = time.Parse(time.RFC3339Nano, s); err != nil {
			return fmt.Errorf("store: bad time %q: %w", s, err)
		}
	}
	*c.t = t.UTC()
	return nil
}

// scanTime scans into t.
func scanTime(t *time.Time) sql.Scanner { return timeCol{t} }

// timePtrCol scans a nullable time into a *time.Time.
type timePtrCol struct{ p **time.Time }

func (c timePtrCol) Scan(v any) error {
	if v == nil {
		*c.p = nil
		return nil
	}
	var t time.Time
	if err := (timeCol{&t}).Scan(v); err != nil {
		return err
	}
	*c.p = &t
	return nil
}

// scanTimePtr scans into p, leaving nil for NULL.
func scanTimePtr(p **time.Time) sql.Scanner { return timePtrCol{p} }

// nullStringCol scans a nullable text column into a string.
type nullStringCol struct{ s *string }

func (c nullStringCol) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*c.s = ""
	case string:
		*c.s = v
	case []byte:
		*c.s = string(v)
	default:
		return fmt.Errorf("store: cannot scan %T into a string", v)
	}
	return nil
}

func scanString(s *string) sql.Scanner { return nullStringCol{s} }

// isUnique reports whether err is a UNIQUE constraint violation.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// limitOffset returns a LIMIT/OFFSET clause.
func limitOffset(limit, offset int) string {
	var b strings.Builder
	if limit > 0 {
		fmt.Fprintf(&b, " LIMIT %d", limit)
	} else if offset > 0 {
		b.WriteString(" LIMIT -1")
	}
	if offset > 0 {
		fmt.Fprintf(&b, " OFFSET %d", offset)
	}
	return b.String()
}

// Settings keys.
const settingProfile = "profile"

// getSetting returns the value of key, or "" when it is not set.
func getSetting(ctx context.Context, tx *Tx, key string) (string, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("store: setting %s: %w", key, err)
	}
	return v, nil
}

// setSetting stores value under key.
func setSetting(ctx context.Context, tx *Tx, key, value string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		return fmt.Errorf("store: set setting %s: %w", key, err)
	}
	return nil
}

// Setting returns a stored setting, "" when unset.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	return getSetting(ctx, tx, key)
}

// SetSetting stores a setting.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, key, value); err != nil {
		return err
	}
	return tx.Commit()
}
