package mail

import (
	"html"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// HTML from mail is kept for display only, sanitised with bluemonday (the
// maintained HTML sanitiser for Go, allow-list based, used by Gitea and
// others). The policy keeps text formatting, lists, tables and links
// (http, https, mailto; rel="nofollow noopener", new tab) and nothing else:
// no scripts, styles, event handlers, forms, frames, and no images, so
// opening a message loads nothing from outside (no tracking pixels; inline
// images are stored as attachments). The page that shows it must still
// treat it as untrusted; it is never rendered raw.
var (
	displayPolicy = func() *bluemonday.Policy {
		p := bluemonday.NewPolicy()
		p.AllowElements("p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "strike", "small",
			"sub", "sup", "blockquote", "pre", "code", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "center")
		p.AllowLists()
		p.AllowTables()
		p.AllowAttrs("href").OnElements("a")
		p.AllowURLSchemes("http", "https", "mailto")
		p.RequireParseableURLs(true)
		p.RequireNoFollowOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(true)
		return p
	}()
	stripPolicy = bluemonday.StrictPolicy()

	blockBreak = regexp.MustCompile(`(?i)<\s*(br|/p|/div|/tr|/li|/h[1-6]|/blockquote)\b[^>]*>`)
	dropBlocks = regexp.MustCompile(`(?is)<\s*(script|style|head)\b.*?<\s*/\s*(script|style|head)\s*>`)
	blankLines = regexp.MustCompile(`\n{3,}`)
)

// sanitizeHTML returns the HTML safe to show, or "".
func sanitizeHTML(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return strings.TrimSpace(displayPolicy.Sanitize(s))
}

// htmlToText turns an HTML body into plain text for the letter's body and
// the search index: block ends become line breaks, tags go, entities are
// decoded.
func htmlToText(s string) string {
	s = dropBlocks.ReplaceAllString(s, "")
	s = blockBreak.ReplaceAllString(s, "\n$0")
	s = html.UnescapeString(stripPolicy.Sanitize(s))
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}
