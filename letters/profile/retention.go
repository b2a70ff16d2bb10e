package profile

import "naskah/letters"

// The retention section is named in messages about unknown keys like the
// other sections (yaml.go).
func init() { sectionNames["letters.Retention"] = "retention" }

// validate returns every problem of p: Profile.Validate's and those of the
// retention setting (letters/retention.go), each with the path to its line.
func validate(p *letters.Profile) []letters.ValidationError {
	return append(p.Validate(), p.Retention.Validate()...)
}
