package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"gyakusan"
	"gyakusan/password"
)

// invitationTTL is how long an invitation link works.
const invitationTTL = 7 * 24 * time.Hour

// membersPage lists the organization's members for its owners, with the
// invitation form; after an invitation it shows the link, once.
type membersPage struct {
	page
	Members     []gyakusan.Membership
	Roles       []gyakusan.Role
	InviteEmail string
	InviteRole  gyakusan.Role
	InviteLink  string
	InviteUntil string // the link's last day, YYYY-MM-DD
	Errors      []string
}

var allRoles = []gyakusan.Role{gyakusan.RoleOwner, gyakusan.RoleEditor, gyakusan.RoleViewer}

func (s *Server) newMembersPage(r *http.Request) (*membersPage, error) {
	p, _ := principalFrom(r.Context())
	ms, err := s.d.Users.Members(r.Context(), p.Org.ID)
	if err != nil {
		return nil, err
	}
	return &membersPage{page: s.page(r, "members_title"), Members: ms, Roles: allRoles, InviteRole: gyakusan.RoleEditor}, nil
}

func (s *Server) membersPage(w http.ResponseWriter, r *http.Request) {
	pg, err := s.newMembersPage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "members", pg)
}

// member returns the membership {user} of the principal's organization: a
// user of another organization answers 404 like an unknown id.
func (s *Server) member(r *http.Request) (gyakusan.Membership, error) {
	p, _ := principalFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("user"), 10, 64)
	if err != nil {
		return gyakusan.Membership{}, &gyakusan.Error{Code: gyakusan.CodeNotFound}
	}
	return s.d.Users.Membership(r.Context(), p.Org.ID, id)
}

// lastOwner answers a conflict when m is the organization's only owner,
// who may neither leave nor step down: someone must manage the members.
func (s *Server) lastOwner(r *http.Request, m gyakusan.Membership) error {
	if m.Role != gyakusan.RoleOwner {
		return nil
	}
	ms, err := s.d.Users.Members(r.Context(), m.Org.ID)
	if err != nil {
		return err
	}
	owners := 0
	for _, x := range ms {
		if x.Role == gyakusan.RoleOwner {
			owners++
		}
	}
	if owners > 1 {
		return nil
	}
	return gyakusan.Localized(gyakusan.CodeConflict,
		"組織には少なくとも1人のオーナーが必要です。先に別のメンバーをオーナーにしてください。",
		"An organization needs at least one owner. Make another member an owner first.")
}

// setRole changes a member's role.
func (s *Server) setRole(w http.ResponseWriter, r *http.Request) {
	m, err := s.member(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	parseSmallForm(w, r)
	role := gyakusan.Role(r.PostForm.Get("role"))
	if !gyakusan.ValidRole(role) {
		s.fail(w, r, invalidField("role", "owner, editor, viewer"))
		return
	}
	if role != gyakusan.RoleOwner {
		if err := s.lastOwner(r, m); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if err := s.d.Users.AddMember(r.Context(), m.Org.ID, m.User.ID, role); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/members?flash=role_changed", http.StatusSeeOther)
}

// removeMember takes a member out of the organization; their sessions move
// to another organization of theirs, and their tokens for this one die.
func (s *Server) removeMember(w http.ResponseWriter, r *http.Request) {
	m, err := s.member(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.lastOwner(r, m); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.d.Users.RemoveMember(r.Context(), m.Org.ID, m.User.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	if p, _ := principalFrom(r.Context()); p.User.ID == m.User.ID {
		http.Redirect(w, r, "/plans", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/members?flash=member_removed", http.StatusSeeOther)
}

// invite creates an invitation link for an email and a role and shows it
// once: only its hash is stored.
func (s *Server) invite(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, _ := principalFrom(ctx)
	parseSmallForm(w, r)
	pg, err := s.newMembersPage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.InviteEmail = gyakusan.NormalizeEmail(r.PostForm.Get("email"))
	pg.InviteRole = gyakusan.Role(r.PostForm.Get("role"))
	if err := gyakusan.CheckEmail(pg.InviteEmail); err != nil {
		pg.Errors = append(pg.Errors, messageOf(err, pg.Lang))
	}
	if !gyakusan.ValidRole(pg.InviteRole) {
		// An unknown role would leave the menu on its first entry, owner.
		pg.InviteRole = gyakusan.RoleEditor
		pg.Errors = append(pg.Errors, pg.T["role_invalid"])
	}
	for _, m := range pg.Members {
		if m.User.Email == pg.InviteEmail {
			pg.Errors = append(pg.Errors, pg.T["already_member"])
		}
	}
	if len(pg.Errors) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, "members", pg)
		return
	}
	secret := password.NewSecret(password.InvitationPrefix)
	inv, err := s.d.Sessions.CreateInvitation(ctx, gyakusan.Invitation{
		OrgID: p.Org.ID, Email: pg.InviteEmail, Role: pg.InviteRole, CreatedBy: p.User.ID,
		ExpiresAt: s.now().Add(invitationTTL),
	}, secret)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.InviteLink = s.origin(r) + "/invite/" + url.PathEscape(secret)
	pg.InviteUntil = inv.ExpiresAt.Format(time.DateOnly)
	noStore(w)
	s.render(w, r, http.StatusOK, "members", pg)
}

// origin is the site's scheme and host as the browser sees it, for links
// people copy elsewhere.
func (s *Server) origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || s.cfg.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
