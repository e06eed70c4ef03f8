package web

import (
	"fmt"
	"net/http"
	"strings"

	"gyakusan"
)

// newCrossOrigin returns the CSRF protection: the standard library's
// cross-origin check (Sec-Fetch-Site, else Origin against Host) with the
// configured trusted origins, e.g. the public address of a reverse proxy
// that rewrites Host.
func (s *Server) newCrossOrigin() (*http.CrossOriginProtection, error) {
	c := http.NewCrossOriginProtection()
	for _, o := range s.cfg.TrustedOrigins {
		if err := c.AddTrustedOrigin(strings.TrimRight(o, "/")); err != nil {
			return nil, fmt.Errorf("web: trusted origin %q: %w", o, err)
		}
	}
	c.SetDenyHandler(s.language(http.HandlerFunc(s.crossOriginDenied)))
	return c, nil
}

// csrf refuses state-changing requests a browser sends from another site.
// Safe methods pass (no GET changes state: a test walks the route table),
// and so do API requests that carry a bearer token and no cookie: a script
// holding a token is not a browser that another site can drive.
func (s *Server) csrf(c *http.CrossOriginProtection, h http.Handler) http.Handler {
	protected := c.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isAPI(r) && bearer(r) != "" && len(r.Cookies()) == 0 {
			h.ServeHTTP(w, r)
			return
		}
		protected.ServeHTTP(w, r)
	})
}

func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, gyakusan.Localized(gyakusan.CodeForbidden,
		"別のサイトから送られたリクエストのため受け付けませんでした。ページを再読み込みしてからやり直してください。",
		"This request came from another site and was refused. Reload the page and try again."))
}

// bearer returns the token of an "Authorization: Bearer" header, or "".
func bearer(r *http.Request) string {
	auth := r.Header.Get("Authorization")
	if len(auth) < 7 || !strings.EqualFold(auth[:7], "Bearer ") {
		return ""
	}
	return strings.TrimSpace(auth[7:])
}
