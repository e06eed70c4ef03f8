package web

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// The UI languages; Japanese is the default.
const (
	langJa = "ja"
	langEn = "en"
)

// langCookie remembers the language a browser chose.
const langCookie = "gyakusan_lang"

func validLang(l string) bool { return l == langJa || l == langEn }

type langKey struct{}

// language decides the request's language: a ?lang= switch (remembered in
// a cookie), the cookie, the signed-in user's profile, Accept-Language,
// and Japanese when nothing says otherwise.
func (s *Server) language(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := ""
		if q := r.URL.Query().Get("lang"); validLang(q) {
			lang = q
			s.setLangCookie(w, q)
		} else if c, err := r.Cookie(langCookie); err == nil && validLang(c.Value) {
			lang = c.Value
		} else if p, ok := principalFrom(r.Context()); ok && validLang(p.User.Lang) {
			lang = p.User.Lang
		} else {
			lang = acceptLanguage(r.Header.Get("Accept-Language"))
		}
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), langKey{}, lang)))
	})
}

// langOf returns the language language() chose for r.
func langOf(r *http.Request) string {
	if l, ok := r.Context().Value(langKey{}).(string); ok {
		return l
	}
	return langJa
}

func (s *Server) setLangCookie(w http.ResponseWriter, lang string) {
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// setLang is the language switch: it remembers the choice in a cookie and,
// for a signed-in user, in their profile, then goes back to the page.
func (s *Server) setLang(w http.ResponseWriter, r *http.Request) {
	lang := r.PostFormValue("lang")
	if !validLang(lang) {
		s.fail(w, r, invalidField("lang", langJa+", "+langEn))
		return
	}
	s.setLangCookie(w, lang)
	if p, ok := principalFrom(r.Context()); ok {
		if err := s.d.Users.SetUserLang(r.Context(), p.User.ID, lang); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	next := localPath(r.PostFormValue("next"))
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// acceptLanguage picks ja or en from an Accept-Language header by weight.
func acceptLanguage(h string) string {
	type choice struct {
		lang string
		q    float64
		pos  int
	}
	var cs []choice
	for i, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if validLang(base) && q > 0 {
			cs = append(cs, choice{base, q, i})
		}
	}
	if len(cs) == 0 {
		return langJa
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].q > cs[j].q })
	return cs[0].lang
}

// dict is the UI text of one language, key → text. Templates read it as
// {{.T.key}}; a test checks that every key they use exists in both.
type dict map[string]string

func dictFor(lang string) dict {
	if lang == langEn {
		return dictEn
	}
	return dictJa
}
