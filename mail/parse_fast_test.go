package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"strings"
	"testing"
)

// TestDecodeBase64: the one-pass decoder gives what go-message's streaming
// one gives for bodies with CRLF, LF, indented and space-broken lines, and
// reports a corrupt body after the bytes before the fault.
func TestDecodeBase64(t *testing.T) {
	data := make([]byte, 5000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	enc := base64.StdEncoding.EncodeToString(data)
	var crlf, lf, indented strings.Builder
	for i := 0; i < len(enc); i += 76 {
		line := enc[i:min(i+76, len(enc))]
		crlf.WriteString(line + "\r\n")
		lf.WriteString(line + "\n")
		indented.WriteString("\t" + line[:10] + " " + line[10:] + "\r\n")
	}
	for name, body := range map[string]string{"crlf": crlf.String(), "lf": lf.String(), "indented": indented.String(), "one line": enc} {
		got, err := io.ReadAll(decodeBase64(strings.NewReader(body)))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: %d bytes, %v; want %d bytes", name, len(got), err, len(data))
		}
	}
	got, err := io.ReadAll(decodeBase64(strings.NewReader(enc[:400] + "!!!!" + enc[404:])))
	if err == nil || !bytes.Equal(got, data[:300]) {
		t.Errorf("corrupt body: %d bytes, %v; want the first 300 bytes and an error", len(got), err)
	}
}
