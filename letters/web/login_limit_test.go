package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"
)

// loginAs posts the sign-in form.
func (c *client) loginAs(username, password string) response {
	return c.postForm("/masuk", url.Values{"username": {username}, "password": {password}})
}

// formUsername hides the username echoed back in the form, so that pages
// for different usernames can be compared.
var formUsername = regexp.MustCompile(`name="username"[^>]*`)

// Five failed sign-ins lock an account for 15 minutes, whether it exists
// or not, with the same page; the lock lifts by itself.
func TestLoginLimitPerAccount(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	var pages [2][]string // known, unknown
	for i, username := range []string{officer, "tidak.ada"} {
		for range 5 {
			r := c.loginAs(username, "salah-sekali")
			if r.StatusCode != http.StatusUnauthorized {
				t.Fatalf("%s: wrong password: %d, want 401", username, r.StatusCode)
			}
			pages[i] = append(pages[i], formUsername.ReplaceAllString(r.body, ""))
		}
		r := c.loginAs(username, testPassword)
		if r.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("%s: sixth attempt with the right password: %d, want 429", username, r.StatusCode)
		}
		mustContain(t, "429 page", errorText(r.body), "Terlalu banyak percobaan masuk", "15 menit")
		if r.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
		pages[i] = append(pages[i], formUsername.ReplaceAllString(r.body, ""))
	}
	for j := range pages[0] {
		if pages[0][j] != pages[1][j] {
			t.Errorf("attempt %d: the answer for an existing user differs from an unknown one:\n%s\n---\n%s", j+1, pages[0][j], pages[1][j])
		}
	}
	// Another account from the same address is not affected.
	c.login(clerk)

	e.clock.Set(start.Add(15*time.Minute + time.Second))
	c = e.client()
	c.login(officer) // no permanent lockout
	// A success clears the account's failures.
	for range 4 {
		c.loginAs(officer, "salah-sekali")
	}
	c.login(officer)
	for range 4 {
		if r := c.loginAs(officer, "salah-sekali"); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure after a success: %d, want 401", r.StatusCode)
		}
	}
	c.login(officer)
}

// Twenty failures from one address, spread over accounts, stop every
// sign-in from it for 15 minutes.
func TestLoginLimitPerAddress(t *testing.T) {
	e := newEnv(t, nil)
	c := e.client()
	for i := range 20 {
		username := []string{"a", "b", "c", "d", "e"}[i%5] + ".tebakan"
		if r := c.loginAs(username, "salah-sekali"); r.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d, want 401", i+1, r.StatusCode)
		}
	}
	r := c.loginAs(clerk, testPassword)
	if r.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sign-in after 20 failures from the address: %d, want 429", r.StatusCode)
	}
	mustContain(t, "429 page", errorText(r.body), "Terlalu banyak percobaan masuk")
	e.clock.Set(start.Add(16 * time.Minute))
	c.login(clerk)
}
