package web

import (
	"net/http"

	"gyakusan"
	"gyakusan/password"
)

// invitePage lets the person an invitation names join: an existing user
// confirms with their password, a new one chooses a password.
type invitePage struct {
	page
	Email    string
	OrgName  string
	Role     gyakusan.Role
	Existing bool // the email has an account already
	Errors   []string
}

// invitation finds the invitation of the link's secret; a wrong, used or
// expired one answers 404 with a message that says so.
func (s *Server) invitation(r *http.Request) (gyakusan.Invitation, error) {
	secret := r.PathValue("secret")
	if !password.LooksLike(secret, password.InvitationPrefix) {
		return gyakusan.Invitation{}, s.invitationGone()
	}
	inv, err := s.d.Sessions.InvitationBySecret(r.Context(), secret, s.now())
	if gyakusan.ErrorCode(err) == gyakusan.CodeNotFound {
		return gyakusan.Invitation{}, s.invitationGone()
	}
	return inv, err
}

func (s *Server) invitationGone() error {
	return gyakusan.Localized(gyakusan.CodeNotFound,
		"この招待リンクは無効か、期限切れか、既に使われています。招待した人に新しいリンクを依頼してください。",
		"This invitation link is not valid, has expired or was already used. Ask the person who invited you for a new link.")
}

// newInvitePage finds the link's invitation and builds its page: the
// organization's name and whether the invitee has an account already.
func (s *Server) newInvitePage(r *http.Request) (gyakusan.Invitation, *invitePage, error) {
	ctx := r.Context()
	inv, err := s.invitation(r)
	if err != nil {
		return inv, nil, err
	}
	pg := &invitePage{page: s.page(r, "invite_title"), Email: inv.Email, Role: inv.Role}
	if ms, err := s.d.Users.Members(ctx, inv.OrgID); err == nil && len(ms) > 0 {
		pg.OrgName = ms[0].Org.Name
	}
	_, _, err = s.d.Users.UserByEmail(ctx, inv.Email)
	switch gyakusan.ErrorCode(err) {
	case "":
		pg.Existing = true
	case gyakusan.CodeNotFound:
	default:
		return inv, nil, err
	}
	return inv, pg, nil
}

func (s *Server) invitePage(w http.ResponseWriter, r *http.Request) {
	_, pg, err := s.newInvitePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "invite", pg)
}

// acceptInvite joins the organization and signs the invitee in. The
// invitation is used up only once the input is good.
func (s *Server) acceptInvite(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	inv, pg, err := s.newInvitePage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	parseSmallForm(w, r)
	noStore(w)
	pw := r.PostForm.Get("password")
	var u gyakusan.User
	var hash string
	if pg.Existing {
		var why refusal
		if u, why, err = s.checkPassword(r, inv.Email, pw); err != nil {
			s.fail(w, r, err)
			return
		}
		if why != accepted {
			status, key := why.answer()
			pg.Errors = []string{pg.T[key]}
			s.render(w, r, status, "invite", pg)
			return
		}
	} else {
		if pg.Errors = newPasswordProblems(pg.Lang, pw, r.PostForm.Get("password2")); len(pg.Errors) > 0 {
			s.render(w, r, http.StatusUnprocessableEntity, "invite", pg)
			return
		}
		if hash, err = password.Hash(pw); err != nil {
			s.fail(w, r, password.Problem(err))
			return
		}
	}
	u, err = s.d.Sessions.AcceptInvitation(ctx, inv.ID, u.ID, hash, s.now())
	if err != nil {
		if gyakusan.ErrorCode(err) == gyakusan.CodeConflict && pg.Existing {
			err = s.invitationGone()
		}
		s.fail(w, r, err)
		return
	}
	if err := s.startSession(w, r, u.ID, inv.OrgID); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/plans?flash=joined", http.StatusSeeOther)
}
