// Package profile loads office profiles from YAML: the five seed offices are
// embedded in the binary, and an office may write its own file. Every
// profile is validated on load; problems are reported with their line.
package profile

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"naskah/letters"
)

//go:embed profiles/*.yaml
var embedded embed.FS

// Names returns the slugs of the embedded profiles, sorted.
func Names() []string {
	entries, err := fs.ReadDir(embedded, "profiles")
	if err != nil {
		panic("profile: embedded profiles: " + err.Error()) // cannot happen with go:embed
	}
	var out []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Source returns the YAML text of the embedded profile name, e.g. for
// `naskah profiles show` or as the start of an office's own file. ENOTFOUND
// for an unknown name.
func Source(name string) ([]byte, error) {
	var data []byte
	err := fs.ErrNotExist
	if name != "" && !strings.ContainsAny(name, `/\.`) {
		data, err = embedded.ReadFile("profiles/" + name + ".yaml")
	}
	if err != nil {
		return nil, letters.Errorf(letters.ENOTFOUND, "Profil kantor %q tidak ada. Profil bawaan: %s.", name, strings.Join(Names(), ", "))
	}
	return data, nil
}

// Load returns the profile called name: an embedded profile's slug
// (bkad-kalbar), or the path of a YAML file (./kantor.yaml). ENOTFOUND for an
// unknown name or a missing file; EINVALID, listing every problem with its
// line, for a profile that cannot run. A relative office.logo in a file is
// resolved against the file's directory and must exist.
func Load(name string) (*letters.Profile, error) {
	if !isPath(name) {
		data, err := Source(name)
		if err != nil {
			return nil, err
		}
		p, err := Parse(data, name+".yaml")
		if err != nil {
			return nil, err
		}
		if p.Slug != name {
			return nil, letters.Errorf(letters.EINVALID, "%s.yaml: slug %q harus sama dengan nama profil %q.", name, p.Slug, name)
		}
		return p, nil
	}
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, letters.Errorf(letters.ENOTFOUND, "Berkas profil %q tidak ditemukan.", name)
	} else if err != nil {
		return nil, fmt.Errorf("reading profile %s: %w", name, err)
	}
	p, err := Parse(data, name)
	if err != nil {
		return nil, err
	}
	if logo := p.Office.Logo; logo != "" {
		if !filepath.IsAbs(logo) {
			logo = filepath.Join(filepath.Dir(name), logo)
		}
		if _, err := os.Stat(logo); err != nil {
			return nil, letters.Errorf(letters.EINVALID, "%s: berkas logo (office.logo) %q tidak ditemukan.", name, p.Office.Logo)
		}
		p.Office.Logo = logo
	}
	return p, nil
}

// isPath tells a file path from an embedded profile's slug.
func isPath(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") || strings.ContainsAny(name, `/\`)
}

// Parse decodes and validates a profile. source names the file in messages
// ("bkad-kalbar.yaml"). Unknown keys are refused. The error is a
// *letters.Error with code EINVALID whose Message has one line per problem:
//
//	bkad-kalbar.yaml baris 42: posisi "kabid" tidak dikenal pada rantai dokumen "surat_jawaban"
func Parse(data []byte, source string) (*letters.Profile, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, invalid(source, []string{yamlProblem(err.Error())})
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, letters.Errorf(letters.EINVALID, "%s: berkas profil kosong.", source)
	}
	var p letters.Profile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			problems := make([]string, len(te.Errors))
			for i, e := range te.Errors {
				problems[i] = yamlProblem(e)
			}
			return nil, invalid(source, problems)
		} else if errors.Is(err, io.EOF) {
			return nil, letters.Errorf(letters.EINVALID, "%s: berkas profil kosong.", source)
		}
		return nil, invalid(source, []string{yamlProblem(err.Error())})
	}
	if errs := validate(&p); len(errs) > 0 {
		problems := make([]string, len(errs))
		for i, e := range errs {
			problems[i] = fmt.Sprintf("baris %d: %s", lineOf(&root, e.Path), e.Message)
		}
		return nil, invalid(source, problems)
	}
	return &p, nil
}

// invalid joins problems ("baris N: …") into one EINVALID error, each line
// prefixed with the source.
func invalid(source string, problems []string) error {
	var b strings.Builder
	for i, pr := range problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if strings.HasPrefix(pr, "baris ") {
			b.WriteString(source + " " + pr)
		} else {
			b.WriteString(source + ": " + pr)
		}
	}
	return &letters.Error{Code: letters.EINVALID, Message: b.String()}
}
