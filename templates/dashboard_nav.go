package templates

import (
	"strconv"
	"sync"

	"naskah/letters"
)

// Nav is what the navigation shows beyond the links every user has: the
// number of open tasks and the link to the dashboard. The web layer puts
// one in every signed-in page's Base.
type Nav struct {
	// Tasks counts the user's open tasks; called at most once, and only
	// when a page is rendered. A negative count is not shown.
	Tasks func() int
	// Dashboard shows the link to /dasbor (heads and report preparers).
	Dashboard bool

	once  sync.Once
	count int
}

// NavTasks is the number of open tasks of the signed-in user, or -1 when
// it is not known (not signed in, no task service).
func (b Base) NavTasks() int {
	n := b.Nav
	if n == nil || n.Tasks == nil {
		return -1
	}
	n.once.Do(func() { n.count = n.Tasks() })
	return n.count
}

// SetTasks gives the count when the page has it already ("Tugas saya"
// counts further than the navigation): Tasks is not called. Nil-safe.
func (n *Nav) SetTasks(count int) {
	if n != nil {
		n.once.Do(func() { n.count = count })
	}
}

// NavTasksText is the count as the navigation shows it: "7", or "99+"
// once the count reached letters.NavTaskCap; "" for none or unknown.
func (b Base) NavTasksText() string {
	n := b.NavTasks()
	switch {
	case n <= 0:
		return ""
	case n >= letters.NavTaskCap:
		return groupThousands(letters.NavTaskCap-1) + "+"
	}
	return strconv.Itoa(n)
}

// NavDashboard reports whether the navigation links to the dashboard.
func (b Base) NavDashboard() bool { return b.Nav != nil && b.Nav.Dashboard }

// groupThousands writes n with dots between thousands, as Indonesians
// write numbers: 14270 → "14.270".
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}
