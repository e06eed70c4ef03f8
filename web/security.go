package web

import (
	"net/http"
)

// contentSecurityPolicy allows only this site's own script, style and
// images (plus data: images for inline icons): no inline script, no framing,
// no foreign form targets.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// secure sets the security headers on every response, bounds every request
// body (handlers that need less bound it further), and, when the site is
// served over TLS, tells browsers to keep using it.
func (s *Server) secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		if s.cfg.SecureCookies {
			hd.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(r))
		}
		h.ServeHTTP(w, r)
	})
}

// noStore keeps a response out of every cache: pages that show a secret
// once (a new token, an invitation link) and the sign-in pages.
func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }

// maxFormBody bounds the small forms of the account pages (sign-in, setup,
// members, tokens): a password of MaxBytes, percent-encoded, fits easily.
const maxFormBody = 16 << 10

// parseSmallForm reads a form body of at most maxFormBody bytes; a larger
// one leaves the form empty, which the handler reports as missing fields.
func parseSmallForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	_ = r.ParseForm()
}

// protect wraps the whole server in the security layers: headers and body
// limits on every response, then the cross-origin (CSRF) check.
func (s *Server) protect(h http.Handler) (http.Handler, error) {
	c, err := s.newCrossOrigin()
	if err != nil {
		return nil, err
	}
	return s.secure(s.csrf(c, h)), nil
}
