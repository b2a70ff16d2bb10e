package web

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"

	"naskah/templates"
)

var staticFiles = templates.Static()

// static: GET /static/*file serves the embedded style sheet; files only,
// no directory listings.
func (a *app) static(c *gin.Context) {
	name := strings.TrimPrefix(path.Clean(c.Param("file")), "/")
	info, err := fs.Stat(staticFiles, name)
	if name == "" || err != nil || info.IsDir() {
		c.Status(http.StatusNotFound)
		return
	}
	c.Header("Cache-Control", "public, max-age=3600")
	http.ServeFileFS(c.Writer, c.Request, staticFiles, name)
}
