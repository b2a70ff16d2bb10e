package web

import (
	"time"

	"github.com/gin-gonic/gin"
)

// Route is one registered route: its method and gin path pattern, e.g.
// "GET", "/surat/:id".
type Route struct {
	Method string
	Path   string
}

// Routes lists every route Handler serves, in gin's order. Tests walk it to
// check access for every route and every position, including routes added
// later.
func (s *Server) Routes() []Route {
	a := &app{Server: s, log: s.Logger, now: s.Now}
	if a.now == nil {
		a.now = time.Now
	}
	releaseMode.Do(func() { gin.SetMode(gin.ReleaseMode) })
	e := gin.New()
	a.routes(e)
	var out []Route
	for _, r := range e.Routes() {
		out = append(out, Route{Method: r.Method, Path: r.Path})
	}
	return out
}
