package xlsx

import (
	"fmt"
	"strings"
)

// Rows of the monthly sheet; months are columns from B, the total follows.
const (
	mRowTitle   = 1
	mRowHeader  = 3
	mRowWeight  = 4
	mRowWon     = 5
	mRowOpp     = 6
	mRowMeet    = 7
	mRowLeads   = 8
	mRowRevenue = 9
	mRowSpend   = 10

	mRowCalc      = 12 // working rows, hidden
	mRowWeightEff = 13
	mRowBase      = 14
	mRowRem       = 15
	mRowRank      = 16
	mRowCalMonth  = 17
	mRowUnassign  = 18
	mRowPlanned   = 19
	mRowFixed     = 20
	mRowNeed      = 21
)

func monthCol(i int) int { return 2 + i }

func (b *book) months() int { return b.p.Period() }

// monthTotalRow is the range of one monthly row over all months.
func (b *book) monthTotalRow(row int) string {
	return b.month.rangeRef(row, monthCol(0), row, monthCol(b.months()-1))
}

func (b *book) monthSheet() {
	g, w, n := b.month, b.w, b.months()
	g.widths[1] = 28
	g.set(mRowTitle, 1, w.monthTitle, b.st.title)
	g.set(mRowHeader, 1, w.month, b.st.header)
	for i := range n {
		g.set(mRowHeader, monthCol(i), b.p.StartMonth.Add(i).String(), b.st.header)
		g.widths[monthCol(i)] = 12
	}
	tc := monthCol(n)
	g.set(mRowHeader, tc, w.total, b.st.header)
	g.widths[tc] = 14
	labels := map[int]string{mRowWeight: w.weight, mRowWon: w.won, mRowOpp: w.opportunities, mRowMeet: w.meetings,
		mRowLeads: w.leads, mRowRevenue: w.revenue, mRowSpend: w.spend, mRowCalc: w.calcRows,
		mRowWeightEff: w.weightEff, mRowBase: w.base, mRowRem: w.remainder, mRowRank: w.rank,
		mRowCalMonth: w.calMonth, mRowUnassign: w.unassigned, mRowPlanned: w.plannedMeetings,
		mRowFixed: w.fixedMeetings, mRowNeed: w.need}
	for row, l := range labels {
		g.set(row, 1, l, b.st.label)
	}
	for row := mRowCalc; row <= mRowNeed; row++ {
		g.hiddenRows[row] = true
	}
	b.name(NameWeights, b.monthTotalRow(mRowWeight))

	effW := b.monthTotalRow(mRowWeightEff)
	bases := b.monthTotalRow(mRowBase)
	rems := b.monthTotalRow(mRowRem)
	meetingBP := basisPoints(NameMeetingRate)
	hasChannels := len(b.p.Channels) > 0
	for i := range n {
		c := monthCol(i)
		mr := b.r.Months[i]
		at := func(row int) string { return rel(row, c) }
		if len(b.p.Weights) > 0 {
			g.set(mRowWeight, c, b.p.Weights[i], b.st.count)
		} else {
			g.set(mRowWeight, c, nil, b.st.count)
		}
		g.formula(mRowWeightEff, c, fmt.Sprintf(`IF(%s="",1,%s)`, at(mRowWeight), at(mRowWeight)), nil, b.st.count)
		g.formula(mRowBase, c, floorDiv(NameTotalWon+"*"+at(mRowWeightEff), "SUM("+effW+")"), nil, b.st.count)
		g.formula(mRowRem, c, fmt.Sprintf("%s*%s-%s*SUM(%s)", NameTotalWon, at(mRowWeightEff), at(mRowBase), effW), nil, b.st.count)
		// Ties go to the earlier month, as in the engine's largest remainder.
		g.formula(mRowRank, c, fmt.Sprintf(`COUNTIF(%s,">"&%s)+COUNTIF(%s:%s,%s)-1`,
			rems, at(mRowRem), abs(mRowRem, monthCol(0)), at(mRowRem), at(mRowRem)), nil, b.st.count)
		g.formula(mRowWon, c, fmt.Sprintf("%s+(%s<%s-SUM(%s))", at(mRowBase), at(mRowRank), NameTotalWon, bases), mr.Won, b.st.count)
		g.formula(mRowOpp, c, ceilDiv(at(mRowWon)+"*10000", basisPoints(NameWinRate)), mr.Opportunities, b.st.count)
		g.formula(mRowMeet, c, ceilDiv(at(mRowOpp)+"*10000", basisPoints(NameOpportunityRate)), mr.Meetings, b.st.count)
		g.formula(mRowRevenue, c, fmt.Sprintf("%s*%s", at(mRowWon), NameUnitPrice), int64(mr.Revenue), b.st.yen)
		g.set(mRowCalMonth, c, b.p.StartMonth.Add(i).Num(), b.st.count)
		if !hasChannels {
			g.formula(mRowLeads, c, ceilDiv(at(mRowMeet)+"*10000", meetingBP), mr.Leads, b.st.count)
			g.set(mRowSpend, c, 0, b.st.yen)
			continue
		}
		var leads, meetings, fixed, spend []string
		var fixedV int64
		for j, ch := range b.p.Channels {
			leads = append(leads, b.ch.ref(b.chRow(j, 0), chMonthCol(i)))
			meetings = append(meetings, b.ch.ref(b.chRow(j, 1), chMonthCol(i)))
			spend = append(spend, b.ch.ref(b.chRow(j, 2), chMonthCol(i)))
			if ch.Share == nil {
				fixed = append(fixed, meetings[j])
				fixedV += mr.Channels[j].Meetings
			}
		}
		if len(fixed) == 0 {
			fixed = []string{"0"}
		}
		g.formula(mRowPlanned, c, strings.Join(meetings, "+"), mr.Planned.Meetings, b.st.count)
		g.formula(mRowFixed, c, strings.Join(fixed, "+"), fixedV, b.st.count)
		g.formula(mRowNeed, c, fmt.Sprintf("MAX(0,%s-%s)", at(mRowMeet), at(mRowFixed)), max(0, mr.Meetings-fixedV), b.st.count)
		g.formula(mRowUnassign, c, fmt.Sprintf("IF(%s>%s,%s,0)", at(mRowMeet), at(mRowPlanned),
			ceilDiv("("+at(mRowMeet)+"-"+at(mRowPlanned)+")*10000", meetingBP)), mr.Unassigned, b.st.count)
		g.formula(mRowLeads, c, strings.Join(leads, "+")+"+"+at(mRowUnassign), mr.Leads, b.st.count)
		g.formula(mRowSpend, c, strings.Join(spend, "+"), int64(mr.Spend), b.st.yen)
	}
	t := b.r.Total
	for _, x := range []struct {
		row   int
		v     int64
		style int
	}{{mRowWon, t.Won, b.st.count}, {mRowOpp, t.Opportunities, b.st.count}, {mRowMeet, t.Meetings, b.st.count},
		{mRowLeads, t.Leads, b.st.count}, {mRowRevenue, int64(t.Revenue), b.st.yen}, {mRowSpend, int64(t.Spend), b.st.yen}} {
		g.formula(x.row, tc, "SUM("+b.monthTotalRow(x.row)+")", x.v, x.style)
	}
}
