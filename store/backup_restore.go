package store

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"naskah/letters"
)

// maxManifest bounds the manifest read from an archive.
const maxManifest = 64 << 20

// Restore unpacks a backup made by Backup into dir, which must be empty or
// not exist, and checks it against its manifest: every file's hash, the
// database's hash, every table's rows and SQLite's integrity check. On any
// error nothing is left in dir.
func Restore(ctx context.Context, r io.Reader, dir string) (m *BackupManifest, err error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, letters.Errorf(letters.ECONFLICT, "Direktori %q tidak kosong: pulihkan cadangan ke direktori baru yang kosong.", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("store: restore: %w", err)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("store: restore: %w", err)
	}
	defer func() {
		if err != nil {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
	}()
	bad := func(format string, a ...any) error {
		return letters.Errorf(letters.EINVALID, "Berkas cadangan tidak sah: "+format, a...)
	}
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, bad("bukan arsip tar.gz (%v).", err)
	}
	tr := tar.NewReader(gz)
	got := map[string]string{}
	var manifest []byte
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, bad("arsip terpotong atau rusak (%v).", err)
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		name := hdr.Name
		if hdr.Typeflag != tar.TypeReg || name != path.Clean(name) || path.IsAbs(name) ||
			name == ".." || strings.HasPrefix(name, "../") || strings.Contains(name, "\\") {
			return nil, bad("entri %q tidak diizinkan.", name)
		}
		if name == ManifestFile {
			if manifest, err = io.ReadAll(io.LimitReader(tr, maxManifest)); err != nil {
				return nil, bad("manifes tidak terbaca (%v).", err)
			}
			continue
		}
		if _, dup := got[name]; dup {
			return nil, bad("entri %q muncul dua kali.", name)
		}
		if got[name], err = extract(tr, filepath.Join(dir, filepath.FromSlash(name)), hdr.Mode); err != nil {
			return nil, err
		}
	}
	if manifest == nil {
		return nil, bad("tidak ada %s; arsip tidak lengkap.", ManifestFile)
	}
	if err := json.Unmarshal(manifest, &m); err != nil || m.Format != backupFormat {
		return nil, bad("manifes tidak dikenal (format yang didukung: %d).", backupFormat)
	}
	if got[DBFile] != m.Database {
		return nil, bad("hash basis data tidak cocok.")
	}
	for name, sum := range m.Files {
		if got[name] != sum {
			return nil, bad("berkas %s hilang atau isinya berubah.", name)
		}
	}
	if len(got) != len(m.Files)+1 {
		return nil, bad("arsip berisi berkas yang tidak tercatat di manifes.")
	}
	tables, err := TableDigests(ctx, filepath.Join(dir, DBFile))
	if err != nil {
		return nil, err
	}
	for name, want := range m.Tables {
		if tables[name] != want {
			return nil, bad("isi tabel %s tidak cocok dengan manifes.", name)
		}
	}
	if len(tables) != len(m.Tables) {
		return nil, bad("daftar tabel tidak cocok dengan manifes.")
	}
	if err := checkIntegrity(ctx, filepath.Join(dir, DBFile)); err != nil {
		return nil, err
	}
	return m, nil
}

// extract writes one archive entry to dst (mode kept, never wider than
// 0750) and returns its SHA-256.
func extract(r io.Reader, dst string, mode int64) (string, error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, os.FileMode(mode)&0o750)
	if err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(f, h), r); err != nil {
		f.Close()
		return "", letters.Errorf(letters.EINVALID, "Berkas cadangan tidak sah: %s terpotong (%v).", filepath.Base(dst), err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return "", fmt.Errorf("store: restore: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// checkIntegrity runs SQLite's integrity and foreign key checks on path.
func checkIntegrity(ctx context.Context, path string) error {
	conn, err := openExisting(path)
	if err != nil {
		return err
	}
	defer conn.Close()
	var res string
	if err := conn.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("store: integrity check: %w", err)
	} else if res != "ok" {
		return letters.Errorf(letters.EINVALID, "Basis data dalam cadangan rusak: %s", res)
	}
	rows, err := conn.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("store: foreign key check: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		return letters.Errorf(letters.EINVALID, "Basis data dalam cadangan tidak konsisten: ada rujukan yang putus.")
	}
	return rows.Err()
}

// TableDigests returns the digest of every ordinary table of the SQLite
// file at path (virtual tables are covered by their shadow tables).
func TableDigests(ctx context.Context, path string) (map[string]TableDigest, error) {
	conn, err := openExisting(path)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("store: list tables: %w", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	out := map[string]TableDigest{}
	for _, name := range names {
		d, err := tableDigest(ctx, conn, name)
		if err != nil {
			return nil, err
		}
		out[name] = d
	}
	return out, nil
}

func tableDigest(ctx context.Context, conn interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, name string) (TableDigest, error) {
	rows, err := conn.QueryContext(ctx, `SELECT * FROM "`+strings.ReplaceAll(name, `"`, `""`)+`"`)
	if err != nil {
		return TableDigest{}, fmt.Errorf("store: read table %s: %w", name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return TableDigest{}, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var hashes [][]byte
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return TableDigest{}, err
		}
		h := sha256.New()
		for _, v := range vals {
			s := fmt.Sprintf("%T:%v", v, v)
			fmt.Fprintf(h, "%d:%s", len(s), s)
		}
		hashes = append(hashes, h.Sum(nil))
	}
	if err := rows.Err(); err != nil {
		return TableDigest{}, err
	}
	slices.SortFunc(hashes, bytes.Compare)
	h := sha256.New()
	for _, r := range hashes {
		h.Write(r)
	}
	return TableDigest{Rows: int64(len(hashes)), SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}
