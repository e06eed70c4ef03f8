package xlsx

import (
	"fmt"
	"strconv"
	"strings"
)

// The channel sheet: an input table (one row per channel, from row 4, with
// the field names in row 2), then per channel three rows of months: leads,
// meetings and spend.
const (
	cRowTitle  = 1
	cRowKeys   = 2
	cRowHeader = 3
	cRowFirst  = 4
)

// Columns of the channel input table.
const (
	cColName = iota + 1
	cColKind
	cColLeads
	cColShare
	cColRate
	cColCPA
	cColFixed
	cColMonths
	cColEvents
	cColList
	cColArticles
	cColRateBP  // working: the meeting rate used, in basis points
	cColShareBP // working: the share in basis points
)

// channelKeys are the field names over the input table; import checks them.
var channelKeys = []string{"name", "kind", "leads", "share", "meeting_rate", "cpa", "fixed_cost",
	"months", "events_per_month", "list_size", "articles_per_month"}

func chMonthCol(i int) int { return 3 + i }

func (b *book) chInputRow(j int) int { return cRowFirst + j }

func (b *book) chBlockHeader() int { return cRowFirst + len(b.p.Channels) + 1 }

// chRow is the row of channel j's metric k: 0 leads, 1 meetings, 2 spend.
func (b *book) chRow(j, k int) int { return b.chBlockHeader() + 1 + 3*j + k }

// active is 1 when channel j runs in month i: its months cell is empty or
// lists the calendar month.
func (b *book) active(j, i int) string {
	m := b.ch.ref(b.chInputRow(j), cColMonths)
	return fmt.Sprintf(`IF(%[1]s="",1,ISNUMBER(SEARCH(","&%[2]s&",",","&SUBSTITUTE(%[1]s," ","")&",")))`,
		m, b.month.ref(mRowCalMonth, monthCol(i)))
}

func (b *book) channelSheet() {
	g, w, p := b.ch, b.w, b.p
	g.set(cRowTitle, 1, w.channelTitle, b.st.title)
	heads := []string{w.channel, w.kind, w.chLeads, w.share, w.chRate, w.cpa, w.fixedCost, w.chMonths,
		w.events, w.listSize, w.articles, w.rateUsed, w.shareUnits}
	for c, h := range heads {
		g.set(cRowHeader, c+1, h, b.st.header)
		g.widths[c+1] = 14
	}
	g.widths[1] = 24
	for c, k := range channelKeys {
		g.set(cRowKeys, c+1, k, b.st.key)
	}
	g.hiddenCols[cColRateBP] = true
	g.hiddenCols[cColShareBP] = true
	for j, c := range p.Channels {
		row := b.chInputRow(j)
		b.text(g, row, cColName, c.Name, b.st.text)
		g.set(row, cColKind, kindLabel(c.Kind, b.lang), b.st.text)
		if c.Leads != nil {
			g.set(row, cColLeads, *c.Leads, b.st.count)
		}
		if c.Share != nil {
			g.set(row, cColShare, fraction(*c.Share), b.pctStyle(*c.Share))
		}
		if c.MeetingRate != nil {
			g.set(row, cColRate, fraction(*c.MeetingRate), b.pctStyle(*c.MeetingRate))
		}
		put := func(col int, v int64, style int) {
			if v != 0 {
				g.set(row, col, v, style)
			} else {
				g.set(row, col, nil, style)
			}
		}
		put(cColCPA, int64(c.CPA), b.st.yen)
		put(cColFixed, int64(c.FixedCost), b.st.yen)
		if len(c.ActiveMonths) > 0 {
			ms := make([]string, len(c.ActiveMonths))
			for k, m := range c.ActiveMonths {
				ms[k] = strconv.Itoa(m)
			}
			g.set(row, cColMonths, strings.Join(ms, ","), b.st.text)
		}
		put(cColEvents, c.EventsPerMonth, b.st.count)
		put(cColList, c.ListSize, b.st.count)
		put(cColArticles, c.ArticlesPerMonth, b.st.count)
		rate := rel(row, cColRate)
		g.formula(row, cColRateBP, basisPoints(fmt.Sprintf(`IF(%s="",%s,%s)`, rate, NameMeetingRate, rate)),
			int64(b.r.Channels[j].MeetingRate), b.st.count)
		var share int64
		if c.Share != nil {
			share = int64(*c.Share)
		}
		g.formula(row, cColShareBP, basisPoints(rel(row, cColShare)), share, b.st.count)
	}
	if len(p.Channels) > 0 {
		b.name(NameChannelInputs, g.rangeRef(cRowFirst, cColName, b.chInputRow(len(p.Channels)-1), cColArticles))
	}

	n := b.months()
	h := b.chBlockHeader()
	g.set(h, 1, w.channel, b.st.header)
	g.set(h, 2, w.metric, b.st.header)
	for i := range n {
		g.set(h, chMonthCol(i), p.StartMonth.Add(i).String(), b.st.header)
	}
	tc := chMonthCol(n)
	g.set(h, tc, w.total, b.st.header)
	share := 0
	for j, c := range p.Channels {
		in := b.chInputRow(j)
		cr := b.r.Channels[j]
		for k, label := range []string{w.leads, w.meetings, w.spend} {
			row := b.chRow(j, k)
			g.formula(row, 1, abs(in, cColName), escapeText(c.Name), b.st.label)
			g.set(row, 2, label, b.st.text)
			style := b.st.count
			total := []int64{cr.Leads, cr.Meetings, int64(cr.Spend)}[k]
			if k == 2 {
				style = b.st.yen
			}
			g.formula(row, tc, "SUM("+g.rangeRef(row, chMonthCol(0), row, chMonthCol(n-1))+")", total, style)
		}
		for i := range n {
			col := chMonthCol(i)
			cm := b.r.Months[i].Channels[j]
			leads := rel(b.chRow(j, 0), col)
			var lf string
			if c.Share != nil {
				lf = b.calc.ref(calcMonthRow(i), b.calcChosenCol(share))
			} else {
				lf = fmt.Sprintf("%s*%s", b.active(j, i), abs(in, cColLeads))
			}
			g.formula(b.chRow(j, 0), col, lf, cm.Leads, b.st.count)
			g.formula(b.chRow(j, 1), col, floorDiv(leads+"*"+abs(in, cColRateBP), "10000"), cm.Meetings, b.st.count)
			g.formula(b.chRow(j, 2), col, fmt.Sprintf("%s*%s+%s*%s*MAX(1,%s)", abs(in, cColCPA), leads,
				b.active(j, i), abs(in, cColFixed), abs(in, cColEvents)), int64(cm.Spend), b.st.yen)
		}
		if c.Share != nil {
			share++
		}
	}
}
