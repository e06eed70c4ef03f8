package gyakusan

// This file is the method as arithmetic. Every backwards step rounds up
// (ceilDiv): a plan needs at least that many. Every forward step rounds down
// (floorDiv): a plan never counts on a partial meeting. Rates are exact
// hundredths of a percent, so 21 won at 35 % needs 60 opportunities, where
// float64 division would give 60.00000000000001 and round up to 61.

// Compute validates p and computes its monthly KPIs. Invalid input never
// yields a number: the error names each field and its allowed range.
func Compute(p Plan) (Result, error) {
	if err := ValidatePlan(p); err != nil {
		return Result{}, err
	}
	r, ok := compute(p)
	if !ok {
		return Result{}, Invalid(FieldError{Field: "target", Rule: RuleTooLarge})
	}
	return r, nil
}

// TotalWon is the won deals the period's target asks for: the won target, or
// the revenue target over the unit price, rounded up.
func TotalWon(p Plan) (int64, bool) {
	if p.Target.Won > 0 {
		return p.Target.Won, true
	}
	return ceilDiv(int64(p.Target.Revenue), 1, int64(p.UnitPrice))
}

// required walks one month's won deals back to the meetings it needs.
func required(won int64, r Rates) (opportunities, meetings int64, ok bool) {
	opportunities, ok1 := ceilDiv(won, int64(FullRate), int64(r.Win))
	meetings, ok2 := ceilDiv(opportunities, int64(FullRate), int64(r.Opportunity))
	return opportunities, meetings, ok1 && ok2
}

// yield is the forward step: what n of a stage bring at rate r.
func yield(n int64, r Rate) (int64, bool) { return floorDiv(n, int64(r), int64(FullRate)) }

// limit bounds every computed count so that sums and money stay in int64.
const limit = 1_000_000_000_000_000

func compute(p Plan) (Result, bool) {
	won, ok := TotalWon(p)
	if !ok || won > limit {
		return Result{}, false
	}
	n := p.Period()
	weights := p.Weights
	if len(weights) == 0 {
		weights = make([]int64, n)
		for i := range weights {
			weights[i] = 1
		}
	}
	wonByMonth, ok := LargestRemainder(won, weights)
	if !ok {
		return Result{}, false
	}
	res := Result{
		Months:   make([]MonthResult, n),
		Channels: make([]ChannelResult, len(p.Channels)),
	}
	for i, c := range p.Channels {
		res.Channels[i] = ChannelResult{Name: c.Name, Kind: c.Kind, MeetingRate: channelRate(p, c)}
	}
	for i := range n {
		m := p.StartMonth.Add(i)
		mr, ok := computeMonth(p, m, wonByMonth[i])
		if !ok {
			return Result{}, false
		}
		res.Months[i] = mr
		res.Total.Funnel = res.Total.Funnel.add(mr.Funnel)
		res.Total.Planned = res.Total.Planned.add(mr.Planned)
		res.Total.Unassigned += mr.Unassigned
		for j, cm := range mr.Channels {
			res.Channels[j].Leads += cm.Leads
			res.Channels[j].Meetings += cm.Meetings
			res.Channels[j].Spend += cm.Spend
		}
		if short := mr.Meetings - mr.Planned.Meetings; len(p.Channels) > 0 && short > 0 {
			res.Warnings = append(res.Warnings, shortWarning(m, short, mr.Unassigned))
		}
	}
	if res.Total.Leads > limit || res.Total.Spend > limit || res.Total.Revenue > limit {
		return Result{}, false
	}
	for j := range res.Channels {
		if c := &res.Channels[j]; c.Leads > 0 {
			v, _ := roundDiv(int64(c.Spend), 1, c.Leads)
			y := Yen(v)
			c.CostPerLead = &y
		}
	}
	res.Money = money(p, res.Total)
	res.Scenarios, ok = scenarios(p, wonByMonth)
	if !ok {
		return Result{}, false
	}
	res.Warnings = append(append([]Warning{}, rateWarnings(p)...), res.Warnings...)
	return res, true
}

// computeMonth computes one month on its own: the required funnel from its
// won deals, the channels' leads, and the forward funnel of those leads.
func computeMonth(p Plan, m Month, won int64) (MonthResult, bool) {
	mr := MonthResult{Month: m, Channels: make([]ChannelMonth, len(p.Channels))}
	opps, meetings, ok := required(won, p.Rates)
	if !ok {
		return mr, false
	}
	mr.Won, mr.Opportunities, mr.Meetings = won, opps, meetings
	mr.Revenue = Yen(won) * p.UnitPrice

	leads, ok := channelLeads(p, m, meetings)
	if !ok {
		return mr, false
	}
	planned := Funnel{}
	for j, c := range p.Channels {
		cm := &mr.Channels[j]
		cm.Name = c.Name
		cm.Leads = leads[j]
		if cm.Meetings, ok = yield(cm.Leads, channelRate(p, c)); !ok {
			return mr, false
		}
		if cm.Spend, ok = channelSpend(c, m, cm.Leads); !ok {
			return mr, false
		}
		planned.Leads += cm.Leads
		planned.Meetings += cm.Meetings
		planned.Spend += cm.Spend
	}
	if len(p.Channels) == 0 {
		// Without a channel plan the leads are the funnel's own, at the plan's rate.
		if planned.Leads, ok = ceilDiv(meetings, int64(FullRate), int64(p.Rates.Meeting)); !ok {
			return mr, false
		}
		planned.Meetings, _ = yield(planned.Leads, p.Rates.Meeting)
	} else if planned.Meetings < meetings {
		short := meetings - planned.Meetings
		if mr.Unassigned, ok = ceilDiv(short, int64(FullRate), int64(p.Rates.Meeting)); !ok {
			return mr, false
		}
	}
	mr.Leads = planned.Leads + mr.Unassigned
	mr.Spend = planned.Spend
	planned.Opportunities, _ = yield(planned.Meetings, p.Rates.Opportunity)
	planned.Won, _ = yield(planned.Opportunities, p.Rates.Win)
	planned.Revenue = Yen(planned.Won) * p.UnitPrice
	mr.Planned = planned
	return mr, true
}

