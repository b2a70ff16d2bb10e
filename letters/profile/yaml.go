package profile

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"naskah/letters"
)

// lineOf returns the line of the value at path (keys and sequence indices)
// in the document under root. Where the path ends in a key, the key's line
// is given; where part of the path is missing (a required key left out),
// the line of the deepest part that exists.
func lineOf(root *yaml.Node, path []string) int {
	n := root
	line := 1
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
		line = n.Line
	}
	for _, key := range path {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		next, keyLine := child(n, key)
		if next == nil {
			return line
		}
		n, line = next, keyLine
	}
	return line
}

// child returns the value under key in a mapping or at index key in a
// sequence, and the line to report for it.
func child(n *yaml.Node, key string) (*yaml.Node, int) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				return n.Content[i+1], n.Content[i].Line
			}
		}
	case yaml.SequenceNode:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i], n.Content[i].Line
		}
	}
	return nil, 0
}

var (
	reLine       = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	reUnknownKey = regexp.MustCompile(`^field (.+) not found in type (\S+)$`)
	reDuplicate  = regexp.MustCompile(`^(?:mapping key "(.*)" already defined at line (\d+)|field (.+) already set in type \S+)$`)
	reType       = regexp.MustCompile("^cannot unmarshal (!!\\w+)(?: `(.*)`)? into (.+)$")
)

// yamlProblem turns one yaml.v3 error text into Indonesian: "baris N: …".
func yamlProblem(msg string) string {
	m := reLine.FindStringSubmatch(msg)
	if m == nil {
		return "susunan YAML rusak: " + strings.TrimPrefix(msg, "yaml: ")
	}
	line, detail := m[1], m[2]
	if k := reUnknownKey.FindStringSubmatch(detail); k != nil {
		section, known := sectionKeys(k[2])
		return fmt.Sprintf("baris %s: kunci %q tidak dikenal di bagian %s (yang dikenal: %s)", line, k[1], section, strings.Join(known, ", "))
	}
	if k := reDuplicate.FindStringSubmatch(detail); k != nil {
		if k[1] != "" {
			return fmt.Sprintf("baris %s: kunci %q ditulis dua kali (pertama di baris %s)", line, k[1], k[2])
		}
		return fmt.Sprintf("baris %s: kunci %q ditulis dua kali", line, k[3])
	}
	if k := reType.FindStringSubmatch(detail); k != nil {
		return fmt.Sprintf("baris %s: nilai %s %s", line, describeValue(k[1], k[2]), expected(k[3]))
	}
	return fmt.Sprintf("baris %s: susunan YAML rusak: %s", line, detail)
}

func describeValue(tag, value string) string {
	switch tag {
	case "!!seq":
		return "berupa daftar"
	case "!!map":
		return "berupa bagian berisi kunci"
	}
	return strconv.Quote(value)
}

// expected says what a Go type wants, in words.
func expected(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "tidak sesuai: di sini harus berupa daftar (baris diawali \"- \")"
	case strings.HasPrefix(goType, "map["):
		return "tidak sesuai: di sini harus berupa pasangan kunci: nilai"
	case goType == "int":
		return "tidak sesuai: di sini harus bilangan bulat"
	case goType == "bool":
		return "tidak sesuai: di sini harus true atau false"
	case goType == "string" || goType == "letters.Action":
		return "tidak sesuai: di sini harus teks"
	}
	return "tidak sesuai: di sini harus berupa bagian berisi kunci"
}

// sections maps the Go type names yaml.v3 reports to the profile's section
// names and their keys.
var sections = func() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || out[t.String()] != nil {
			return
		}
		out[t.String()] = t
		for i := 0; i < t.NumField(); i++ {
			walk(t.Field(i).Type)
		}
	}
	walk(reflect.TypeOf(letters.Profile{}))
	return out
}()

var sectionNames = map[string]string{
	"letters.Profile": "tingkat teratas", "letters.Office": "office", "letters.Service": "service",
	"letters.Position": "positions", "letters.ProfileUser": "users", "letters.Channel": "channels",
	"letters.Identity": "identity", "letters.Duration": "tenggat", "letters.Class": "classes",
	"letters.ActionRule": "actions", "letters.Document": "documents", "letters.ChainStep": "chain",
	"letters.Escalation": "escalation", "letters.ReportDuty": "reports", "letters.Holiday": "holidays",
	"letters.Privacy": "privacy", "letters.DispositionRules": "disposition",
}

// sectionKeys returns a section's name and the keys it knows.
func sectionKeys(goType string) (string, []string) {
	name := sectionNames[goType]
	if name == "" {
		name = goType
	}
	t := sections[goType]
	if t == nil {
		return name, nil
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" && tag != "-" {
			keys = append(keys, tag)
		}
	}
	return name, keys
}
