package letters

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// ValidationError is one problem found in a profile. Path holds the YAML keys
// and sequence indices that lead to the bad value, e.g.
// ["documents","2","chain","1","position"], so a loader can point at the line.
type ValidationError struct {
	Path    []string
	Message string // in Bahasa Indonesia
}

func (e ValidationError) Error() string {
	if len(e.Path) == 0 {
		return e.Message
	}
	return strings.Join(e.Path, ".") + ": " + e.Message
}

// ReportPeriods are the periods a report duty may have.
var ReportPeriods = []string{"monthly", "quarterly", "semester", "yearly"}

var (
	profileSlugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	chainStepKinds     = []string{StepDraft, StepParaf, StepSign, StepRegister, StepDeliver}
	durationUnits      = []string{UnitMinutes, UnitHours, UnitWorkingDays, UnitDays}
)

// Validate checks that the profile is complete and consistent: every code it
// refers to exists, every deadline and number format can be used. It returns
// every problem found; none means the profile can run.
func (p *Profile) Validate() []ValidationError {
	v := &validator{p: p, positions: map[string]bool{}}
	v.header()
	v.checkPositions()
	v.position(p.Responsible, true, "sebagai penanggung jawab (responsible) kantor", "responsible")
	v.checkUsers()
	v.checkChannels()
	v.checkClasses()
	if p.Extension != nil {
		v.duration(*p.Extension, "perpanjangan (extension)", "extension")
	}
	v.checkActions()
	v.checkDocuments()
	v.checkEscalation()
	v.checkReports()
	v.checkHolidays()
	v.checkPrivacy()
	return v.errs
}

type validator struct {
	p         *Profile
	positions map[string]bool
	errs      []ValidationError
}

// keyPath turns keys and indices into a Path.
func keyPath(parts ...any) []string {
	out := make([]string, len(parts))
	for i, part := range parts {
		out[i] = fmt.Sprint(part)
	}
	return out
}

func (v *validator) add(at []string, format string, args ...any) {
	v.errs = append(v.errs, ValidationError{Path: at, Message: fmt.Sprintf(format, args...)})
}

// position checks a reference to a position; where says where it stands.
// An empty code is an error only when required.
func (v *validator) position(code string, required bool, where string, at ...any) {
	switch {
	case code == "" && required:
		v.add(keyPath(at...), "posisi wajib diisi %s", where)
	case code != "" && !v.positions[code]:
		v.add(keyPath(at...), "posisi %q tidak dikenal %s", code, where)
	}
}

func (v *validator) duration(d Duration, what string, at ...any) {
	switch {
	case d.Value == 0 && d.Unit == "":
		v.add(keyPath(at...), "%s belum diisi (value dan unit)", what)
		return
	case d.Value <= 0:
		v.add(keyPath(append(slices.Clone(at), "value")...), "%s: nilai harus lebih dari 0, bukan %d", what, d.Value)
	}
	switch {
	case d.Unit == "":
		v.add(keyPath(at...), "%s: satuan (unit) wajib diisi (pilih %s)", what, strings.Join(durationUnits, ", "))
	case !slices.Contains(durationUnits, d.Unit):
		v.add(keyPath(append(slices.Clone(at), "unit")...), "%s: satuan %q tidak dikenal (pilih %s)", what, d.Unit, strings.Join(durationUnits, ", "))
	}
}

func (v *validator) header() {
	p := v.p
	if p.Slug == "" {
		v.add(keyPath("slug"), "slug wajib diisi")
	} else if !profileSlugPattern.MatchString(p.Slug) {
		v.add(keyPath("slug"), "slug %q hanya boleh berisi huruf kecil, angka dan tanda hubung", p.Slug)
	}
	if strings.TrimSpace(p.Office.Name) == "" {
		v.add(keyPath("office", "name"), "nama kantor wajib diisi")
	}
	if p.TimeZone == "" {
		v.add(keyPath("time_zone"), "zona waktu wajib diisi (Asia/Jakarta, Asia/Pontianak, Asia/Makassar atau Asia/Jayapura)")
	} else if _, err := time.LoadLocation(p.TimeZone); err != nil {
		v.add(keyPath("time_zone"), "zona waktu %q tidak dikenal", p.TimeZone)
	}
}

