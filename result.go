package gyakusan

// Funnel is one set of stage counts with their money: a month, a channel or
// the whole period.
type Funnel struct {
	Won           int64 `json:"won"`
	Opportunities int64 `json:"opportunities"`
	Meetings      int64 `json:"meetings"`
	Leads         int64 `json:"leads"`
	Revenue       Yen   `json:"revenue"`
	Spend         Yen   `json:"spend"`
}

// add returns the stage-by-stage sum of f and g.
func (f Funnel) add(g Funnel) Funnel {
	return Funnel{
		Won:           f.Won + g.Won,
		Opportunities: f.Opportunities + g.Opportunities,
		Meetings:      f.Meetings + g.Meetings,
		Leads:         f.Leads + g.Leads,
		Revenue:       f.Revenue + g.Revenue,
		Spend:         f.Spend + g.Spend,
	}
}

// Period is the figures of a month or of the whole period. The embedded
// Funnel is what the plan requires (the backwards walk, with the leads the
// channel mix needs); Planned is the forward funnel of the leads the
// channels actually bring.
type Period struct {
	Funnel
	Planned Funnel `json:"planned"`
	// Unassigned is the leads still needed that no channel brings, counted at
	// the plan's meeting rate. It is part of Leads.
	Unassigned int64 `json:"unassigned_leads"`
}

// MonthResult is one month of the plan.
type MonthResult struct {
	Month Month `json:"month"`
	Period
	Channels []ChannelMonth `json:"channels"` // in the plan's channel order
}

// ChannelMonth is one channel in one month.
type ChannelMonth struct {
	Name     string `json:"name"`
	Leads    int64  `json:"leads"`
	Meetings int64  `json:"meetings"`
	Spend    Yen    `json:"spend"`
}

// ChannelResult is one channel over the whole period.
type ChannelResult struct {
	Name        string      `json:"name"`
	Kind        ChannelKind `json:"kind"`
	MeetingRate Rate        `json:"meeting_rate"` // the rate used: its own or the plan's
	Leads       int64       `json:"leads"`
	Meetings    int64       `json:"meetings"`
	Spend       Yen         `json:"spend"`
	// CostPerLead is Spend / Leads rounded to the yen; nil without leads.
	CostPerLead *Yen `json:"cost_per_lead,omitempty"`
}

// Money is what the plan costs and returns, from the planned (forward)
// funnel. Ratios are nil where their divisor is zero.
type Money struct {
	Spend              Yen      `json:"spend"`
	RevenueForecast    Yen      `json:"revenue_forecast"`               // planned won × unit price
	CostPerMeeting     *Yen     `json:"cost_per_meeting,omitempty"`     // spend / planned meetings
	CostPerOpportunity *Yen     `json:"cost_per_opportunity,omitempty"` // spend / planned opportunities
	CAC                *Yen     `json:"cac,omitempty"`                  // spend / planned won
	ROI                *Decimal `json:"roi,omitempty"`                  // (revenue forecast − spend) / spend, in percent
	LTVCAC             *Decimal `json:"ltv_cac,omitempty"`              // unit price / CAC
}

// Scenario is the required funnel for the whole period at one set of rates
// from the typical ranges.
type Scenario struct {
	Name  string `json:"name"` // "conservative", "standard", "optimistic"
	Rates Rates  `json:"rates"`
	Total Funnel `json:"total"`
}

// Warning is something a manager should look at; it never stops the
// computation. Month is set for warnings about one month.
type Warning struct {
	Code  string `json:"code"`
	Month *Month `json:"month,omitempty"`
	Field string `json:"field,omitempty"`
	Value int64  `json:"value,omitempty"`
	Ja    string `json:"ja"`
	En    string `json:"en"`
}

// Text returns the warning in lang.
func (w Warning) Text(lang string) string {
	if lang == "ja" {
		return w.Ja
	}
	return w.En
}

// The warning codes.
const (
	WarnMeetingsShort = "meetings_short"    // the channels bring fewer meetings than needed
	WarnRateRange     = "rate_out_of_range" // a rate lies outside the typical B2B range
)

// Result is everything the method computes from a plan.
type Result struct {
	Total     Period          `json:"total"`
	Months    []MonthResult   `json:"months"`
	Channels  []ChannelResult `json:"channels"`
	Money     Money           `json:"money"`
	Scenarios []Scenario      `json:"scenarios"`
	Warnings  []Warning       `json:"warnings"`
}
