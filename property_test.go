package gyakusan

import (
	"math/rand/v2"
	"testing"
)

// randomPlan draws a valid plan: a target, rates anywhere in (0, 100] with
// two decimals, and sometimes share channels with their own rates.
func randomPlan(rnd *rand.Rand) Plan {
	rt := func() Rate { return Rate(1 + rnd.IntN(int(FullRate))) }
	p := Plan{
		StartMonth: MonthOf(2025+rnd.IntN(3), 1+rnd.IntN(12)),
		Months:     1 + rnd.IntN(24),
		Rates:      Rates{Meeting: rt(), Opportunity: rt(), Win: rt()},
	}
	if rnd.IntN(2) == 0 {
		p.Target.Won = 1 + rnd.Int64N(500)
	} else {
		p.UnitPrice = Yen(1 + rnd.Int64N(5_000_000))
		p.Target.Revenue = Yen(1 + rnd.Int64N(1_000_000_000))
	}
	if rnd.IntN(3) == 0 {
		p.Weights = make([]int64, p.Period())
		for i := range p.Weights {
			p.Weights[i] = rnd.Int64N(5)
		}
		p.Weights[0]++
	}
	if rnd.IntN(2) == 0 {
		n := 1 + rnd.IntN(4)
		shares, _ := LargestRemainder(int64(FullRate), randomWeights(rnd, n))
		for i := range n {
			s := Rate(shares[i])
			c := Channel{Name: "c", Kind: KindAds, Share: &s}
			if s == 0 {
				c.Share = nil
				c.Leads = count(rnd.Int64N(50))
			}
			if rnd.IntN(2) == 0 {
				r := rt()
				c.MeetingRate = &r
			}
			p.Channels = append(p.Channels, c)
		}
		fixShares(&p)
	}
	return p
}

func randomWeights(rnd *rand.Rand, n int) []int64 {
	w := make([]int64, n)
	for i := range w {
		w[i] = 1 + rnd.Int64N(9)
	}
	return w
}

// fixShares makes the share channels add up to 100 % after some became fixed.
func fixShares(p *Plan) {
	var sum Rate
	last := -1
	for i, c := range p.Channels {
		if c.Share != nil {
			sum += *c.Share
			last = i
		}
	}
	if last >= 0 {
		s := *p.Channels[last].Share + FullRate - sum
		p.Channels[last].Share = &s
	}
}

func TestPropertyRaisingARateNeverRaisesLeads(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		p := randomPlan(rnd)
		before, err := Compute(p)
		if err != nil {
			t.Fatalf("plan %d: %v", i, err)
		}
		q := p
		q.Channels = append([]Channel(nil), p.Channels...)
		raise := func(r Rate) Rate { return min(FullRate, r+Rate(1+rnd.IntN(3000))) }
		switch k := rnd.IntN(4); k {
		case 0:
			q.Rates.Meeting = raise(q.Rates.Meeting)
		case 1:
			q.Rates.Opportunity = raise(q.Rates.Opportunity)
		case 2:
			q.Rates.Win = raise(q.Rates.Win)
		default:
			if len(q.Channels) == 0 {
				continue
			}
			j := rnd.IntN(len(q.Channels))
			r := raise(channelRate(q, q.Channels[j]))
			q.Channels[j].MeetingRate = &r
		}
		after, err := Compute(q)
		if err != nil {
			t.Fatalf("plan %d raised: %v", i, err)
		}
		for m := range before.Months {
			if after.Months[m].Leads > before.Months[m].Leads {
				t.Fatalf("plan %d month %d: raising a rate raised leads %d → %d\nbefore %+v\nafter %+v",
					i, m, before.Months[m].Leads, after.Months[m].Leads, p, q)
			}
		}
	}
}

func TestPropertyForwardFunnelReachesTheTarget(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for i := range 3000 {
		p := randomPlan(rnd)
		r, err := Compute(p)
		if err != nil {
			t.Fatalf("plan %d: %v", i, err)
		}
		for _, m := range r.Months {
			// The required leads, channels plus unassigned, walked forward.
			meetings := m.Planned.Meetings
			if len(p.Channels) > 0 {
				y, _ := yield(m.Unassigned, p.Rates.Meeting)
				meetings += y
			}
			opps, _ := yield(meetings, p.Rates.Opportunity)
			won, _ := yield(opps, p.Rates.Win)
			if meetings < m.Meetings || opps < m.Opportunities || won < m.Won {
				t.Fatalf("plan %d %s: forward %d/%d/%d falls short of %d/%d/%d", i, m.Month, meetings, opps, won, m.Meetings, m.Opportunities, m.Won)
			}
		}
		if len(p.Channels) > 0 && r.Total.Unassigned == 0 && r.Total.Planned.Won < r.Total.Won {
			t.Fatalf("plan %d: channels cover every month but planned won %d < %d", i, r.Total.Planned.Won, r.Total.Won)
		}
	}
}

func TestPropertyMonthsAddUpToThePeriod(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	for i := range 3000 {
		p := randomPlan(rnd)
		r, err := Compute(p)
		if err != nil {
			t.Fatalf("plan %d: %v", i, err)
		}
		var sum Funnel
		for _, m := range r.Months {
			sum = sum.add(m.Funnel)
		}
		want, _ := TotalWon(p)
		if sum != r.Total.Funnel || sum.Won != want || len(r.Months) != p.Period() {
			t.Fatalf("plan %d: months sum %+v, total %+v, target won %d", i, sum, r.Total.Funnel, want)
		}
		var spend Yen
		for _, c := range r.Channels {
			spend += c.Spend
		}
		if spend != r.Total.Spend {
			t.Fatalf("plan %d: channel spend %d ≠ total %d", i, spend, r.Total.Spend)
		}
	}
}

func TestPropertyLargestRemainderAddsUp(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		total := rnd.Int64N(1_000_000)
		w := randomWeights(rnd, 1+rnd.IntN(30))
		parts, ok := LargestRemainder(total, w)
		var sum, wsum int64
		for i, p := range parts {
			sum += p
			wsum += w[i]
		}
		if !ok || sum != total {
			t.Fatalf("split of %d over %v = %v", total, w, parts)
		}
		for i, p := range parts {
			// Each part is its quota rounded down or up.
			lo, _ := floorDiv(total, w[i], wsum)
			if p != lo && p != lo+1 {
				t.Fatalf("part %d = %d, quota floor %d", i, p, lo)
			}
		}
	}
}
