package templates

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
	"time"

	"naskah/letters"
)

// The rows as the views wrote them with {{range}} before rows.go: the
// reference the Go writers must match byte for byte.
const referenceRows = `
{{- define "agenda"}}
    {{- range .}}
    <tr{{if .Overdue}} class="late"{{end}}>
      <td><a href="/surat/{{.ID}}">{{if .AgendaNumber}}{{.AgendaNumber}}{{else}}(belum diagendakan){{end}}</a></td>
      <td>{{date .ReceivedAt}}</td>
      <td>{{.Channel}}</td>
      <td><a href="/surat/{{.ID}}">{{.Subject}}</a></td>
      <td>{{.Complainant}}</td>
      <td><span class="badge {{statusClass .Status}}">{{.Status.Label}}</span></td>
      <td>{{date .Deadline}}{{if .Overdue}} <strong class="late-mark">terlambat</strong>{{end}}</td>
    </tr>
    {{- end}}
{{- end}}
{{- define "tasks"}}
  {{- range .}}
  <tr{{if .Deadline.Overdue}} class="late"{{end}}>
    <td><a href="{{.URL}}">{{.Kind}}</a></td>
    <td>{{.AgendaNumber}}</td>
    <td>{{.Subject}}</td>
    <td>{{.Document}}</td>
    <td>{{.Position}}</td>
    <td>{{datetime .Deadline.At}}<br><span class="{{if .Deadline.Overdue}}late-mark{{else}}muted{{end}}">{{.Deadline.Left}}</span></td>
  </tr>
  {{- end}}
{{- end}}
{{- define "overdue"}}
  {{- range .}}
  <tr class="late">
    <td><a href="{{.URL}}">{{.AgendaNumber}}</a></td>
    <td>{{.Subject}}</td>
    <td><span class="badge {{statusClass .Status}}">{{.Status.Label}}</span></td>
    <td>{{.Position}}</td>
    <td>{{datetime .Deadline.At}}<br><span class="late-mark">{{.Deadline.Left}}</span></td>
  </tr>
  {{- end}}
{{- end}}`

// checkRows renders the same rows through the reference templates and the
// Go writers and fails on any difference.
func checkRows(t *testing.T, text, url string, overdue bool) {
	t.Helper()
	tpl := &Templates{Location: time.FixedZone("WIB", 7*3600)}
	ref := template.Must(template.New("ref").Funcs(tpl.funcs()).Parse(referenceRows))
	at := time.Date(2026, 11, 25, 2, 30, 0, 0, time.UTC)
	agenda := []AgendaRow{
		{ID: 42, AgendaNumber: text, ReceivedAt: at, Channel: text, Subject: text, Complainant: text,
			Status: letters.Status(text), Deadline: at, Overdue: overdue},
		{ID: 7, Subject: "Jalan rusak", Status: letters.StatusRegistered},
	}
	tasks := []TaskRow{
		{Kind: text, URL: url, AgendaNumber: text, Subject: text, Document: text, Position: text,
			Status: letters.StatusReceived, Deadline: Due{At: at, Left: text, Overdue: overdue}},
		{Kind: "Paraf", URL: "/surat/7/draf?versi=2&x=a+b", Deadline: Due{Left: "hari ini"}},
	}
	for _, c := range []struct {
		name string
		data any
		got  template.HTML
	}{
		{"agenda", agenda, tpl.agendaRows(agenda)},
		{"tasks", tasks, tpl.taskRows(tasks)},
		{"overdue", tasks, tpl.overdueRows(tasks)},
	} {
		var want bytes.Buffer
		if err := ref.ExecuteTemplate(&want, c.name, c.data); err != nil {
			t.Fatal(err)
		}
		if string(c.got) != want.String() {
			t.Errorf("%s rows for text %q, url %q:\n got %s\nwant %s", c.name, text, url, c.got, want.String())
		}
	}
}

func TestRowsMatchTheTemplates(t *testing.T) {
	for _, c := range []struct{ text, url string }{
		{"Pengaduan jalan rusak", "/surat/12"},
		{`<script>alert("x")</script> & 'kutip' + plus`, `/surat/1?q=<b>"x"</b>&a='1'`},
		{"nul\x00byte é ü 日本", "/surat/1/draf baru?é=1"},
		{"", "javascript:alert(1)"},
		{"mailto", "MAILTO:x@example.go.id"},
		{"http", "https://lapor.go.id/x?y=1"},
		{"colon later", "/surat/1?a=b:c"},
		{"data", "data:text/html,<b>x</b>"},
	} {
		checkRows(t, c.text, c.url, true)
		checkRows(t, c.text, c.url, false)
	}
}

func FuzzRows(f *testing.F) {
	f.Add("Pengaduan <b>", "/surat/1?x=1&y=2", true)
	f.Add("x\x00'\"+", "javascript:x", false)
	f.Fuzz(func(t *testing.T, text, url string, overdue bool) {
		if !strings.ContainsRune(text+url, '\uFFFD') { // invalid UTF-8 is printed by each in its own way
			checkRows(t, text, url, overdue)
		}
	})
}
