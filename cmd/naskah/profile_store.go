package main

import (
	"bytes"
	"log/slog"
	"path/filepath"

	"naskah/letters/profile"
	"naskah/store"
)

// openProfileStore returns the service that keeps the data directory's
// profil.yaml for the admin's profile editor (validated by the profile
// loader), and logs which profile this start runs: the office's own
// edited copy, or one still equal to the embedded profile it came from.
// A profile saved from the web page takes effect at the next start.
func openProfileStore(a *app, logger *slog.Logger) (*store.ProfileService, error) {
	ps, err := store.NewProfileService(a.db, profile.Parse)
	if err != nil {
		return nil, err
	}
	file := filepath.Join(a.dir, profileFile)
	kept, err := profileSource(file)
	if err != nil {
		return nil, err
	}
	embedded, err := profile.Source(a.profile.Slug)
	switch {
	case err != nil:
		logger.Info("profil kantor dimuat dari direktori data (bukan profil bawaan)", "berkas", file, "slug", a.profile.Slug)
	case bytes.Equal(kept, embedded):
		logger.Info("profil kantor dimuat dari direktori data, sama dengan profil bawaan", "berkas", file, "slug", a.profile.Slug)
	default:
		logger.Info("profil kantor dimuat dari direktori data, berisi perubahan kantor atas profil bawaan", "berkas", file, "slug", a.profile.Slug)
	}
	return ps, nil
}