func (v *validator) checkPositions() {
	parents := map[string]string{}
	for i, pos := range v.p.Positions {
		switch {
		case pos.Code == "":
			v.add(keyPath("positions", i, "code"), "kode posisi wajib diisi")
		case v.positions[pos.Code]:
			v.add(keyPath("positions", i, "code"), "kode posisi %q dipakai lebih dari sekali", pos.Code)
		default:
			v.positions[pos.Code] = true
			parents[pos.Code] = pos.Parent
		}
		if strings.TrimSpace(pos.Title) == "" {
			v.add(keyPath("positions", i, "title"), "nama jabatan (title) posisi %q wajib diisi", pos.Code)
		}
	}
	for i, pos := range v.p.Positions {
		if pos.Parent == "" {
			continue
		}
		if !v.positions[pos.Parent] {
			v.add(keyPath("positions", i, "parent"), "atasan %q dari posisi %q tidak dikenal", pos.Parent, pos.Code)
			continue
		}
		// Walk up; more steps than positions means a loop.
		at, steps := pos.Parent, 0
		for at != "" && at != pos.Code && steps <= len(parents) {
			at, steps = parents[at], steps+1
		}
		if at == pos.Code {
			v.add(keyPath("positions", i, "parent"), "posisi %q menjadi atasan dirinya sendiri lewat rantai atasan (melingkar)", pos.Code)
		}
	}
}

func (v *validator) checkUsers() {
	seen := map[string]bool{}
	for i, u := range v.p.Users {
		switch {
		case u.Username == "":
			v.add(keyPath("users", i, "username"), "nama pengguna (username) wajib diisi")
		case seen[u.Username]:
			v.add(keyPath("users", i, "username"), "nama pengguna %q dipakai lebih dari sekali", u.Username)
		}
		seen[u.Username] = true
		if strings.TrimSpace(u.Name) == "" {
			v.add(keyPath("users", i, "name"), "nama pengguna %q wajib diisi", u.Username)
		}
		if u.NIP != "" && !isDigits(u.NIP, 18) {
			v.add(keyPath("users", i, "nip"), "NIP %q harus 18 angka", u.NIP)
		}
		v.position(u.Position, true, fmt.Sprintf("untuk pengguna %q", u.Username), "users", i, "position")
	}
}

func (v *validator) checkChannels() {
	seen := map[string]bool{}
	for i, ch := range v.p.Channels {
		at := func(keys ...any) []any { return append([]any{"channels", i}, keys...) }
		switch {
		case ch.Code == "":
			v.add(keyPath(at("code")...), "kode saluran wajib diisi")
		case seen[ch.Code]:
			v.add(keyPath(at("code")...), "saluran %q ditulis lebih dari sekali", ch.Code)
		case ChannelLabel(ch.Code) == "":
			v.add(keyPath(at("code")...), "saluran %q tidak dikenal (pilih %s)", ch.Code, strings.Join(codesOf(ChannelCodes), ", "))
		}
		seen[ch.Code] = true
		if strings.TrimSpace(ch.Name) == "" {
			v.add(keyPath(at("name")...), "nama saluran %q wajib diisi", ch.Code)
		}
		where := fmt.Sprintf("pada saluran %q", ch.Code)
		v.duration(ch.Deadline, fmt.Sprintf("tenggat penyelesaian (deadline) saluran %q", ch.Code), at("deadline")...)
		if ch.FirstResponse != nil {
			v.duration(*ch.FirstResponse, fmt.Sprintf("tenggat tanggapan pertama (first_response) saluran %q", ch.Code), at("first_response")...)
		}
		v.position(ch.Receiver, true, "sebagai penerima (receiver) "+where, at("receiver")...)
		v.position(ch.Responsible, false, "sebagai penanggung jawab (responsible) "+where, at("responsible")...)
		for j, f := range ch.Identity.Required {
			v.identityField(f, where, at("identity", "required", j)...)
		}
		for j, group := range ch.Identity.AnyOf {
			if len(group) < 2 {
				v.add(keyPath(at("identity", "any_of", j)...), "kelompok any_of %s harus berisi paling sedikit dua isian", where)
			}
			for k, f := range group {
				v.identityField(f, where, at("identity", "any_of", j, k)...)
			}
		}
	}
}

func (v *validator) identityField(f, where string, at ...any) {
	if IdentityLabel(f) == "" {
		v.add(keyPath(at...), "isian identitas %q tidak dikenal %s (pilih %s)", f, where, strings.Join(codesOf(IdentityFields), ", "))
	}
}

func (v *validator) checkClasses() {
	seen := map[string]bool{}
	for i, c := range v.p.Classes {
		switch {
		case c.Code == "":
			v.add(keyPath("classes", i, "code"), "kode klasifikasi pengaduan wajib diisi")
		case seen[c.Code]:
			v.add(keyPath("classes", i, "code"), "klasifikasi %q ditulis lebih dari sekali", c.Code)
		}
		seen[c.Code] = true
		v.duration(c.Deadline, fmt.Sprintf("tenggat klasifikasi %q", c.Code), "classes", i, "deadline")
	}
}

