package gyakusan

import (
	"context"
	"time"
)

// Role is what a member may do in an organization.
type Role string

// The roles, from most to least powerful.
const (
	RoleOwner  Role = "owner"  // members, settings, and all an editor does
	RoleEditor Role = "editor" // plans, imports
	RoleViewer Role = "viewer" // read only
)

// Can reports whether the role includes the rights of need.
func (r Role) Can(need Role) bool { return roleRank[r] >= roleRank[need] && roleRank[need] > 0 }

var roleRank = map[Role]int{RoleViewer: 1, RoleEditor: 2, RoleOwner: 3}

// ValidRole reports whether r is one of the roles.
func ValidRole(r Role) bool { return roleRank[r] > 0 }

// Org is an organization: the tenant every plan and lead belongs to.
type Org struct {
	ID      int64
	Name    string
	Created time.Time
}

// User is a person who signs in with an email and a password.
type User struct {
	ID      int64
	Email   string
	Name    string
	Lang    string // preferred UI language, "ja" or "en"; empty for the default
	Created time.Time
}

// Membership is a user's role in one organization.
type Membership struct {
	Org  Org
	User User
	Role Role
}

// Session is a signed-in browser. The ID is a secret random token; the store
// keeps only its hash.
type Session struct {
	ID        string
	UserID    int64
	OrgID     int64 // the organization the user is working in
	Created   time.Time
	LastSeen  time.Time
	ExpiresAt time.Time // absolute timeout
}

// Token is an API token for scripts. Its secret is shown once at creation;
// the store keeps only its hash.
type Token struct {
	ID       int64
	UserID   int64
	OrgID    int64
	Name     string
	Created  time.Time
	LastUsed *time.Time
}

// Invitation lets someone join an organization with a role until it expires.
type Invitation struct {
	ID        int64
	OrgID     int64
	Email     string
	Role      Role
	CreatedBy int64
	ExpiresAt time.Time
	Used      bool
}

// StoredPlan is a plan as kept: the document, its version for optimistic
// concurrency, and its place in the organization.
type StoredPlan struct {
	ID        int64
	OrgID     int64
	Version   int64 // starts at 1, +1 on every write
	Plan      Plan
	Archived  bool
	Created   time.Time
	Updated   time.Time
	UpdatedBy int64 // user id; 0 for the CLI
}

// PlanChange is one entry of a plan's history: who changed what, when.
type PlanChange struct {
	PlanID    int64
	Version   int64
	UserID    int64
	UserEmail string // empty for the CLI
	At        time.Time
	Action    string // "create", "update", "rename", "archive", "restore", "import"
	Summary   string // the changed fields, "rates.win: 25 → 30; unit_price: …"
}

// PlanFilter selects plans of one organization.
type PlanFilter struct {
	Archived *bool // nil: both
}

// PlanService keeps plans. Every method is scoped to orgID: a plan of
// another organization answers CodeNotFound exactly like a missing one.
type PlanService interface {
	CreatePlan(ctx context.Context, orgID, userID int64, p Plan) (StoredPlan, error)
	Plan(ctx context.Context, orgID, id int64) (StoredPlan, error)
	Plans(ctx context.Context, orgID int64, f PlanFilter) ([]StoredPlan, error)
	// UpdatePlan writes p if version is still current, else CodeConflict.
	UpdatePlan(ctx context.Context, orgID, userID, id, version int64, p Plan) (StoredPlan, error)
	SetArchived(ctx context.Context, orgID, userID, id int64, archived bool) (StoredPlan, error)
	DeletePlan(ctx context.Context, orgID, id int64) error
	PlanHistory(ctx context.Context, orgID, id int64) ([]PlanChange, error)
}

// UserService keeps users, organizations and memberships.
type UserService interface {
	// CreateUser adds a user; the email is normalised (trimmed, lower-case)
	// and must be unique (CodeConflict otherwise).
	CreateUser(ctx context.Context, email, passwordHash string) (User, error)
	UserByEmail(ctx context.Context, email string) (u User, passwordHash string, err error)
	User(ctx context.Context, id int64) (User, error)
	SetPassword(ctx context.Context, userID int64, passwordHash string) error
	SetUserLang(ctx context.Context, userID int64, lang string) error
	CountUsers(ctx context.Context) (int64, error)
	// CreateFirstOwner creates the first user as owner of a new
	// organization, all in one transaction and only while no user exists
	// (CodeConflict otherwise), so that two instances racing on a fresh
	// install cannot both hand out the first owner.
	CreateFirstOwner(ctx context.Context, email, passwordHash, orgName string) (User, Org, error)

	CreateOrg(ctx context.Context, name string) (Org, error)
	OrgByName(ctx context.Context, name string) (Org, error)
	// AddMember adds or changes a membership.
	AddMember(ctx context.Context, orgID, userID int64, role Role) error
	RemoveMember(ctx context.Context, orgID, userID int64) error
	Membership(ctx context.Context, orgID, userID int64) (Membership, error)
	Memberships(ctx context.Context, userID int64) ([]Membership, error)
	Members(ctx context.Context, orgID int64) ([]Membership, error)
}

// SessionService keeps browser sessions, API tokens, invitations and login
// throttling in the database, so that several instances share them.
type SessionService interface {
	// CreateSession stores a session under the hash of id.
	CreateSession(ctx context.Context, s Session) error
	// SessionByID finds a live session and moves its LastSeen to now; an
	// expired or idle one answers CodeNotFound.
	SessionByID(ctx context.Context, id string, now time.Time, idle time.Duration) (Session, error)
	SetSessionOrg(ctx context.Context, id string, orgID int64) error
	DeleteSession(ctx context.Context, id string) error
	DeleteUserSessions(ctx context.Context, userID int64) error

	// CreateToken stores a token under the hash of secret.
	CreateToken(ctx context.Context, t Token, secret string) (Token, error)
	TokenBySecret(ctx context.Context, secret string) (Token, error)
	Tokens(ctx context.Context, userID int64) ([]Token, error)
	RevokeToken(ctx context.Context, userID, tokenID int64) error

	CreateInvitation(ctx context.Context, inv Invitation, secret string) (Invitation, error)
	InvitationBySecret(ctx context.Context, secret string, now time.Time) (Invitation, error)
	// AcceptInvitation uses invitation id once, before it expires at now,
	// and in the same transaction makes its invitee a member with its role:
	// the existing user userID, or, when userID is 0, a new user with the
	// invitation's email and passwordHash. Nothing is kept when a step fails,
	// so a refused acceptance leaves the invitation usable.
	AcceptInvitation(ctx context.Context, id, userID int64, passwordHash string, now time.Time) (User, error)

	// RecordLoginFailure notes a failed login for key (an email or an
	// address) and returns the failures within window.
	RecordLoginFailure(ctx context.Context, key string, now time.Time, window time.Duration) (int, error)
	LoginFailures(ctx context.Context, key string, now time.Time, window time.Duration) (int, error)
	ClearLoginFailures(ctx context.Context, key string) error
}
