package letters

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// Cursor is a place in the agenda's order — newest received first, then
// the highest id among letters received at the same moment: the last
// letter of a page. LetterFilter.After continues a list after it, so each
// page of a long list (the agenda's Excel export, the API's next page)
// costs as much as the first, where an Offset walks every letter before
// it again. The zero Cursor is the start of the list: the first page,
// read the way the pages after it are (the export's first batch).
type Cursor struct {
	ReceivedAt time.Time
	ID         int64
}

// CursorOf is the place of l in the agenda's order.
func CursorOf(l *Letter) *Cursor {
	return &Cursor{ReceivedAt: l.ReceivedAt, ID: l.ID}
}

// cursorLayout is how a token writes the time: UTC, the store's precision.
const cursorLayout = "2006-01-02T15:04:05.000Z"

// String is the cursor as an opaque token for a URL: base64url of
// "received_at|id".
func (c Cursor) String() string {
	raw := c.ReceivedAt.UTC().Format(cursorLayout) + "|" + strconv.FormatInt(c.ID, 10)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// ParseCursor reads a token written by Cursor.String. A damaged token is
// EINVALID naming field (the name the user gave it, e.g. "after").
func ParseCursor(token, field string) (*Cursor, error) {
	bad := Errorf(EINVALID, "%s %q bukan penanda halaman yang sah; gunakan nilai next dari jawaban sebelumnya.", field, token)
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(strings.TrimSpace(token), "="))
	if err != nil {
		return nil, bad
	}
	at, id, ok := strings.Cut(string(raw), "|")
	if !ok {
		return nil, bad
	}
	t, err := time.Parse(cursorLayout, at)
	if err != nil {
		return nil, bad
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return nil, bad
	}
	return &Cursor{ReceivedAt: t, ID: n}, nil
}
