package gyakusan

// money derives the cost and return figures from the planned funnel. They
// are shown to the yen or to 0.01, rounded half up, and never fed back.
func money(p Plan, t Period) Money {
	m := Money{Spend: t.Spend, RevenueForecast: t.Planned.Revenue}
	per := func(n int64) *Yen {
		if n <= 0 || t.Spend == 0 {
			return nil
		}
		v, ok := roundDiv(int64(t.Spend), 1, n)
		if !ok {
			return nil
		}
		y := Yen(v)
		return &y
	}
	m.CostPerMeeting = per(t.Planned.Meetings)
	m.CostPerOpportunity = per(t.Planned.Opportunities)
	m.CAC = per(t.Planned.Won)
	if t.Spend > 0 {
		if v, ok := roundDiv(int64(m.RevenueForecast-t.Spend), 100*100, int64(t.Spend)); ok {
			d := Decimal(v)
			m.ROI = &d
		}
	}
	if m.CAC != nil && *m.CAC > 0 && p.UnitPrice > 0 {
		if v, ok := roundDiv(int64(p.UnitPrice), 100, int64(*m.CAC)); ok {
			d := Decimal(v)
			m.LTVCAC = &d
		}
	}
	return m
}
