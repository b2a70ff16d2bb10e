package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// NIKKeyFile is the key that encrypts complainants' NIK at rest
// (AES-256-GCM), kept in the data directory next to the office's signing
// key, mode 0600, made when the first NIK is stored. A copy of naskah.db
// alone does not reveal a NIK; a backup (naskah backup) carries the key.
// The same key seals the users' TOTP secrets (user_totp.go).
const NIKKeyFile = "keys/nik.key"

// nikPrefix marks an encrypted NIK: "enc1:<key id>:<base64 nonce‖sealed>".
// The key id (the first 8 bytes of the key's SHA-256, in hex) names the key
// that sealed it; a value without the prefix is a NIK stored in clear by an
// older version, read as it is and sealed at the next Open.
const nikPrefix = "enc1:"

// nikKeys are the keys of the data directories opened in this process, by
// key id. Scanning a row needs the key without a handle on its DB, and the
// ciphertext names its key.
var nikKeys sync.Map // string → cipher.AEAD

// nikCipher is the AEAD of one data directory.
type nikCipher struct {
	id   string
	aead cipher.AEAD
}

// nikKeyrings are the keyrings of the data directories opened, by directory.
var nikKeyrings sync.Map // string → *nikKeyring

// nikKeyring is the NIK key of one data directory, loaded at Open when it
// exists and made when the first NIK is stored.
type nikKeyring struct {
	dir string
	mu  sync.Mutex
	c   *nikCipher
}

// get returns the cipher, creating the key when create is set.
func (k *nikKeyring) get(create bool) (*nikCipher, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.c != nil {
		return k.c, nil
	}
	c, err := loadNIKKey(k.dir, create)
	if err != nil || c == nil {
		return nil, err
	}
	k.c = c
	return c, nil
}

// loadNIKKey reads the data directory's NIK key and registers it for
// scanning. A missing key is made when create is set, else nil is returned.
func loadNIKKey(dir string, create bool) (*nikCipher, error) {
	path := filepath.Join(dir, filepath.FromSlash(NIKKeyFile))
	key, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !create {
		return nil, nil
	} else if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("store: NIK key: %w", err)
		}
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("store: NIK key: %w", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, fmt.Errorf("store: NIK key: %w", err)
		}
		_, err = f.Write(key)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("store: NIK key: %w", err)
		}
		if err := syncDir(filepath.Dir(path)); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("store: NIK key: %w", err)
	}
	if len(key) != 32 {
		return nil, fmt.Errorf("store: NIK key %s: %d bytes, want 32", path, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("store: NIK key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("store: NIK key: %w", err)
	}
	sum := sha256.Sum256(key)
	c := &nikCipher{id: hex.EncodeToString(sum[:8]), aead: aead}
	nikKeys.Store(c.id, aead)
	return c, nil
}

// seal encrypts a NIK; "" stays "".
func (c *nikCipher) seal(nik string) string {
	if nik == "" || strings.HasPrefix(nik, nikPrefix) {
		return nik
	}
	nonce := make([]byte, c.aead.NonceSize())
	rand.Read(nonce)
	out := c.aead.Seal(nonce, nonce, []byte(nik), []byte("complainant_nik"))
	return nikPrefix + c.id + ":" + base64.RawStdEncoding.EncodeToString(out)
}

// openNIK decrypts a stored NIK; a value in clear is returned as it is.
func openNIK(stored string) (string, error) {
	rest, ok := strings.CutPrefix(stored, nikPrefix)
	if !ok {
		return stored, nil
	}
	id, b64, ok := strings.Cut(rest, ":")
	v, loaded := nikKeys.Load(id)
	if ok && !loaded {
		// Another process (the server) may have made the key after this
		// one opened the directory.
		nikKeyrings.Range(func(_, k any) bool { k.(*nikKeyring).get(false); return true })
		v, loaded = nikKeys.Load(id)
	}
	if !ok || !loaded {
		return "", fmt.Errorf("store: NIK sealed with key %q, which is not this data directory's %s", id, NIKKeyFile)
	}
	aead := v.(cipher.AEAD)
	raw, err := base64.RawStdEncoding.DecodeString(b64)
	if err != nil || len(raw) < aead.NonceSize() {
		return "", errors.New("store: NIK ciphertext damaged")
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte("complainant_nik"))
	if err != nil {
		return "", errors.New("store: NIK ciphertext damaged or key wrong")
	}
	return string(plain), nil
}

// nikColumn scans a stored NIK into *dst, decrypted.
type nikColumn struct{ dst *string }

func (n nikColumn) Scan(v any) error {
	var s string
	switch v := v.(type) {
	case nil:
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("store: NIK column holds %T", v)
	}
	plain, err := openNIK(s)
	*n.dst = plain
	return err
}

var _ interface{ Scan(any) error } = nikColumn{}

// sealedNIK is the value written for a NIK: sealed, or an error for the
// statement when the key cannot be made.
func (tx *Tx) sealedNIK(nik string) driver.Valuer {
	if nik == "" {
		return nikValue{}
	}
	c, err := tx.db.nik.get(true)
	if err != nil {
		return nikValue{err: err}
	}
	return nikValue{v: c.seal(nik)}
}

// nikValue is a sealed NIK as a statement argument.
type nikValue struct {
	v   string
	err error
}

func (n nikValue) Value() (driver.Value, error) { return n.v, n.err }

// sealClearNIKs encrypts every NIK still stored in clear (rows written
// before encryption, or by a bulk loader), a batch at a time.
func (db *DB) sealClearNIKs(ctx context.Context) error {
	var clear int
	if err := db.write.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM letters
		WHERE complainant_nik <> '' AND complainant_nik NOT LIKE 'enc1:%')`).Scan(&clear); err != nil {
		return fmt.Errorf("store: find clear NIK: %w", err)
	}
	if clear == 0 {
		return nil
	}
	c, err := db.nik.get(true)
	if err != nil {
		return err
	}
	for {
		tx, err := db.BeginTx(ctx, true)
		if err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, complainant_nik FROM letters
			WHERE complainant_nik <> '' AND complainant_nik NOT LIKE 'enc1:%' LIMIT 1000`)
		if err != nil {
			tx.Rollback()
			return fmt.Errorf("store: find clear NIK: %w", err)
		}
		type row struct {
			id  int64
			nik string
		}
		var batch []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.nik); err != nil {
				rows.Close()
				tx.Rollback()
				return err
			}
			batch = append(batch, r)
		}
		rows.Close()
		for _, r := range batch {
			if _, err := tx.ExecContext(ctx, `UPDATE letters SET complainant_nik = ? WHERE id = ?`, c.seal(r.nik), r.id); err != nil {
				tx.Rollback()
				return fmt.Errorf("store: seal NIK: %w", err)
			}
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("store: seal NIK: %w", err)
		}
		if len(batch) < 1000 {
			return nil
		}
	}
}
