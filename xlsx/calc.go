package xlsx

import (
	"fmt"
	"math/big"
	"strings"

	"gyakusan"
)

// The hidden calc sheet finds, for each month, the fewest leads whose
// largest-remainder split over the share channels brings the meetings they
// must bring, as the engine does: it tries K candidate totals from the
// engine's proven lower bound and takes the first that is enough (MATCH).
// K covers every case for rates down to half of the lowest share channel's
// rate, and at least the plan's own case.

func calcMonthRow(i int) int { return 2 + i }

const (
	calcColMonth = iota + 1
	calcColNeed
	calcColShare
	calcColShareRate
	calcColLower
	calcColPos
	calcColTotal
	calcColEff // then one per share channel, then the chosen leads
)

func (b *book) calcChosenCol(s int) int { return calcColEff + b.shareCount() + s }

// shareChannels returns the indexes of the share channels.
func (b *book) shareChannels() []int {
	var idx []int
	for j, c := range b.p.Channels {
		if c.Share != nil {
			idx = append(idx, j)
		}
	}
	return idx
}

// candidates is K, the candidate totals tried per month.
func (b *book) candidates() int {
	shares := b.shareChannels()
	ns := int64(len(shares))
	minRate := int64(gyakusan.FullRate)
	for _, j := range shares {
		minRate = min(minRate, int64(b.r.Channels[j].MeetingRate))
	}
	k := min((60000*ns+minRate-1)/minRate+2, 200)
	k = min(k, max(24000/int64(b.months()), 2))
	need := int64(1)
	for i, mr := range b.r.Months {
		m := b.p.StartMonth.Add(i)
		var fixed, total int64
		s, sr := new(big.Int), new(big.Int)
		for j, c := range b.p.Channels {
			if c.Share == nil {
				fixed += mr.Channels[j].Meetings
				continue
			}
			total += mr.Channels[j].Leads
			if c.ActiveIn(m) {
				s.Add(s, big.NewInt(int64(*c.Share)))
				sr.Add(sr, new(big.Int).Mul(big.NewInt(int64(*c.Share)), big.NewInt(int64(b.r.Channels[j].MeetingRate))))
			}
		}
		rest := mr.Meetings - fixed
		if rest <= 0 || s.Sign() == 0 {
			continue
		}
		// lower = ⌈max(0, rest − n)·10000·S / ΣsR⌉, as in the engine.
		num := new(big.Int).Mul(big.NewInt(max(0, rest-ns)), big.NewInt(10000))
		num.Mul(num, s)
		num.Add(num, new(big.Int).Sub(sr, big.NewInt(1)))
		lower := num.Quo(num, sr).Int64()
		need = max(need, total-lower+1)
	}
	return int(max(k, need+1))
}

