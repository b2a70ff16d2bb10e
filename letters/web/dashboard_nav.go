package web

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"naskah/letters"
	"naskah/templates"
)

// taskCounter is the part of a TaskService that counts the user's tasks in
// one query, up to a cap (store.WorkflowService.CountMyTasks).
type taskCounter interface {
	CountMyTasks(ctx context.Context, upTo int) (int, error)
}

// nav is the navigation of a signed-in user's page: the number of open
// tasks ("Tugas saya (7)") and, for the heads and the positions that
// prepare reports, the link to the dashboard. The count is asked for only
// when the page is rendered (one COUNT query, up to letters.NavTaskCap),
// and only on GET: a form post ends in a redirect. nil when no one is
// signed in.
func (a *app) nav(c *gin.Context) *templates.Nav {
	ctx := c.Request.Context()
	user := letters.UserFromContext(ctx)
	if user == nil {
		return nil
	}
	nav := &templates.Nav{Dashboard: a.Profile.MayViewReports(user.Position)}
	counter, ok := a.TaskService.(taskCounter)
	if !ok || (c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead) {
		return nav
	}
	nav.Tasks = func() int {
		n, err := counter.CountMyTasks(ctx, letters.NavTaskCap)
		if err != nil {
			a.log.Error("web: count tasks", "user", user.Username, "err", err)
			return -1
		}
		return n
	}
	return nav
}
