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

var wordsJa = words{
	kpiSheet: "KPI設定", monthSheet: "月別目標", channelSheet: "チャネル", calcSheet: "計算",
	kpiTitle: "KPI設定シート", monthTitle: "月間獲得目標", channelTitle: "チャネル（施策）別の目標",
	inputs: "入力", funnel: "必要なファネル（期間合計）", calcRows: "計算用（編集しないでください）",

	name: "プラン名", year: "◯年目", startMonth: "開始月", months: "期間（月数）",
	entryDate: "記入日", targetDate: "目標時期", notes: "打ち合わせメモ",
	targetRevenue: "目標売上", targetWon: "受注数目標", unitPrice: "受注単価（≒LTV）",
	meetingRate: "商談化率（アポ率）", opportunityRate: "案件化率", winRate: "受注率",

	won: "受注数", opportunities: "案件化数", meetings: "商談数", leads: "リード数",
	revenue: "売上", spend: "施策費用", month: "月", total: "合計", weight: "月別の重み",

	weightEff: "重み（空欄は1）", base: "按分の基数", remainder: "按分の余り", rank: "余りの順位",
	calMonth: "暦月", unassigned: "チャネル未割当のリード", plannedMeetings: "チャネルの商談数",
	fixedMeetings: "固定チャネルの商談数", need: "配分チャネルに必要な商談数",

	channel: "チャネル", metric: "指標", kind: "種類", chLeads: "月間リード数（固定）",
	share: "リード配分", chRate: "アポ率", cpa: "獲得費用単価（CPA）", fixedCost: "固定費",
	chMonths: "開催予定月", events: "開催頻度（回／月）", listSize: "リスト数", articles: "記事数目標",
	rateUsed: "使うアポ率（万分率）", shareUnits: "配分（万分率）",

	hint: "目標・単価・各率を変えると、受注数から費用まで再計算されます（各段階で切り上げ）。",

	paSheet: "予実対比", actualSheet: "月別実績", paTitle: "計画と実績", actualTitle: "チャネル別の月別実績",
	plan: "計画", actual: "実績", attainment: "達成率",
	perLead: "リード単価", perMeeting: "商談単価", perWon: "顧客獲得単価（CAC）",
}

var wordsEn = words{
	kpiSheet: "KPI", monthSheet: "Monthly targets", channelSheet: "Channels", calcSheet: "Calc",
	kpiTitle: "KPI sheet", monthTitle: "Monthly targets", channelTitle: "Targets by channel",
	inputs: "Inputs", funnel: "Required funnel (period total)", calcRows: "Working rows (do not edit)",

	name: "Plan name", year: "Plan year", startMonth: "Start month", months: "Months",
	entryDate: "Entry date", targetDate: "Target date", notes: "Meeting notes",
	targetRevenue: "Revenue target", targetWon: "Won deals target", unitPrice: "Unit price (≈ LTV)",
	meetingRate: "Meeting rate", opportunityRate: "Opportunity rate", winRate: "Win rate",

	won: "Won deals", opportunities: "Opportunities", meetings: "Meetings", leads: "Leads",
	revenue: "Revenue", spend: "Spend", month: "Month", total: "Total", weight: "Monthly weight",

	weightEff: "Weight (blank is 1)", base: "Split base", remainder: "Split remainder", rank: "Remainder rank",
	calMonth: "Calendar month", unassigned: "Leads no channel brings", plannedMeetings: "Channel meetings",
	fixedMeetings: "Fixed channels' meetings", need: "Meetings share channels must bring",

	channel: "Channel", metric: "Figure", kind: "Kind", chLeads: "Leads per month (fixed)",
	share: "Share of leads", chRate: "Meeting rate", cpa: "Cost per lead (CPA)", fixedCost: "Fixed cost",
	chMonths: "Event months", events: "Events per month", listSize: "List size", articles: "Articles per month",
	rateUsed: "Rate used (basis points)", shareUnits: "Share (basis points)",

	hint: "Change the target, the unit price or a rate and every figure down to the spend recomputes (each step rounds up).",

	paSheet: "Plan vs actual", actualSheet: "Monthly actuals", paTitle: "Plan against actual", actualTitle: "Actuals by channel and month",
	plan: "Plan", actual: "Actual", attainment: "Attainment",
	perLead: "Cost per lead", perMeeting: "Cost per meeting", perWon: "Cost per won deal (CAC)",
}

func wordsFor(lang string) words {
	if lang == "ja" {
		return wordsJa
	}
	return wordsEn
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
