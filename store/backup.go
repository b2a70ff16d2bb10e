package store

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"naskah/letters"
)

// ManifestFile is the last entry of a backup archive: what the archive
// holds and the digests a restore checks.
const ManifestFile = "MANIFEST.json"

// backupFormat is the version of the archive layout.
const backupFormat = 1

// BackupManifest describes one backup.
type BackupManifest struct {
	Format  int       `json:"format"`
	Created time.Time `json:"created"`
	// Database is the SHA-256 of the database file in the archive (DBFile).
	Database string `json:"database_sha256"`
	// Tables are the digests of every table's rows at the backup's instant.
	Tables map[string]TableDigest `json:"tables"`
	// Files are every other file of the data directory (attachments, keys,
	// profil.yaml) by path relative to it, with their SHA-256.
	Files map[string]string `json:"files"`
}

// TableDigest is the number of rows of a table and the SHA-256 of their
// sorted row hashes (independent of row order).
type TableDigest struct {
	Rows   int64  `json:"rows"`
	SHA256 string `json:"sha256"`
}

// Backup writes a consistent copy of the data directory dir to w as a
// gzip-compressed tar archive, while the server may be writing to it.
//
// The database is copied first with VACUUM INTO, which reads one snapshot
// of the WAL database without blocking writers. The files come after: every
// file is written (and synced) before the row that names it commits, and
// files are never changed, so every file the snapshot's rows name exists
// when the directory is walked. Backup checks that it does, and that each
// attachment's content still has the hash it is named by.
func Backup(ctx context.Context, dir string, w io.Writer) (*BackupManifest, error) {
	if _, err := os.Stat(filepath.Join(dir, DBFile)); err != nil {
		return nil, letters.Errorf(letters.ENOTFOUND, "Direktori %q bukan direktori data Naskah (tidak ada %s).", dir, DBFile)
	}
	tmp, err := os.MkdirTemp("", "naskah-backup-*")
	if err != nil {
		return nil, fmt.Errorf("store: backup temp dir: %w", err)
	}
	defer os.RemoveAll(tmp)
	snap := filepath.Join(tmp, DBFile)
	m := &BackupManifest{Format: backupFormat, Created: time.Now().UTC(), Files: map[string]string{}}
	if err := snapshot(ctx, filepath.Join(dir, DBFile), snap); err != nil {
		return nil, err
	}
	if m.Tables, err = TableDigests(ctx, snap); err != nil {
		return nil, err
	}
	blobs, err := snapshotBlobs(ctx, snap)
	if err != nil {
		return nil, err
	}

	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	if m.Database, err = addFile(tw, snap, DBFile); err != nil {
		return nil, err
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() || !d.Type().IsRegular() || skipInBackup(rel, d.Name()) {
			return nil
		}
		sum, err := addFile(tw, path, rel)
		m.Files[rel] = sum
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: backup files: %w", err)
	}
	for _, sum := range blobs {
		rel := attachmentDir + "/" + sum[:2] + "/" + sum
		if got, ok := m.Files[rel]; !ok {
			return nil, letters.Errorf(letters.EINTERNAL, "Berkas %s disebut dalam basis data tetapi tidak ada di direktori data.", rel)
		} else if got != sum {
			return nil, letters.Errorf(letters.EINTERNAL, "Isi berkas %s tidak cocok dengan hash-nya: berkas rusak.", rel)
		}
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	hdr := &tar.Header{Name: ManifestFile, Mode: 0o600, Size: int64(len(manifest)), ModTime: m.Created, Typeflag: tar.TypeReg}
	if err := tw.WriteHeader(hdr); err != nil {
		return nil, fmt.Errorf("store: backup manifest: %w", err)
	}
	if _, err := tw.Write(manifest); err != nil {
		return nil, fmt.Errorf("store: backup manifest: %w", err)
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("store: backup: %w", err)
	}
	if err := gz.Close(); err != nil {
		return nil, fmt.Errorf("store: backup: %w", err)
	}
	return m, nil
}

// skipInBackup leaves out the live database (copied by snapshot instead),
// its journal files and files being written.
func skipInBackup(rel, name string) bool {
	switch rel {
	case DBFile, DBFile + "-wal", DBFile + "-shm", DBFile + "-journal":
		return true
	}
	return strings.HasPrefix(name, ".tmp-")
}

// snapshot copies the database at src into the new file dst with VACUUM
// INTO: one read transaction, so one consistent state, while writers go on.
func snapshot(ctx context.Context, src, dst string) error {
	conn, err := openExisting(src)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("store: snapshot database: %w", err)
	}
	if err := os.Chmod(dst, 0o600); err != nil {
		return fmt.Errorf("store: snapshot database: %w", err)
	}
	return nil
}

// openExisting opens an existing SQLite file without creating it or
// applying migrations.
func openExisting(path string) (*sql.DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	u := url.URL{Scheme: "file", Path: abs}
	conn, err := sql.Open("sqlite3", u.String()+"?mode=rw&_busy_timeout=10000")
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	conn.SetMaxOpenConns(1)
	return conn, nil
}

// snapshotBlobs lists the hashes of every file the database names.
func snapshotBlobs(ctx context.Context, path string) ([]string, error) {
	conn, err := openExisting(path)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, `SELECT sha256 FROM blobs ORDER BY sha256`)
	if err != nil {
		return nil, fmt.Errorf("store: list blobs: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if len(s) == sha256.Size*2 {
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

// addFile writes the file at path into tw as name and returns its SHA-256.
func addFile(tw *tar.Writer, path, name string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	hdr := &tar.Header{Name: name, Mode: int64(fi.Mode().Perm()), Size: fi.Size(), ModTime: fi.ModTime(), Typeflag: tar.TypeReg}
	if err := tw.WriteHeader(hdr); err != nil {
		return "", fmt.Errorf("store: backup %s: %w", name, err)
	}
	h := sha256.New()
	if _, err := io.CopyN(io.MultiWriter(tw, h), f, fi.Size()); err != nil {
		return "", fmt.Errorf("store: backup %s: %w", name, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
