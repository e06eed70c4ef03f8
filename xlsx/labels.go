package xlsx

import "gyakusan"

// words holds every sheet name and label of the workbook in one language.
type words struct {
	kpiSheet, monthSheet, channelSheet, calcSheet string
	kpiTitle, monthTitle, channelTitle            string
	inputs, funnel, calcRows                      string

	name, year, startMonth, months, entryDate, targetDate, notes string
	targetRevenue, targetWon, unitPrice                          string
	meetingRate, opportunityRate, winRate                        string

	won, opportunities, meetings, leads, revenue, spend string
	month, total, weight                                string

	weightEff, base, remainder, rank, calMonth, unassigned, plannedMeetings, fixedMeetings, need string

	channel, metric, kind, chLeads, share, chRate, cpa, fixedCost, chMonths, events, listSize, articles string
	rateUsed, shareUnits                                                                                string

	hint string

	paSheet, actualSheet, paTitle, actualTitle, plan, actual, attainment string
	perLead, perMeeting, perWon                                          string
}

// wordsFor gives every sheet name and label of the workbook in lang ("ja",
// or English by default); each word stands next to its translation, so
// that neither language can lack one.
func wordsFor(lang string) words {
	l := func(ja, en string) string {
		if lang == "ja" {
			return ja
		}
		return en
	}
	return words{
		kpiSheet:     l("KPI設定", "KPI"),
		monthSheet:   l("月別目標", "Monthly targets"),
		channelSheet: l("チャネル", "Channels"),
		calcSheet:    l("計算", "Calc"),
		kpiTitle:     l("KPI設定シート", "KPI sheet"),
		monthTitle:   l("月間獲得目標", "Monthly targets"),
		channelTitle: l("チャネル（施策）別の目標", "Targets by channel"),
		inputs:       l("入力", "Inputs"),
		funnel:       l("必要なファネル（期間合計）", "Required funnel (period total)"),
		calcRows:     l("計算用（編集しないでください）", "Working rows (do not edit)"),

		name:            l("プラン名", "Plan name"),
		year:            l("◯年目", "Plan year"),
		startMonth:      l("開始月", "Start month"),
		months:          l("期間（月数）", "Months"),
		entryDate:       l("記入日", "Entry date"),
		targetDate:      l("目標時期", "Target date"),
		notes:           l("打ち合わせメモ", "Meeting notes"),
		targetRevenue:   l("目標売上", "Revenue target"),
		targetWon:       l("受注数目標", "Won deals target"),
		unitPrice:       l("受注単価（≒LTV）", "Unit price (≈ LTV)"),
		meetingRate:     l("商談化率（アポ率）", "Meeting rate"),
		opportunityRate: l("案件化率", "Opportunity rate"),
		winRate:         l("受注率", "Win rate"),

		won:           l("受注数", "Won deals"),
		opportunities: l("案件化数", "Opportunities"),
		meetings:      l("商談数", "Meetings"),
		leads:         l("リード数", "Leads"),
		revenue:       l("売上", "Revenue"),
		spend:         l("施策費用", "Spend"),
		month:         l("月", "Month"),
		total:         l("合計", "Total"),
		weight:        l("月別の重み", "Monthly weight"),

		weightEff:       l("重み（空欄は1）", "Weight (blank is 1)"),
		base:            l("按分の基数", "Split base"),
		remainder:       l("按分の余り", "Split remainder"),
		rank:            l("余りの順位", "Remainder rank"),
		calMonth:        l("暦月", "Calendar month"),
		unassigned:      l("チャネル未割当のリード", "Leads no channel brings"),
		plannedMeetings: l("チャネルの商談数", "Channel meetings"),
		fixedMeetings:   l("固定チャネルの商談数", "Fixed channels' meetings"),
		need:            l("配分チャネルに必要な商談数", "Meetings share channels must bring"),

		channel:    l("チャネル", "Channel"),
		metric:     l("指標", "Figure"),
		kind:       l("種類", "Kind"),
		chLeads:    l("月間リード数（固定）", "Leads per month (fixed)"),
		share:      l("リード配分", "Share of leads"),
		chRate:     l("アポ率", "Meeting rate"),
		cpa:        l("獲得費用単価（CPA）", "Cost per lead (CPA)"),
		fixedCost:  l("固定費", "Fixed cost"),
		chMonths:   l("開催予定月", "Event months"),
		events:     l("開催頻度（回／月）", "Events per month"),
		listSize:   l("リスト数", "List size"),
		articles:   l("記事数目標", "Articles per month"),
		rateUsed:   l("使うアポ率（万分率）", "Rate used (basis points)"),
		shareUnits: l("配分（万分率）", "Share (basis points)"),

		hint: l("目標・単価・各率を変えると、受注数から費用まで再計算されます（各段階で切り上げ）。",
			"Change the target, the unit price or a rate and every figure down to the spend recomputes (each step rounds up)."),

		paSheet:     l("予実対比", "Plan vs actual"),
		actualSheet: l("月別実績", "Monthly actuals"),
		paTitle:     l("計画と実績", "Plan against actual"),
		actualTitle: l("チャネル別の月別実績", "Actuals by channel and month"),
		plan:        l("計画", "Plan"),
		actual:      l("実績", "Actual"),
		attainment:  l("達成率", "Attainment"),
		perLead:     l("リード単価", "Cost per lead"),
		perMeeting:  l("商談単価", "Cost per meeting"),
		perWon:      l("顧客獲得単価（CAC）", "Cost per won deal (CAC)"),
	}
}

// kindLabels names the channel kinds in both languages; import accepts
// either language and the field value itself.
var kindLabels = map[gyakusan.ChannelKind][2]string{
	gyakusan.KindAds:     {"広告", "Ads"},
	gyakusan.KindEmail:   {"メルマガ", "Email"},
	gyakusan.KindSeminar: {"セミナー", "Seminar"},
	gyakusan.KindOrganic: {"オーガニック", "Organic"},
	gyakusan.KindOffline: {"展示会・オフライン", "Offline"},
	gyakusan.KindOther:   {"その他", "Other"},
}

func kindLabel(k gyakusan.ChannelKind, lang string) string {
	l, ok := kindLabels[k]
	if !ok {
		return string(k)
	}
	if lang == "ja" {
		return l[0]
	}
	return l[1]
}
