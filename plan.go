package gyakusan

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
)

// Plan is the plan document: the inputs of one KPI sheet. It is what
// `gyakusan plan -f` reads and what the API stores; see PRODUCT.md.
type Plan struct {
	Name       string    `json:"name"`
	Year       int       `json:"year,omitempty"`        // plan year N (◯年目)
	StartMonth Month     `json:"start_month"`           // first month of the period
	Months     int       `json:"months,omitempty"`      // length of the period; 0 means 12
	EntryDate  string    `json:"entry_date,omitempty"`  // 記入日, YYYY-MM-DD
	TargetDate string    `json:"target_date,omitempty"` // 目標時期, YYYY-MM or YYYY-MM-DD
	Notes      string    `json:"notes,omitempty"`       // 打ち合わせメモ
	Target     Target    `json:"target"`
	UnitPrice  Yen       `json:"unit_price,omitempty"` // 受注単価 ≒ LTV
	Rates      Rates     `json:"rates"`
	Channels   []Channel `json:"channels,omitempty"`
	Weights    []int64   `json:"weights,omitempty"` // one per month; equal when empty
}

// Target is the goal for the whole period: a revenue or a number of won deals.
type Target struct {
	Revenue Yen   `json:"revenue,omitempty"`
	Won     int64 `json:"won,omitempty"`
}

// Rates are the stage rates of the funnel, in percent.
type Rates struct {
	Meeting     Rate `json:"meeting"`     // lead → meeting (商談化率 / アポ率)
	Opportunity Rate `json:"opportunity"` // meeting → opportunity (案件化率)
	Win         Rate `json:"win"`         // opportunity → won (受注率)
}

// ChannelKind names the kind of a lead source.
type ChannelKind string

// The channel kinds of the sheet.
const (
	KindAds     ChannelKind = "ads"
	KindEmail   ChannelKind = "email"
	KindSeminar ChannelKind = "seminar"
	KindOrganic ChannelKind = "organic"
	KindOffline ChannelKind = "offline"
	KindOther   ChannelKind = "other"
)

// ChannelKinds lists the kinds in the order the sheet shows them.
var ChannelKinds = []ChannelKind{KindAds, KindEmail, KindSeminar, KindOrganic, KindOffline, KindOther}

// Channel is one lead source of the plan. It either brings a fixed number of
// leads a month (Leads) or a share of the leads still needed (Share).
type Channel struct {
	Name        string      `json:"name"`
	Kind        ChannelKind `json:"kind"`
	Leads       *int64      `json:"leads,omitempty"`        // fixed leads per active month
	Share       *Rate       `json:"share,omitempty"`        // % of the leads still needed
	MeetingRate *Rate       `json:"meeting_rate,omitempty"` // its own アポ率; the plan's when nil
	CPA         Yen         `json:"cpa,omitempty"`          // cost per lead
	FixedCost   Yen         `json:"fixed_cost,omitempty"`   // per active month, or per event

	// The kind's own fields.
	ListSize         int64 `json:"list_size,omitempty"`          // email: list size
	ActiveMonths     []int `json:"months,omitempty"`             // calendar months (1–12) it runs in; all when empty
	EventsPerMonth   int64 `json:"events_per_month,omitempty"`   // seminar / offline: events per active month
	ArticlesPerMonth int64 `json:"articles_per_month,omitempty"` // organic: articles per month
}

// Period returns the number of months of the plan (12 when unset).
func (p *Plan) Period() int {
	if p.Months == 0 {
		return 12
	}
	return p.Months
}

// ActiveIn reports whether the channel runs in month m.
func (c *Channel) ActiveIn(m Month) bool {
	if len(c.ActiveMonths) == 0 {
		return true
	}
	for _, n := range c.ActiveMonths {
		if n == m.Num() {
			return true
		}
	}
	return false
}

// MaxPlanBytes bounds the size of a plan document.
const MaxPlanBytes = 1 << 20

// DecodePlan reads one plan document. Unknown fields and values of the wrong
// type are reported as field errors; it does not validate ranges (Validate
// does).
func DecodePlan(r io.Reader) (Plan, error) {
	var p Plan
	dec := json.NewDecoder(io.LimitReader(r, MaxPlanBytes+1))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Plan{}, decodeError(err)
	}
	if dec.More() {
		return Plan{}, Invalid(FieldError{Field: "", Rule: RuleSyntax})
	}
	return p, nil
}

// ParsePlan is DecodePlan over a byte slice.
func ParsePlan(b []byte) (Plan, error) { return DecodePlan(bytes.NewReader(b)) }

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		// encoding/json reports "channels.leads" without the array index;
		// none is invented.
		return Invalid(FieldError{Field: typeErr.Field, Rule: RuleType})
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return Invalid(FieldError{Field: "", Rule: RuleSyntax})
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return Invalid(FieldError{Field: name, Rule: RuleUnknown})
	}
	return Invalid(FieldError{Field: "", Rule: RuleSyntax})
}

// typeError is returned by the exact number types so that encoding/json
// attaches the field path to it.
func typeError(v string, t any) error {
	return &json.UnmarshalTypeError{Value: v, Type: reflect.TypeOf(t)}
}
