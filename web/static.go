package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
)

//go:embed static
var staticFS embed.FS

var staticTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
}

// staticETags holds a content hash per embedded file, so that browsers
// revalidate cheaply (304) and never run a stale script after an upgrade.
var staticETags = func() map[string]string {
	m := map[string]string{}
	fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := staticFS.ReadFile(p)
			sum := sha256.Sum256(b)
			m[path.Base(p)] = `"` + hex.EncodeToString(sum[:8]) + `"`
		}
		return nil
	})
	return m
}()

// static serves the embedded CSS and script.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	ctype, known := staticTypes[path.Ext(name)]
	etag, ok := staticETags[name]
	if !known || !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	b, _ := staticFS.ReadFile("static/" + name)
	w.Write(b)
}

// home sends signed-in users to their plans and others to the login.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	if _, ok := principalFrom(r.Context()); ok {
		http.Redirect(w, r, "/plans", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
