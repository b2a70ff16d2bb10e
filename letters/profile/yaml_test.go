package profile

import (
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// Every part of a profile has a section name for unknown-key messages, so a
// new struct in letters.Profile is noticed here.
func TestEverySectionHasAName(t *testing.T) {
	for name := range sections {
		if sectionNames[name] == "" {
			t.Errorf("no section name for %s", name)
		}
	}
}

func TestLineOfFollowsKeysIndicesAndAliases(t *testing.T) {
	src := strings.Join([]string{
		"slug: x",                  // 1
		"channels:",                // 2
		"  - code: surat",          // 3
		"    deadline: &d",         // 4
		"      value: 0",           // 5
		"  - code: email",          // 6
		"    deadline: *d",         // 7
		"documents:",               // 8
		"  - code: agenda",         // 9
		"    number_format: \"x\"", // 10
	}, "\n")
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want int
	}{
		{"slug", 1},
		{"channels.0.deadline.value", 5},
		{"channels.1.deadline", 7},
		{"channels.1.deadline.value", 5}, // the anchored value
		{"channels.1.receiver", 6},       // missing key: the channel
		{"channels.9.code", 2},           // missing index: the sequence
		{"documents.0.number_format", 10},
		{"agenda", 1}, // missing top-level key: the document
	} {
		if got := lineOf(&root, strings.Split(tc.path, ".")); got != tc.want {
			t.Errorf("lineOf(%s) = %d, want %d", tc.path, got, tc.want)
		}
	}
}
