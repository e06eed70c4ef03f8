package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gyakusan"
	"gyakusan/password"
)

// tokensPage lists the user's API tokens; right after creating one it shows
// the secret, once.
type tokensPage struct {
	page
	Tokens  []tokenRow
	New     string // the secret just created
	NewName string
	Name    string // the typed name, kept when it is refused
	Errors  []string
}

type tokenRow struct {
	gyakusan.Token
	OrgName           string
	CreatedOn, UsedOn string // dates, YYYY-MM-DD; UsedOn empty when never used
}

func (s *Server) newTokensPage(r *http.Request) (*tokensPage, error) {
	p, _ := principalFrom(r.Context())
	ts, err := s.d.Sessions.Tokens(r.Context(), p.User.ID)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, m := range p.Orgs {
		names[m.Org.ID] = m.Org.Name
	}
	pg := &tokensPage{page: s.page(r, "tokens_title")}
	for _, t := range ts {
		row := tokenRow{Token: t, OrgName: names[t.OrgID], CreatedOn: t.Created.Format(time.DateOnly)}
		if t.LastUsed != nil {
			row.UsedOn = t.LastUsed.Format(time.DateOnly)
		}
		pg.Tokens = append(pg.Tokens, row)
	}
	return pg, nil
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request) {
	pg, err := s.newTokensPage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "tokens", pg)
}

// createToken makes a token for the current organization and shows it once.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	parseSmallForm(w, r)
	name := strings.TrimSpace(r.PostForm.Get("name"))
	if utf8.RuneCountInString(name) > 100 {
		pg, err := s.newTokensPage(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		pg.Name, pg.Errors = name, []string{pg.T["token_name_long"]}
		s.render(w, r, http.StatusUnprocessableEntity, "tokens", pg)
		return
	}
	secret := password.NewSecret(password.TokenPrefix)
	if _, err := s.d.Sessions.CreateToken(r.Context(), gyakusan.Token{UserID: p.User.ID, OrgID: p.Org.ID, Name: name}, secret); err != nil {
		s.fail(w, r, err)
		return
	}
	pg, err := s.newTokensPage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.New, pg.NewName = secret, name
	noStore(w)
	s.render(w, r, http.StatusOK, "tokens", pg)
}

// revokeToken ends one of the user's tokens; another user's token answers
// 404 like an unknown one.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("token"), 10, 64)
	if err != nil {
		s.fail(w, r, &gyakusan.Error{Code: gyakusan.CodeNotFound})
		return
	}
	if err := s.d.Sessions.RevokeToken(r.Context(), p.User.ID, id); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/tokens?flash=token_revoked", http.StatusSeeOther)
}
