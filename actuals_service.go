package gyakusan

import (
	"context"
	"io"
	"time"
)

// ActualsService keeps a plan's actual results: the aggregates of imported
// leads, the monthly figures and spend typed by hand, the organization's saved column
// mappings and uploaded files waiting to be imported. Every method is scoped
// to orgID: another organization's plan, mapping or upload answers
// CodeNotFound exactly like a missing one.
type ActualsService interface {
	// Actuals returns the cells Report needs, read from aggregates only.
	Actuals(ctx context.Context, orgID, planID int64) (Actuals, error)
	// ManualActuals returns the hand-typed cells by month, channel, stage.
	ManualActuals(ctx context.Context, orgID, planID int64) ([]ActualCell, error)
	// ReplaceManualActuals makes cells the plan's hand-typed counts for
	// the months from..to (inclusive), all or nothing: a cell not given is
	// no longer typed by hand. The hand-typed spend stays as it is.
	ReplaceManualActuals(ctx context.Context, orgID, planID int64, from, to Month, cells []ActualCell) error
	// ManualSpend returns the hand-typed spend by month and channel.
	ManualSpend(ctx context.Context, orgID, planID int64) ([]SpendCell, error)
	// ReplaceManual makes cells and spend the plan's hand-typed figures for
	// the months from..to (inclusive) in one transaction, all or nothing.
	ReplaceManual(ctx context.Context, orgID, planID int64, from, to Month, cells []ActualCell, spend []SpendCell) error
	// SetManual stores the given hand-typed cells and spend, each replacing
	// the one typed before, and leaves every other figure as it was.
	SetManual(ctx context.Context, orgID, planID int64, cells []ActualCell, spend []SpendCell) error
	// LastImportCounts returns the plan's latest import; CodeNotFound when
	// it has none.
	LastImportCounts(ctx context.Context, orgID, planID int64) (ImportCounts, error)

	// LeadMappings lists the organization's saved mappings by name.
	LeadMappings(ctx context.Context, orgID int64) ([]LeadMapping, error)
	LeadMapping(ctx context.Context, orgID, id int64) (LeadMapping, error)
	// SaveLeadMapping stores m under its name, replacing a mapping of the
	// same name.
	SaveLeadMapping(ctx context.Context, orgID int64, m LeadMapping) (LeadMapping, error)
	DeleteLeadMapping(ctx context.Context, orgID, id int64) error

	// SaveUpload stores the file r yields for a later import, streaming it
	// in chunks; the upload expires after UploadLifetime.
	SaveUpload(ctx context.Context, u Upload, r io.Reader) (Upload, error)
	// OpenUpload streams a stored upload of the plan back.
	OpenUpload(ctx context.Context, orgID, planID int64, id string) (Upload, io.ReadCloser, error)
	DeleteUpload(ctx context.Context, orgID int64, id string) error
}

// ImportCounts is what one import of leads did, or would do in a dry run.
type ImportCounts struct {
	At        time.Time
	Leads     int // rows read
	New       int // leads not stored before
	Updated   int // stored leads whose data changed
	Unchanged int // stored leads the file repeats as they are
	Committed bool
}

// LeadMapping is a column mapping an organization saved under a name:
// Document is the mapping as JSON (package crm's Mapping).
type LeadMapping struct {
	ID       int64
	OrgID    int64
	Name     string
	Document string
	Updated  time.Time
}

// MaxMappingNameBytes bounds a saved mapping's name.
const MaxMappingNameBytes = 200

// Upload is a file uploaded for import and kept for a short while, so that
// the preview and the import read the same bytes on whichever instance
// serves them. ID is a random secret.
type Upload struct {
	ID      string
	OrgID   int64
	PlanID  int64
	UserID  int64
	Name    string // the file's name as the browser sent it
	Size    int64
	Created time.Time
}

// UploadLifetime is how long an upload waits for its import.
const UploadLifetime = time.Hour
