package store

import (
	"bytes"
	"fmt"
	"image/jpeg"
	"image/png"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"naskah/letters"
)

// MaxUploads is the most files one intake may carry.
const MaxUploads = 20

// fileKind is an accepted kind of upload.
type fileKind struct {
	contentType string
	label       string // as named in messages: "PDF", "gambar JPEG"
	exts        []string
	check       func([]byte) bool // a deeper check of the content
}

var fileKinds = []fileKind{
	{"application/pdf", "PDF", []string{".pdf"}, func(b []byte) bool {
		return bytes.Contains(b[max(0, len(b)-64<<10):], []byte("%%EOF"))
	}},
	{"image/jpeg", "gambar JPEG", []string{".jpg", ".jpeg"}, func(b []byte) bool {
		_, err := jpeg.DecodeConfig(bytes.NewReader(b))
		return err == nil
	}},
	{"image/png", "gambar PNG", []string{".png"}, func(b []byte) bool {
		_, err := png.DecodeConfig(bytes.NewReader(b))
		return err == nil
	}},
}

// checkedUpload is an upload that passed validation.
type checkedUpload struct {
	name        string
	contentType string
	data        []byte
}

// checkUploads validates every upload by its content. The name's extension
// must agree with the content; the name itself is cleaned for display.
func checkUploads(uploads []letters.Upload) ([]checkedUpload, error) {
	if len(uploads) > MaxUploads {
		return nil, letters.Errorf(letters.EINVALID, "Lampiran paling banyak %d berkas.", MaxUploads)
	}
	out := make([]checkedUpload, 0, len(uploads))
	for i, u := range uploads {
		name := cleanFileName(u.Name)
		if name == "" {
			name = fmt.Sprintf("lampiran-%d", i+1)
		}
		if len(u.Data) == 0 {
			return nil, letters.Errorf(letters.EINVALID, "Berkas %q kosong.", name)
		}
		if len(u.Data) > letters.MaxUploadSize {
			return nil, letters.Errorf(letters.ETOOLARGE, "Berkas %q melebihi batas %d MB.", name, letters.MaxUploadSize>>20)
		}
		detected := http.DetectContentType(u.Data)
		ext := strings.ToLower(path.Ext(name))
		var want *fileKind
		for i := range fileKinds {
			for _, e := range fileKinds[i].exts {
				if e == ext {
					want = &fileKinds[i]
				}
			}
		}
		if want == nil && !strings.Contains(name, ".") {
			// No extension: name the file after its content.
			for i := range fileKinds {
				if fileKinds[i].contentType == detected {
					want = &fileKinds[i]
					name += want.exts[0]
				}
			}
		}
		if want == nil {
			return nil, letters.Errorf(letters.EINVALID, "Berkas %q tidak diterima: lampiran harus PDF, JPG atau PNG.", name)
		}
		if detected != want.contentType || !want.check(u.Data) {
			return nil, letters.Errorf(letters.EINVALID, "Berkas %q bukan %s yang sah.", name, want.label)
		}
		out = append(out, checkedUpload{name: name, contentType: want.contentType, data: u.Data})
	}
	return out, nil
}

// cleanFileName keeps the last path element of a user's file name, without
// control characters, at most 200 characters. It is only ever displayed.
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == ".." {
		return ""
	}
	if r := []rune(name); len(r) > 200 {
		name = string(r[len(r)-200:])
	}
	return name
}
