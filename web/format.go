package web

import (
	"html/template"
	"strconv"

	"gyakusan"
)

// funcs are the template functions: number formatting in the sheet's style.
var funcs = template.FuncMap{
	"num":        func(n int64) string { return fmtNum(n) },
	"int":        func(n int) string { return fmtNum(n) },
	"yen":        fmtYen,
	"yenp":       fmtYenPtr,
	"dec":        fmtDecPtr,
	"rate":       func(r gyakusan.Rate) string { return r.String() },
	"monthName":  monthName,
	"kindName":   kindName,
	"add":        func(a, b int) int { return a + b },
	"pct":        pct,
	"ferr":       ferr,
	"channelRow": channelRow,
	"newChannel": newChannel,
	"planTable":  planTable,
}

// fmtNum writes an integer with thousands separators, 1,234,567, as
// gyakusan.Grouped does for the CLI and the messages.
func fmtNum[T ~int64 | ~int](n T) string { return gyakusan.Grouped(int64(n)) }

func fmtYen(y gyakusan.Yen) string { return "¥" + fmtNum(int64(y)) }

func fmtYenPtr(y *gyakusan.Yen) string {
	if y == nil {
		return "—"
	}
	return fmtYen(*y)
}

func fmtDecPtr(d *gyakusan.Decimal) string {
	if d == nil {
		return "—"
	}
	return d.String()
}

// monthName is a month as the sheet heads its columns: "4月" / "Apr", with
// the year when it is January or the first column.
func monthName(lang string, m gyakusan.Month, first bool) string {
	en := [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	withYear := first || m.Num() == 1
	if lang == langJa {
		s := strconv.Itoa(m.Num()) + "月"
		if withYear {
			s = strconv.Itoa(m.Year()) + "年" + s
		}
		return s
	}
	s := en[m.Num()-1]
	if withYear {
		s += " " + strconv.Itoa(m.Year())
	}
	return s
}

var kindNames = map[gyakusan.ChannelKind][2]string{
	gyakusan.KindAds:     {"広告", "Ads"},
	gyakusan.KindEmail:   {"メルマガ", "Email"},
	gyakusan.KindSeminar: {"セミナー", "Seminar / webinar"},
	gyakusan.KindOrganic: {"オーガニック", "Organic / SEO"},
	gyakusan.KindOffline: {"展示会・オフライン", "Offline / exhibition"},
	gyakusan.KindOther:   {"その他", "Other"},
}

func kindName(lang string, k gyakusan.ChannelKind) string {
	n, ok := kindNames[k]
	if !ok {
		return string(k)
	}
	if lang == langJa {
		return n[0]
	}
	return n[1]
}

// pct returns part/whole as a CSS percentage for bar widths, 0–100.
func pct(part, whole int64) string {
	if whole <= 0 || part <= 0 {
		return "0"
	}
	if part >= whole {
		return "100"
	}
	return strconv.FormatFloat(float64(part)*100/float64(whole), 'f', 1, 64)
}
