package gyakusan

import "fmt"

// RateRange is a typical B2B range of one stage rate, from the seed sheet.
// Lead source and price move real rates a lot; the range is a guide.
type RateRange struct {
	Field    string
	Low, Mid Rate
	High     Rate
}

// TypicalRanges are the seed's guide values: meeting 20–30 %, opportunity
// 40–60 %, win 20–40 %.
var TypicalRanges = [3]RateRange{
	{Field: "rates.meeting", Low: 20 * Percent, Mid: 25 * Percent, High: 30 * Percent},
	{Field: "rates.opportunity", Low: 40 * Percent, Mid: 50 * Percent, High: 60 * Percent},
	{Field: "rates.win", Low: 20 * Percent, Mid: 30 * Percent, High: 40 * Percent},
}

func (r Rates) byField(f string) Rate {
	switch f {
	case "rates.meeting":
		return r.Meeting
	case "rates.opportunity":
		return r.Opportunity
	}
	return r.Win
}

// rateWarnings warns about each plan rate outside its typical range.
func rateWarnings(p Plan) []Warning {
	var ws []Warning
	for _, rg := range TypicalRanges {
		v := p.Rates.byField(rg.Field)
		if v >= rg.Low && v <= rg.High {
			continue
		}
		ja, en := FieldLabel(rg.Field, "ja"), FieldLabel(rg.Field, "en")
		ws = append(ws, Warning{
			Code: WarnRateRange, Field: rg.Field, Value: int64(v),
			Ja: fmt.Sprintf("%s %s%% は目安（%s〜%s%%）の範囲外です。", ja, v, rg.Low, rg.High),
			En: fmt.Sprintf("%s %s %% is outside the typical range (%s–%s %%).", en, v, rg.Low, rg.High),
		})
	}
	return ws
}

func shortWarning(m Month, short, unassigned int64) Warning {
	mm := m
	return Warning{
		Code: WarnMeetingsShort, Month: &mm, Value: short,
		Ja: fmt.Sprintf("%s: チャネルの計画では商談が%d件足りません（あと%d件のリードが必要）。", m, short, unassigned),
		En: fmt.Sprintf("%s: the channels bring %d meetings fewer than needed (%d more leads).", m, short, unassigned),
	}
}

// scenarios computes the required funnel at the low, middle and high ends of
// the typical ranges, month by month like the plan itself.
func scenarios(p Plan, wonByMonth []int64) ([]Scenario, bool) {
	sets := []struct {
		name string
		pick func(RateRange) Rate
	}{
		{"conservative", func(r RateRange) Rate { return r.Low }},
		{"standard", func(r RateRange) Rate { return r.Mid }},
		{"optimistic", func(r RateRange) Rate { return r.High }},
	}
	out := make([]Scenario, 0, len(sets))
	for _, s := range sets {
		rates := Rates{Meeting: s.pick(TypicalRanges[0]), Opportunity: s.pick(TypicalRanges[1]), Win: s.pick(TypicalRanges[2])}
		sc := Scenario{Name: s.name, Rates: rates}
		for _, won := range wonByMonth {
			opps, meetings, ok := required(won, rates)
			if !ok {
				return nil, false
			}
			leads, ok := ceilDiv(meetings, int64(FullRate), int64(rates.Meeting))
			if !ok {
				return nil, false
			}
			sc.Total = sc.Total.add(Funnel{Won: won, Opportunities: opps, Meetings: meetings, Leads: leads, Revenue: Yen(won) * p.UnitPrice})
		}
		out = append(out, sc)
	}
	return out, true
}
