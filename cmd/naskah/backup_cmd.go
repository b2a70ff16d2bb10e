package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"naskah/letters"
	"naskah/store"
)

func init() {
	commands["backup"] = command{"Membuat cadangan direktori data (boleh saat server berjalan)", runBackup}
	commands["restore"] = command{"Memulihkan cadangan ke direktori data baru yang kosong", runRestore}
}

// runBackup: naskah backup -o FILE [--data DIR].
func runBackup(ctx context.Context, args []string) error {
	var d dataFlags
	fs := newFlagSet("backup", "backup -o BERKAS.tar.gz [--data DIR]",
		"Menyalin basis data (satu keadaan yang konsisten, tanpa menghentikan server), lampiran, kunci dan profil.yaml\n"+
			"ke satu arsip tar.gz. Arsip berisi data pribadi dan kunci tanda tangan: simpan di tempat yang aman.")
	d.register(fs)
	out := fs.String("o", "", "berkas arsip yang dibuat (wajib)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return letters.Errorf(letters.EINVALID, "Opsi -o (berkas arsip) wajib diisi.")
	}
	if !exists(d.dir) {
		return letters.Errorf(letters.ENOTFOUND, "Direktori data %q belum berisi kantor.", d.dir)
	}
	absDir, _ := filepath.Abs(d.dir)
	absOut, _ := filepath.Abs(*out)
	if strings.HasPrefix(absOut, absDir+string(filepath.Separator)) {
		return letters.Errorf(letters.EINVALID, "Berkas arsip %q tidak boleh berada di dalam direktori data.", *out)
	}
	tmp, err := os.CreateTemp(filepath.Dir(absOut), ".naskah-backup-*")
	if err != nil {
		return letters.Errorf(letters.EINVALID, "Berkas arsip %q tidak dapat dibuat: %v", *out, err)
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	m, err := store.Backup(ctx, d.dir, tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), absOut); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	var rows int64
	for _, t := range m.Tables {
		rows += t.Rows
	}
	fmt.Printf("Cadangan dibuat: %s\n%d tabel (%d baris, %d surat), %d berkas (lampiran, kunci, profil).\n",
		*out, len(m.Tables), rows, m.Tables["letters"].Rows, len(m.Files))
	return nil
}

// runRestore: naskah restore FILE --data EMPTYDIR.
func runRestore(ctx context.Context, args []string) error {
	var d dataFlags
	fs := newFlagSet("restore", "restore BERKAS.tar.gz --data DIR_KOSONG",
		"Membongkar arsip dari `naskah backup` ke direktori data yang kosong atau belum ada, lalu memeriksa\n"+
			"setiap berkas, setiap tabel dan keutuhan basis data terhadap manifes arsip.")
	d.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return letters.Errorf(letters.EINVALID, "Sebutkan satu berkas arsip: naskah restore BERKAS.tar.gz --data DIR_KOSONG")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return letters.Errorf(letters.ENOTFOUND, "Berkas arsip %q tidak dapat dibuka: %v", fs.Arg(0), err)
	}
	defer f.Close()
	m, err := store.Restore(ctx, f, d.dir)
	if err != nil {
		return err
	}
	fmt.Printf("Cadangan %s dipulihkan ke %s: %d tabel, %d surat, %d berkas; semua hash cocok.\n",
		m.Created.Format("2006-01-02 15:04:05 UTC"), d.dir, len(m.Tables), m.Tables["letters"].Rows, len(m.Files))
	return nil
}
