package letters_test

import (
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

// A cursor's token reads back as the same place; anything else a client
// might send is EINVALID naming the parameter.
func TestCursorToken(t *testing.T) {
	at := time.Date(2026, 11, 24, 2, 30, 15, 123_000_000, time.UTC)
	c := letters.CursorOf(&letters.Letter{ID: 4711, ReceivedAt: at.In(time.FixedZone("WIB", 7*3600))})
	token := c.String()
	got, err := letters.ParseCursor(token, "after")
	if err != nil || got.ID != 4711 || !got.ReceivedAt.Equal(at) {
		t.Fatalf("ParseCursor(%q) = %+v, %v; want 4711 at %s", token, got, err, at)
	}
	for _, bad := range []string{"", "bukan-penanda", token[:len(token)-12], "MjAyNi0xMS0yNA", // "2026-11-24", no id
		"MjAyNi0xMS0yNFQwMjozMDoxNS4xMjNafDA"} { // id 0
		_, err := letters.ParseCursor(bad, "after")
		if letters.ErrorCode(err) != letters.EINVALID || !strings.Contains(letters.ErrorMessage(err), "after") {
			t.Errorf("ParseCursor(%q): %v, want EINVALID naming after", bad, err)
		}
	}
}
