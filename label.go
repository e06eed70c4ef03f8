package gyakusan

import (
	"regexp"
	"strconv"
	"strings"
)

// fieldLabels names the plan's fields in the users' words (PRODUCT.md).
var fieldLabels = map[string][2]string{
	"":                            {"文書", "The document"},
	"name":                        {"プラン名", "Plan name"},
	"year":                        {"◯年目", "Plan year"},
	"start_month":                 {"開始月", "Start month"},
	"months":                      {"期間（月数）", "Months"},
	"entry_date":                  {"記入日", "Entry date"},
	"target_date":                 {"目標時期", "Target date"},
	"notes":                       {"打ち合わせメモ", "Meeting notes"},
	"target":                      {"目標", "Target"},
	"target.revenue":              {"目標売上", "Revenue target"},
	"target.won":                  {"受注数目標", "Won deals target"},
	"unit_price":                  {"受注単価（LTV）", "Unit price (LTV)"},
	"rates.meeting":               {"商談化率", "Meeting rate"},
	"rates.opportunity":           {"案件化率", "Opportunity rate"},
	"rates.win":                   {"受注率", "Win rate"},
	"channels":                    {"チャネル", "Channels"},
	"channels.name":               {"チャネル名", "channel name"},
	"channels.kind":               {"種類", "kind"},
	"channels.leads":              {"月間リード数", "leads per month"},
	"channels.share":              {"リード配分（%）", "share of leads"},
	"channels.meeting_rate":       {"アポ率", "meeting rate"},
	"channels.cpa":                {"獲得費用単価（CPA）", "cost per lead (CPA)"},
	"channels.fixed_cost":         {"固定費", "fixed cost"},
	"channels.list_size":          {"リスト数", "list size"},
	"channels.months":             {"開催予定月", "event months"},
	"channels.events_per_month":   {"開催頻度", "events per month"},
	"channels.articles_per_month": {"記事数目標", "articles per month"},
	"weights":                     {"月別の重み", "Monthly weights"},
	"version":                     {"バージョン", "Version"},
	"plan":                        {"プラン", "Plan"},
	// Hand-typed actuals (ActualsService.ReplaceManual, `gyakusan actuals set`).
	"spend.spend":   {"施策費用の実績", "Actual spend"},
	"spend.month":   {"費用の月", "Month of the spend"},
	"spend.channel": {"費用のチャネル", "Channel of the spend"},
	"--spend":       {"施策費用の実績（--spend）", "Actual spend (--spend)"},
	// The quick-funnel flags of `gyakusan plan`.
	"--won":              {"受注数目標（--won）", "Won deals target (--won)"},
	"--revenue":          {"目標売上（--revenue）", "Revenue target (--revenue)"},
	"--unit-price":       {"受注単価（--unit-price）", "Unit price (--unit-price)"},
	"--meeting-rate":     {"商談化率（--meeting-rate）", "Meeting rate (--meeting-rate)"},
	"--opportunity-rate": {"案件化率（--opportunity-rate）", "Opportunity rate (--opportunity-rate)"},
	"--win-rate":         {"受注率（--win-rate）", "Win rate (--win-rate)"},
	"--months":           {"期間（--months）", "Months (--months)"},
	"--start":            {"開始月（--start）", "Start month (--start)"},
	"--format":           {"出力形式（--format）", "Output format (--format)"},
	"--lang":             {"言語（--lang）", "Language (--lang)"},
}

var indexRE = regexp.MustCompile(`\[(\d+)\]`)

// FieldLabel returns the users' name for a field path in lang. Channel
// fields carry the channel's position: "channels[1].cpa" reads
// "チャネル2の獲得費用単価（CPA）" / "Channel 2 cost per lead (CPA)".
func FieldLabel(path, lang string) string {
	i := 1
	if lang == "ja" {
		i = 0
	}
	idx := indexRE.FindAllStringSubmatch(path, -1)
	key := indexRE.ReplaceAllString(path, "")
	l, ok := fieldLabels[key]
	if !ok {
		return path
	}
	if strings.HasPrefix(key, "channels.") && len(idx) > 0 {
		n := idx[0][1]
		num := itoaPlus1(n)
		if i == 0 {
			return "チャネル" + num + "の" + l[0]
		}
		return "Channel " + num + " " + l[1]
	}
	if key == "weights" && len(idx) > 0 {
		num := itoaPlus1(idx[0][1])
		if i == 0 {
			return num + "か月目の重み"
		}
		return "Weight of month " + num
	}
	return l[i]
}

// itoaPlus1 turns a 0-based index of a field path into the 1-based
// position people count in.
func itoaPlus1(s string) string {
	n, _ := strconv.Atoi(s)
	return strconv.Itoa(n + 1)
}
