package web_test

import (
	"net/http"
	"strconv"
	"testing"

	"naskah/letters"
)

// An attachment follows its letter: whoever may not read the letter may not
// download its files, the files of a confidential complaint go only to the
// complaint officer, and every download is a download (never rendered in
// Naskah's origin).
func TestAttachmentFollowsItsLetter(t *testing.T) {
	e := newEnv(t, nil)
	newLetter := func(subject string, confidential bool) string {
		l := &letters.Letter{Category: letters.CategoryPengaduan, Channel: "tatap_muka", Subject: subject,
			Complainant: letters.Party{Name: "Budi Santoso", NIK: "6171010101900001", Confidential: confidential}}
		up := []letters.Upload{{Name: "ktp <script>.pdf", Data: realPDF(t, "KTP Budi")}}
		if err := e.letters.CreateLetter(e.user(clerk), l, up); err != nil {
			t.Fatal(err)
		}
		return "/lampiran/" + strconv.FormatInt(l.Attachments[0].ID, 10)
	}
	open, secret := newLetter("Lampiran biasa", false), newLetter("Lampiran rahasia", true)

	cases := []struct {
		user, path string
		want       int
	}{
		{clerk, open, http.StatusOK},
		{officer, open, http.StatusOK},
		{fieldHead, open, http.StatusForbidden}, // not disposed to the field: the letter is not theirs
		{officer, secret, http.StatusOK},        // the complaint officer
		{clerk, secret, http.StatusForbidden},   // registered it, but may not see who complained
		{fieldHead, secret, http.StatusForbidden},
		{clerk, "/lampiran/999999", http.StatusNotFound},
	}
	clients := map[string]*client{}
	for _, tc := range cases {
		c := clients[tc.user]
		if c == nil {
			c = e.client()
			c.login(tc.user)
			clients[tc.user] = c
		}
		r := c.get(tc.path)
		if r.StatusCode != tc.want {
			t.Errorf("%s GET %s: %d, want %d", tc.user, tc.path, r.StatusCode, tc.want)
			continue
		}
		if tc.want != http.StatusOK {
			mustNotContain(t, tc.path+" refused", r.body, "%PDF")
			continue
		}
		if cd := r.Header.Get("Content-Disposition"); cd == "" || cd[:len("attachment")] != "attachment" {
			t.Errorf("%s: Content-Disposition %q, want attachment", tc.path, cd)
		}
		if got := r.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q, want nosniff", tc.path, got)
		}
		if got := r.Header.Get("Content-Type"); got != "application/pdf" {
			t.Errorf("%s: Content-Type %q, want application/pdf", tc.path, got)
		}
		mustContain(t, tc.path, r.body, "%PDF")
	}
	if r := e.client().get(open); r.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous GET %s: %d, want a redirect to sign in", open, r.StatusCode)
	}
}
