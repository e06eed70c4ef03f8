package gyakusan

import "sort"

// SpendCell is what one channel actually spent in one month, in yen. It is
// typed by hand: CRMs export leads and deals, not what the ads, the mailings
// and the booths cost, but teams know it per channel and month.
type SpendCell struct {
	Month   Month
	Channel string
	Spend   Yen
}

// SortSpend sorts spend cells by month and channel.
func SortSpend(cells []SpendCell) {
	sort.Slice(cells, func(i, j int) bool {
		a, b := &cells[i], &cells[j]
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		return a.Channel < b.Channel
	})
}

// UnitCosts are spend divided by the funnel's counts, rounded half up to the
// yen; nil where there is no spend or no count to divide by.
type UnitCosts struct {
	PerLead        *Yen `json:"per_lead"`
	PerMeeting     *Yen `json:"per_meeting"`
	PerOpportunity *Yen `json:"per_opportunity"`
	PerWon         *Yen `json:"per_won"` // customer acquisition cost (CAC)
}

// Costs sets the planned unit costs beside the actual ones.
type Costs struct {
	Plan   UnitCosts `json:"plan"`
	Actual UnitCosts `json:"actual"`
}

// unitCosts divides f's spend by its counts.
func unitCosts(f Figures) UnitCosts {
	per := func(n int64) *Yen {
		if n <= 0 || f.Spend <= 0 {
			return nil
		}
		v, ok := roundDiv(int64(f.Spend), 1, n)
		if !ok {
			return nil
		}
		y := Yen(v)
		return &y
	}
	return UnitCosts{PerLead: per(f.Leads), PerMeeting: per(f.Meetings), PerOpportunity: per(f.Opportunities), PerWon: per(f.Won)}
}

// compare fills the attainment and the unit costs of pa from its figures.
func (pa *PlanActual) compare() {
	pa.Attainment = attainment(pa.Plan, pa.Actual)
	pa.Cost = Costs{Plan: unitCosts(pa.Plan), Actual: unitCosts(pa.Actual)}
}
