package main

import (
	"context"
	"io"
	"net/url"

	"naskah/letters"
	"naskah/templates/pdf"
)

// receipt renders the Tanda Bukti Pengaduan of l: the responsible official is
// the first user holding the letter's responsible position, the clerk the
// user who registered it.
func (a *app) receipt(ctx context.Context, w io.Writer, l *letters.Letter, baseURL string) error {
	if baseURL == "" {
		baseURL = "http://127.0.0.1:8080"
	}
	data := pdf.ReceiptData{
		Profile:  a.profile,
		Letter:   l,
		TrackURL: baseURL + "/lacak?kode=" + url.QueryEscape(l.TrackingCode),
	}
	official, err := a.holderOf(ctx, l.Responsible)
	if err != nil {
		return err
	}
	data.Official = official
	if l.CreatedBy != 0 {
		if u, err := a.users.FindUserByID(ctx, l.CreatedBy); err == nil {
			data.Clerk = pdf.Official{Name: u.Name, Position: a.profile.PositionTitle(u.Position), NIP: u.NIP}
		}
	}
	return a.renderer.Receipt(w, data)
}

// holderOf returns the first active user holding position as an official.
func (a *app) holderOf(ctx context.Context, position string) (pdf.Official, error) {
	users, _, err := a.users.FindUsers(ctx, letters.UserFilter{Position: position, Limit: 1})
	if err != nil {
		return pdf.Official{}, err
	}
	if len(users) == 0 {
		return pdf.Official{}, letters.Errorf(letters.EINVALID, "Belum ada pengguna yang memegang jabatan %s; tambahkan dengan `naskah user add`.", a.profile.PositionTitle(position))
	}
	u := users[0]
	return pdf.Official{Name: u.Name, Position: a.profile.PositionTitle(u.Position), NIP: u.NIP}, nil
}
