package letters

import (
	"net/mail"
	"slices"
	"strings"
)

// ChannelCodes lists the channel codes a profile may use, with the name a
// clerk knows them by.
var ChannelCodes = []struct{ Code, Label string }{
	{"tatap_muka", "Tatap Muka"},
	{"kotak_saran", "Kotak Saran/Pengaduan"},
	{"surat", "Surat"},
	{"email", "Email"},
	{"telepon", "Telepon"},
	{"sms", "SMS"},
	{"whatsapp", "WhatsApp"},
	{"lapor", "SP4N-LAPOR!"},
	{"web", "Formulir Daring"},
	{"fax", "Faksimile"},
}

// Identity field codes used in Channel.Identity.
const (
	FieldName         = "name"
	FieldNIK          = "nik"
	FieldAddress      = "address"
	FieldPhone        = "phone"
	FieldEmail        = "email"
	FieldOrganisation = "organisation"
	FieldIdentityDoc  = "identity_doc" // a scan or copy of KTP/SIM attached
	FieldLaporID      = "lapor_id"     // SP4N-LAPOR! tracking number
	FieldStatement    = "statement"    // statement of truth (surat pernyataan kebenaran aduan)
)

// IdentityFields lists the identity fields with the words a clerk knows them
// by (as the subject of a sentence).
var IdentityFields = []struct{ Code, Label string }{
	{FieldName, "Nama pengadu"},
	{FieldNIK, "NIK"},
	{FieldAddress, "Alamat"},
	{FieldPhone, "Nomor HP"},
	{FieldEmail, "Alamat email"},
	{FieldOrganisation, "Nama instansi/lembaga"},
	{FieldIdentityDoc, "Salinan KTP/identitas diri"},
	{FieldLaporID, "Nomor laporan SP4N-LAPOR!"},
	{FieldStatement, "Surat pernyataan kebenaran aduan"},
}

// partyFields are the fields a Party holds; an anonymous party carries none.
var partyFields = []string{FieldName, FieldNIK, FieldAddress, FieldPhone, FieldEmail, FieldOrganisation}

// personalFields are the fields an anonymous complainant is not asked for.
var personalFields = append(slices.Clone(partyFields), FieldIdentityDoc)

// IdentityLabel returns the label of an identity field code, or "".
func IdentityLabel(code string) string { return labelOf(IdentityFields, code) }

// ChannelLabel returns the usual name of a known channel code, or "".
func ChannelLabel(code string) string { return labelOf(ChannelCodes, code) }

func labelOf(list []struct{ Code, Label string }, code string) string {
	for _, c := range list {
		if c.Code == code {
			return c.Label
		}
	}
	return ""
}

func codesOf(list []struct{ Code, Label string }) []string {
	out := make([]string, len(list))
	for i, c := range list {
		out[i] = c.Code
	}
	return out
}