func (b *book) calcSheet() {
	g, w, n := b.calc, b.w, b.months()
	shares := b.shareChannels()
	ns := len(shares)
	K := b.candidates()
	heads := []string{w.month, w.need, "S", "ΣsR", "L0", "pos", "L"}
	for c, h := range heads {
		g.set(1, c+1, h, b.st.header)
	}
	for s, j := range shares {
		name := escapeText(b.p.Channels[j].Name)
		g.set(1, calcColEff+s, name, b.st.header)
		g.set(1, b.calcChosenCol(s), name+" "+w.leads, b.st.header)
	}
	candHeader := calcMonthRow(n) + 1
	first := candHeader + 1
	colL := 3
	colBase := func(s int) int { return 4 + s }
	colRem := func(s int) int { return 4 + ns + s }
	colRank := func(s int) int { return 4 + 2*ns + s }
	colLeads := func(s int) int { return 4 + 3*ns + s }
	colMtg := func(s int) int { return 4 + 4*ns + s }
	colGot, colOK := 4+5*ns, 5+5*ns
	for c, h := range []string{w.month, "k", "L"} {
		g.set(candHeader, c+1, h, b.st.header)
	}
	g.set(candHeader, colGot, w.meetings, b.st.header)
	g.set(candHeader, colOK, "ok", b.st.header)

	for i := range n {
		r := calcMonthRow(i)
		at := func(col int) string { return abs(r, col) }
		g.set(r, calcColMonth, b.p.StartMonth.Add(i).String(), b.st.text)
		g.formula(r, calcColNeed, b.month.ref(mRowNeed, monthCol(i)), nil, b.st.count)
		var sr []string
		for s, j := range shares {
			in := b.chInputRow(j)
			g.formula(r, calcColEff+s, fmt.Sprintf("%s*%s", b.ch.ref(in, cColShareBP), b.active(j, i)), nil, b.st.count)
			sr = append(sr, at(calcColEff+s)+"*"+b.ch.ref(in, cColRateBP))
		}
		g.formula(r, calcColShare, fmt.Sprintf("SUM(%s:%s)", at(calcColEff), at(calcColEff+ns-1)), nil, b.st.count)
		g.formula(r, calcColShareRate, strings.Join(sr, "+"), nil, b.st.count)
		none := fmt.Sprintf("OR(%s<=0,%s<=0)", at(calcColNeed), at(calcColShare))
		g.formula(r, calcColLower, fmt.Sprintf("IF(%s,0,%s)", none,
			ceilDiv(fmt.Sprintf("MAX(0,%s-%d)*10000*%s", at(calcColNeed), ns, at(calcColShare)), at(calcColShareRate))), nil, b.st.count)
		start := first + i*K
		end := start + K - 1
		// No candidate is enough: MATCH answers #N/A, which shows instead of a wrong number.
		g.formula(r, calcColPos, fmt.Sprintf("IF(%s,0,MATCH(1,%s:%s,0))", none, abs(start, colOK), abs(end, colOK)), nil, b.st.count)
		g.formula(r, calcColTotal, fmt.Sprintf("IF(%s=0,0,%s+%s-1)", at(calcColPos), at(calcColLower), at(calcColPos)), nil, b.st.count)
		for s := range shares {
			g.formula(r, b.calcChosenCol(s), fmt.Sprintf("IF(%s=0,0,INDEX(%s:%s,%s))", at(calcColPos),
				abs(start, colLeads(s)), abs(end, colLeads(s)), at(calcColPos)), nil, b.st.count)
		}
		for k := range K {
			q := start + k
			L := rel(q, colL)
			g.set(q, 1, i+1, 0)
			g.set(q, 2, k, 0)
			g.formula(q, colL, fmt.Sprintf("%s+%s", at(calcColLower), rel(q, 2)), nil, 0)
			bases := fmt.Sprintf("%s:%s", rel(q, colBase(0)), rel(q, colBase(ns-1)))
			rems := fmt.Sprintf("%s:%s", rel(q, colRem(0)), rel(q, colRem(ns-1)))
			var mtgs []string
			for s, j := range shares {
				eff := at(calcColEff + s)
				g.formula(q, colBase(s), fmt.Sprintf("IF(%s=0,0,%s)", at(calcColShare), floorDiv(L+"*"+eff, at(calcColShare))), nil, 0)
				g.formula(q, colRem(s), fmt.Sprintf("%s*%s-%s*%s", L, eff, rel(q, colBase(s)), at(calcColShare)), nil, 0)
				g.formula(q, colRank(s), fmt.Sprintf(`COUNTIF(%s,">"&%s)+COUNTIF(%s:%s,%s)-1`, rems, rel(q, colRem(s)),
					"$"+colName(colRem(0))+fmt.Sprint(q), rel(q, colRem(s)), rel(q, colRem(s))), nil, 0)
				g.formula(q, colLeads(s), fmt.Sprintf("%s+(%s<%s-SUM(%s))", rel(q, colBase(s)), rel(q, colRank(s)), L, bases), nil, 0)
				g.formula(q, colMtg(s), floorDiv(rel(q, colLeads(s))+"*"+b.ch.ref(b.chInputRow(j), cColRateBP), "10000"), nil, 0)
				mtgs = append(mtgs, rel(q, colMtg(s)))
			}
			g.formula(q, colGot, fmt.Sprintf("SUM(%s:%s)", mtgs[0], mtgs[len(mtgs)-1]), nil, 0)
			g.formula(q, colOK, fmt.Sprintf("IF(%s>=%s,1,0)", rel(q, colGot), at(calcColNeed)), nil, 0)
		}
	}
}
