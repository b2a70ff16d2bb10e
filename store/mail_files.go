package store

import (
	"fmt"
	"mime"
	"net/http"
	"path"
	"strings"

	"naskah/letters"
)

// MaxMailAttachments is the most files kept from one message; the rest stay
// in the raw message, which is always kept.
const MaxMailAttachments = 50

// dangerousExts are kinds of file that run when opened. They are not stored
// as attachments (they remain inside the raw message) and are flagged.
var dangerousExts = map[string]bool{
	".exe": true, ".com": true, ".bat": true, ".cmd": true, ".scr": true, ".pif": true, ".msi": true,
	".js": true, ".jse": true, ".vbs": true, ".vbe": true, ".wsf": true, ".hta": true, ".jar": true,
	".ps1": true, ".dll": true, ".lnk": true, ".cpl": true, ".reg": true, ".sh": true, ".apk": true,
}

// mailFile is an attachment of a message about to be stored.
type mailFile struct {
	att  *letters.Attachment
	data []byte
}

// mailFiles are the attachments kept from a message, and what the clerk
// should know about those that were renamed or left out.
type mailFiles struct {
	keep  []*mailFile
	flags []string
}

// mailFiles checks m's attachments. Any kind of file is kept (mail carries
// Word documents and spreadsheets too), except programs, empty files and
// files over letters.MaxUploadSize. Names are cleaned for display: a name
// with a path in it ("../../etc/passwd") keeps only its last element and is
// flagged. Names never reach a file path: files are stored by hash.
func (s *MailService) mailFiles(m *letters.MailMessage) mailFiles {
	var out mailFiles
	for i, p := range m.Attachments {
		name := cleanFileName(p.Name)
		if name == "" {
			name = fmt.Sprintf("lampiran-%d%s", i+1, extFor(p.ContentType))
		}
		if p.Name != "" && name != strings.TrimSpace(p.Name) {
			out.flags = append(out.flags, fmt.Sprintf("Nama lampiran %q tidak aman dan disimpan sebagai %q.", p.Name, name))
		}
		switch ext := strings.ToLower(path.Ext(name)); {
		case len(p.Data) == 0:
			out.flags = append(out.flags, fmt.Sprintf("Lampiran %q kosong dan tidak disimpan.", name))
			continue
		case len(p.Data) > letters.MaxUploadSize:
			out.flags = append(out.flags, fmt.Sprintf("Lampiran %q melebihi batas %d MB dan tidak disimpan terpisah; lihat pesan asli.", name, letters.MaxUploadSize>>20))
			continue
		case dangerousExts[ext]:
			out.flags = append(out.flags, fmt.Sprintf("Lampiran %q berupa program (%s) dan tidak disimpan demi keamanan.", name, ext))
			continue
		case len(out.keep) >= MaxMailAttachments:
			out.flags = append(out.flags, fmt.Sprintf("Lebih dari %d lampiran: sisanya hanya ada pada pesan asli.", MaxMailAttachments))
			return out
		}
		ct := mailContentType(p.ContentType, p.Data)
		out.keep = append(out.keep, &mailFile{data: p.Data, att: &letters.Attachment{
			Name: name, ContentType: ct, Size: int64(len(p.Data))}})
	}
	return out
}

// activeTypes are media types a browser would run as a page or script:
// they are stored as plain bytes, whatever the sender declared.
var activeTypes = map[string]bool{"text/html": true, "application/xhtml+xml": true, "image/svg+xml": true,
	"text/javascript": true, "application/javascript": true, "text/xml": true, "application/xml": true}

// mailContentType is the declared media type without parameters, or the
// sniffed one when none was declared; never an active type.
func mailContentType(declared string, data []byte) string {
	ct := declaredType(declared, data)
	if activeTypes[ct] {
		return "application/octet-stream"
	}
	return ct
}

func declaredType(declared string, data []byte) string {
	mt, _, err := mime.ParseMediaType(declared)
	if err != nil || mt == "" || mt == "application/octet-stream" {
		sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(data))
		if sniffed != "" && (mt == "" || sniffed != "text/plain") {
			return sniffed
		}
		if mt == "" {
			return "application/octet-stream"
		}
	}
	return strings.ToLower(mt)
}

// extFor names a file of content type ct that came without a name.
func extFor(ct string) string {
	mt, _, _ := mime.ParseMediaType(ct)
	switch mt {
	case "message/rfc822":
		return ".eml"
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "application/pdf":
		return ".pdf"
	case "text/plain":
		return ".txt"
	}
	return ""
}