// CheckIntake checks a letter about to be registered against the profile:
// a known channel, category and class, a subject, the channel's identity
// rules (identity_doc is met by uploads > 0 files attached) and the format
// of NIK, email and phone when given. It returns EINVALID naming the first
// problem in words a clerk knows, or nil.
func (p *Profile) CheckIntake(l *Letter, uploads int) error {
	ch := p.Channel(l.Channel)
	if ch == nil {
		if l.Channel == "" {
			return Errorf(EINVALID, "Saluran pengaduan wajib dipilih.")
		}
		return Errorf(EINVALID, "Saluran %q tidak diterima kantor ini.", l.Channel)
	}
	if labelOf(Categories, l.Category) == "" {
		if l.Category == "" {
			return Errorf(EINVALID, "Kategori wajib dipilih (pengaduan, aspirasi, permintaan informasi atau surat masuk).")
		}
		return Errorf(EINVALID, "Kategori %q tidak dikenal.", l.Category)
	}
	if l.Class != "" && p.class(l.Class) == nil {
		return Errorf(EINVALID, "Klasifikasi pengaduan %q tidak dikenal di kantor ini.", l.Class)
	}
	if strings.TrimSpace(l.Subject) == "" {
		return Errorf(EINVALID, "Perihal wajib diisi.")
	}
	party := &l.Complainant
	if party.Anonymous {
		if !ch.Identity.Anonymous {
			return Errorf(EINVALID, "Saluran %s tidak menerima pengaduan tanpa identitas (anonim).", ch.Name)
		}
		for _, f := range partyFields {
			if party.value(f) != "" {
				return Errorf(EINVALID, "Pengaduan anonim tidak boleh memuat identitas, tetapi %s terisi. Kosongkan, atau jangan tandai sebagai anonim.", inSentence(IdentityLabel(f)))
			}
		}
	}
	given := func(f string) bool {
		switch {
		case party.Anonymous && slices.Contains(personalFields, f):
			return true // the channel accepts anonymity: no personal data is asked
		case f == FieldIdentityDoc:
			return uploads > 0
		case f == FieldLaporID:
			return strings.TrimSpace(l.LaporID) != ""
		case f == FieldStatement:
			return l.Statement
		}
		return party.value(f) != ""
	}
	for _, f := range ch.Identity.Required {
		if !given(f) {
			return Errorf(EINVALID, "%s %s untuk saluran %s.", IdentityLabel(f), missingVerb(f), ch.Name)
		}
	}
	for _, group := range ch.Identity.AnyOf {
		if !slices.ContainsFunc(group, given) {
			labels := make([]string, len(group))
			for i, f := range group {
				labels[i] = inSentence(IdentityLabel(f))
			}
			return Errorf(EINVALID, "Isi salah satu: %s.", joinOr(labels))
		}
	}
	return checkPartyFormats(party)
}

// checkPartyFormats checks NIK, email and phone when they are given.
func checkPartyFormats(party *Party) error {
	if nik := strings.TrimSpace(party.NIK); nik != "" && !isDigits(nik, 16) {
		return Errorf(EINVALID, "NIK harus 16 angka.")
	}
	if email := strings.TrimSpace(party.Email); email != "" {
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
			return Errorf(EINVALID, "Alamat email %q tidak sah; tulis seperti nama@contoh.go.id.", email)
		}
	}
	if phone := strings.TrimSpace(party.Phone); phone != "" && !validPhone(phone) {
		return Errorf(EINVALID, "Nomor HP/telepon %q tidak sah: tulis 8 sampai 15 angka, boleh diawali + dan dipisah spasi atau tanda hubung.", phone)
	}
	return nil
}

// validPhone accepts 8–15 digits with an optional leading +, spaces, dashes
// and brackets around an area code: "0852 5236 8000", "+62 561-736541",
// "(0561) 736541".
func validPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return digits >= 8 && digits <= 15
}

// value returns a party's field, trimmed; "" for non-party fields.
func (party *Party) value(f string) string {
	var v string
	switch f {
	case FieldName:
		v = party.Name
	case FieldNIK:
		v = party.NIK
	case FieldAddress:
		v = party.Address
	case FieldPhone:
		v = party.Phone
	case FieldEmail:
		v = party.Email
	case FieldOrganisation:
		v = party.Organisation
	}
	return strings.TrimSpace(v)
}

func missingVerb(f string) string {
	switch f {
	case FieldIdentityDoc:
		return "wajib dilampirkan"
	case FieldStatement:
		return "wajib dibuat dan ditandai"
	}
	return "wajib diisi"
}

// inSentence lower-cases a label's first letter unless it is an acronym:
// "Nomor HP" → "nomor HP", "NIK" stays.
func inSentence(label string) string {
	if len(label) < 2 || (label[1] >= 'A' && label[1] <= 'Z') {
		return label
	}
	return strings.ToLower(label[:1]) + label[1:]
}

// joinOr joins ["a","b","c"] as "a, b atau c".
func joinOr(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " atau " + items[len(items)-1]
}

// ReceiptOfficial returns the code of the position named on the receipt as
// responsible for a case on channel: the channel's own, else the office's.
func (p *Profile) ReceiptOfficial(channel string) string {
	if ch := p.Channel(channel); ch != nil && ch.Responsible != "" {
		return ch.Responsible
	}
	return p.Responsible
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