func (v *validator) checkActions() {
	seen := map[Action]bool{}
	for i, r := range v.p.Actions {
		switch {
		case !slices.Contains(Actions, r.Action):
			v.add(keyPath("actions", i, "action"), "tindakan %q tidak dikenal", r.Action)
		case seen[r.Action]:
			v.add(keyPath("actions", i, "action"), "tindakan %q ditulis lebih dari sekali", r.Action)
		case r.Action == ActionEscalate && v.p.Escalation == nil:
			v.add(keyPath("actions", i, "action"), "tindakan eskalasi diberikan, tetapi bagian escalation (ke mana eskalasi) tidak diisi")
		}
		seen[r.Action] = true
		if len(r.Positions) == 0 {
			v.add(keyPath("actions", i, "positions"), "tindakan %q belum diberikan kepada posisi mana pun", r.Action)
		}
		for j, code := range r.Positions {
			v.position(code, true, fmt.Sprintf("pada tindakan %q", r.Action), "actions", i, "positions", j)
		}
	}
}

func (v *validator) checkDocuments() {
	seen := map[string]bool{}
	for i, d := range v.p.Documents {
		switch {
		case d.Code == "":
			v.add(keyPath("documents", i, "code"), "kode dokumen wajib diisi")
		case seen[d.Code]:
			v.add(keyPath("documents", i, "code"), "dokumen %q ditulis lebih dari sekali", d.Code)
		}
		seen[d.Code] = true
		if d.NumberFormat == "" {
			v.add(keyPath("documents", i, "number_format"), "format nomor dokumen %q wajib diisi", d.Code)
		} else if nf, err := ParseNumberFormat(d.NumberFormat); err != nil {
			v.add(keyPath("documents", i, "number_format"), "dokumen %q: %s", d.Code, ErrorMessage(err))
		} else {
			for _, f := range nf.Fields() {
				if !NumberFields[f] && d.Fields[f] == "" {
					v.add(keyPath("documents", i, "number_format"), "format nomor dokumen %q memakai {%s}, tetapi fields.%s tidak diisi", d.Code, f, f)
				}
			}
		}
		signs := 0
		for j, s := range d.Chain {
			where := fmt.Sprintf("pada rantai dokumen %q", d.Code)
			v.position(s.Position, true, where, "documents", i, "chain", j, "position")
			if !slices.Contains(chainStepKinds, s.Step) {
				v.add(keyPath("documents", i, "chain", j, "step"), "langkah %q tidak dikenal %s (pilih %s)", s.Step, where, strings.Join(chainStepKinds, ", "))
			}
			if s.Step == StepSign {
				signs++
			}
		}
		if len(d.Chain) > 0 && signs != 1 {
			v.add(keyPath("documents", i, "chain"), "rantai dokumen %q harus punya tepat satu langkah sign (tanda tangan), bukan %d", d.Code, signs)
		}
	}
	switch {
	case v.p.Agenda == "":
		v.add(keyPath("agenda"), "agenda wajib diisi: kode dokumen yang format nomornya dipakai untuk nomor agenda")
	case v.p.Document(v.p.Agenda) == nil:
		v.add(keyPath("agenda"), "dokumen agenda %q tidak ada di documents", v.p.Agenda)
	}
}

func (v *validator) checkEscalation() {
	if e := v.p.Escalation; e != nil {
		if strings.TrimSpace(e.To) == "" {
			v.add(keyPath("escalation", "to"), "tujuan eskalasi (to) wajib diisi")
		}
		if e.After < 0 {
			v.add(keyPath("escalation", "after"), "after tidak boleh negatif")
		}
	}
}

func (v *validator) checkReports() {
	for i, r := range v.p.Reports {
		if !slices.Contains(ReportPeriods, r.Period) {
			v.add(keyPath("reports", i, "period"), "periode laporan %q tidak dikenal (pilih %s)", r.Period, strings.Join(ReportPeriods, ", "))
		}
		if r.DueDay < 1 || r.DueDay > 28 {
			v.add(keyPath("reports", i, "due_day"), "tanggal batas laporan (due_day) harus 1 sampai 28, bukan %d", r.DueDay)
		}
		if strings.TrimSpace(r.Recipient) == "" {
			v.add(keyPath("reports", i, "recipient"), "penerima laporan (recipient) wajib diisi")
		}
		v.position(r.Responsible, true, "sebagai penyusun laporan", "reports", i, "responsible")
	}
}

func (v *validator) checkHolidays() {
	for i, h := range v.p.Holidays {
		if _, err := time.Parse(time.DateOnly, h.Date); err != nil {
			v.add(keyPath("holidays", i, "date"), "tanggal libur %q harus berbentuk TTTT-BB-HH, misalnya 2026-12-24", h.Date)
		}
	}
}

func (v *validator) checkPrivacy() {
	for i, code := range v.p.Privacy.ViewPersonal {
		v.position(code, true, "pada privacy.view_personal", "privacy", "view_personal", i)
	}
	v.position(v.p.Privacy.ComplaintOfficer, false, "sebagai petugas pengaduan (complaint_officer)", "privacy", "complaint_officer")
}