// channelRate is the channel's own meeting rate, or the plan's.
func channelRate(p Plan, c Channel) Rate {
	if c.MeetingRate != nil {
		return *c.MeetingRate
	}
	return p.Rates.Meeting
}

// channelLeads gives each channel its leads in month m: fixed channels their
// number, share channels together the fewest leads whose meetings cover what
// the fixed channels leave, split by share with the largest remainder.
func channelLeads(p Plan, m Month, meetings int64) ([]int64, bool) {
	leads := make([]int64, len(p.Channels))
	var fixedMeetings int64
	var shareIdx []int
	var shares []int64
	for j, c := range p.Channels {
		if !c.ActiveIn(m) {
			continue
		}
		if c.Leads != nil {
			leads[j] = *c.Leads
			y, ok := yield(leads[j], channelRate(p, c))
			if !ok {
				return nil, false
			}
			fixedMeetings += y
			continue
		}
		if c.Share != nil {
			shareIdx = append(shareIdx, j)
			shares = append(shares, int64(*c.Share))
		}
	}
	rest := meetings - fixedMeetings
	if rest <= 0 || len(shareIdx) == 0 {
		return leads, true
	}
	rates := make([]int64, len(shareIdx))
	for k, j := range shareIdx {
		rates[k] = int64(channelRate(p, p.Channels[j]))
	}
	split, ok := fewestLeads(rest, shares, rates)
	if !ok {
		return nil, false
	}
	for k, j := range shareIdx {
		leads[j] = split[k]
	}
	return leads, true
}

// fewestLeads finds the smallest total L whose largest-remainder split by
// shares yields at least need meetings at the channels' rates, and returns
// that split. Searching from a proven lower bound upwards keeps L minimal,
// which makes "a higher rate never needs more leads" hold exactly.
func fewestLeads(need int64, shares, rates []int64) ([]int64, bool) {
	var sumShare, sumShareRate int64
	for k := range shares {
		sumShare += shares[k]
		sumShareRate += shares[k] * rates[k]
	}
	// Each channel's split exceeds its exact quota by less than one lead, so
	// the meetings of L leads are below (L·Σsr/Σs + Σr)/100%: any L under
	// this bound falls short.
	lower := max(0, need-int64(len(shares)))
	l, ok := ceilDiv(lower, int64(FullRate)*sumShare, sumShareRate)
	if !ok || sumShareRate == 0 {
		return nil, false
	}
	split := make([]int64, len(shares))
	scratch := make([]int64, len(shares))
	for range 1 << 20 {
		if !largestRemainderInto(split, scratch, l, shares) {
			return nil, false
		}
		var got int64
		for k := range split {
			y, _ := yield(split[k], Rate(rates[k]))
			got += y
		}
		if got >= need {
			return split, true
		}
		l++
	}
	return nil, false
}

// channelSpend is cost per lead × leads, plus the fixed cost of an active
// month (per event for channels that hold events).
func channelSpend(c Channel, m Month, leads int64) (Yen, bool) {
	v, ok := mulCheck(int64(c.CPA), leads)
	if !ok {
		return 0, false
	}
	if c.ActiveIn(m) && c.FixedCost > 0 {
		fixed, ok := mulCheck(int64(c.FixedCost), max(1, c.EventsPerMonth))
		if !ok {
			return 0, false
		}
		v += fixed
	}
	if v > limit {
		return 0, false
	}
	return Yen(v), true
}

func mulCheck(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	v, ok := floorDiv(a, b, 1)
	return v, ok && v <= limit
}

// LargestRemainder splits total over weights so that the parts add up to
// total exactly: each part gets the floor of its quota, and the units left
// go to the largest remainders (the earlier part on a tie).
func LargestRemainder(total int64, weights []int64) ([]int64, bool) {
	parts := make([]int64, len(weights))
	rems := make([]int64, len(weights))
	return parts, largestRemainderInto(parts, rems, total, weights)
}

// largestRemainderInto is LargestRemainder writing into parts, with rems as
// scratch space of the same length, so that searches need no allocation.
func largestRemainderInto(parts, rems []int64, total int64, weights []int64) bool {
	var sum int64
	for _, w := range weights {
		sum += w
	}
	clear(parts)
	if sum <= 0 {
		return total == 0
	}
	var given int64
	for i, w := range weights {
		q, ok := floorDiv(total, w, sum)
		if !ok {
			return false
		}
		parts[i] = q
		given += q
		// The remainder of total·w / sum, compared as a numerator over sum.
		rems[i] = mulmod(total, w, sum)
	}
	for left := total - given; left > 0; left-- {
		best := -1
		for i := range rems {
			if rems[i] >= 0 && (best < 0 || rems[i] > rems[best]) {
				best = i
			}
		}
		parts[best]++
		rems[best] = -1
	}
	return true
}
