package gyakusan

import (
	"errors"
	"strings"
	"testing"
)

func TestValidationMessages(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(p *Plan)
		field  string
		ja, en string
	}{
		{"win rate above 100", func(p *Plan) { p.Rates.Win = 101 * Percent }, "rates.win",
			"受注率は0より大きく100以下にしてください。", "Win rate must be greater than 0 and at most 100."},
		{"meeting rate zero", func(p *Plan) { p.Rates.Meeting = 0 }, "rates.meeting",
			"商談化率は0より大きく100以下にしてください。", "Meeting rate must be greater than 0 and at most 100."},
		{"opportunity rate negative", func(p *Plan) { p.Rates.Opportunity = -1 }, "rates.opportunity",
			"案件化率は0より大きく100以下にしてください。", "Opportunity rate must be greater than 0 and at most 100."},
		{"no target", func(p *Plan) { p.Target = Target{} }, "target.revenue",
			"目標売上を入力してください。", "Revenue target is required."},
		{"both targets", func(p *Plan) { p.Target = Target{Won: 1, Revenue: 1} }, "target.revenue",
			"目標売上か受注数目標のどちらか一方を入力してください。", "Give either Revenue target or Won deals target, not both."},
		{"won above 10^9", func(p *Plan) { p.Target = Target{Won: MaxCount + 1} }, "target.won",
			"受注数目標は1以上1,000,000,000以下にしてください。", "Won deals target must be between 1 and 1,000,000,000."},
		{"revenue above 10^15", func(p *Plan) { p.Target = Target{Revenue: MaxYen + 1} }, "target.revenue",
			"目標売上は0より大きく1,000,000,000,000,000以下にしてください。", "Revenue target must be greater than 0 and at most 1,000,000,000,000,000."},
		{"revenue without unit price", func(p *Plan) { p.Target = Target{Revenue: 1000}; p.UnitPrice = 0 }, "unit_price",
			"受注単価（LTV）を入力してください。", "Unit price (LTV) is required."},
		{"negative unit price", func(p *Plan) { p.UnitPrice = -5 }, "unit_price",
			"受注単価（LTV）は0より大きく1,000,000,000,000,000以下にしてください。", "Unit price (LTV) must be greater than 0 and at most 1,000,000,000,000,000."},
		{"no start month", func(p *Plan) { p.StartMonth = 0 }, "start_month",
			"開始月を入力してください。", "Start month is required."},
		{"too many months", func(p *Plan) { p.Months = 121 }, "months",
			"期間（月数）は1以上120以下にしてください。", "Months must be between 1 and 120."},
		{"year out of range", func(p *Plan) { p.Year = 101 }, "year",
			"◯年目は1以上100以下にしてください。", "Plan year must be between 1 and 100."},
		{"entry date format", func(p *Plan) { p.EntryDate = "2026/4/1" }, "entry_date",
			"記入日はYYYY-MM-DDの形式で入力してください。", "Entry date must be written as YYYY-MM-DD."},
		{"target date format", func(p *Plan) { p.TargetDate = "next year" }, "target_date",
			"目標時期はYYYY-MM-DD / YYYY-MMの形式で入力してください。", "Target date must be written as YYYY-MM-DD / YYYY-MM."},
		{"channel without name", func(p *Plan) { p.Channels[1].Name = " " }, "channels[1].name",
			"チャネル2のチャネル名を入力してください。", "Channel 2 channel name is required."},
		{"channel of unknown kind", func(p *Plan) { p.Channels[0].Kind = "tv" }, "channels[0].kind",
			"チャネル1の種類は次のいずれかにしてください: ads, email, seminar, organic, offline, other", "Channel 1 kind must be one of: ads, email, seminar, organic, offline, other."},
		{"channel with leads and share", func(p *Plan) { p.Channels[0].Share = rate(10) }, "channels[0].leads",
			"チャネル1の月間リード数かチャネル1のリード配分（%）のどちらか一方を入力してください。", "Give either Channel 1 leads per month or Channel 1 share of leads, not both."},
		{"channel with neither", func(p *Plan) { p.Channels[2].Leads = nil }, "channels[2].leads",
			"チャネル3の月間リード数を入力してください。", "Channel 3 leads per month is required."},
		{"channel leads above 10^9", func(p *Plan) { p.Channels[0].Leads = count(MaxCount + 1) }, "channels[0].leads",
			"チャネル1の月間リード数は0以上1,000,000,000以下にしてください。", "Channel 1 leads per month must be between 0 and 1,000,000,000."},
		{"channel meeting rate", func(p *Plan) { p.Channels[0].MeetingRate = rate(0) }, "channels[0].meeting_rate",
			"チャネル1のアポ率は0より大きく100以下にしてください。", "Channel 1 meeting rate must be greater than 0 and at most 100."},
		{"negative CPA", func(p *Plan) { p.Channels[0].CPA = -1 }, "channels[0].cpa",
			"チャネル1の獲得費用単価（CPA）は0以上1,000,000,000,000,000以下にしてください。", "Channel 1 cost per lead (CPA) must be between 0 and 1,000,000,000,000,000."},
		{"fixed cost too large", func(p *Plan) { p.Channels[2].FixedCost = MaxYen + 1 }, "channels[2].fixed_cost",
			"チャネル3の固定費は0以上1,000,000,000,000,000以下にしてください。", "Channel 3 fixed cost must be between 0 and 1,000,000,000,000,000."},
		{"event month 13", func(p *Plan) { p.Channels[2].ActiveMonths = []int{13} }, "channels[2].months",
			"チャネル3の開催予定月は1以上12以下にしてください。", "Channel 3 event months must be between 1 and 12."},
		{"events per month", func(p *Plan) { p.Channels[2].EventsPerMonth = -1 }, "channels[2].events_per_month",
			"チャネル3の開催頻度は0以上1,000以下にしてください。", "Channel 3 events per month must be between 0 and 1,000."},
		{"list size", func(p *Plan) { p.Channels[1].ListSize = -1 }, "channels[1].list_size",
			"チャネル2のリスト数は0以上1,000,000,000以下にしてください。", "Channel 2 list size must be between 0 and 1,000,000,000."},
		{"articles", func(p *Plan) { p.Channels[1].ArticlesPerMonth = -1 }, "channels[1].articles_per_month",
			"チャネル2の記事数目標は0以上1,000,000,000以下にしてください。", "Channel 2 articles per month must be between 0 and 1,000,000,000."},
		{"shares not adding to 100", func(p *Plan) {
			p.Channels[0].Leads, p.Channels[0].Share = nil, rate(30)
			p.Channels[1].Leads, p.Channels[1].Share = nil, rate(60)
		}, "channels.share", "リード配分（%）の合計は100%にしてください（現在90%）。", "share of leads must add up to 100 % (now 90 %)."},
		{"weights of the wrong length", func(p *Plan) { p.Weights = []int64{1, 2} }, "weights",
			"月別の重みは1〜1にしてください。", "Monthly weights must have between 1 and 1 items or characters."},
		{"negative weight", func(p *Plan) { p.Weights = []int64{-1} }, "weights[0]",
			"1か月目の重みは0以上1,000,000,000以下にしてください。", "Weight of month 1 must be between 0 and 1,000,000,000."},
		{"name too long", func(p *Plan) { p.Name = strings.Repeat("あ", 201) }, "name",
			"プラン名は0〜200にしてください。", "Plan name must have between 0 and 200 items or characters."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := seedPlan()
			tt.edit(&p)
			_, err := Compute(p)
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeInvalid {
				t.Fatalf("want an invalid error, got %v", err)
			}
			for _, f := range e.Fields {
				if f.Field != tt.field {
					continue
				}
				if got := f.Text("ja"); got != tt.ja {
					t.Errorf("ja: got %q\nwant %q", got, tt.ja)
				}
				if got := f.Text("en"); got != tt.en {
					t.Errorf("en: got %q\nwant %q", got, tt.en)
				}
				return
			}
			t.Fatalf("no error for %s in %+v", tt.field, e.Fields)
		})
	}
}

func TestDecodeErrorsNameTheField(t *testing.T) {
	tests := []struct {
		name, doc, field string
		rule             Rule
	}{
		{"a rate with three decimals", `{"rates":{"win":25.125}}`, "rates.win", RuleType},
		{"a rate that is text", `{"rates":{"meeting":"abc"}}`, "rates.meeting", RuleType},
		{"a fractional count", `{"target":{"won":1.5}}`, "target.won", RuleType},
		{"an unknown field", `{"rate":{}}`, "rate", RuleUnknown},
		{"not JSON", `{"name":`, "", RuleSyntax},
		{"a month that is not YYYY-MM", `{"start_month":"April"}`, "start_month", RuleType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePlan([]byte(tt.doc))
			var e *Error
			if !errors.As(err, &e) || len(e.Fields) != 1 {
				t.Fatalf("got %v", err)
			}
			if e.Fields[0].Field != tt.field || e.Fields[0].Rule != tt.rule {
				t.Errorf("got %+v, want field %q rule %s", e.Fields[0], tt.field, tt.rule)
			}
		})
	}
}

func TestRateParsing(t *testing.T) {
	good := map[string]Rate{"25": 2500, "12.5": 1250, "12.34": 1234, "0.01": 1, "100": 10000, "35.00": 3500}
	for s, want := range good {
		if got, ok := ParseRate(s); !ok || got != want {
			t.Errorf("ParseRate(%q) = %d %v, want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "1e2", "12.345", "abc", ".", "1.", "--1", "0x10"} {
		if _, ok := ParseRate(s); ok {
			t.Errorf("ParseRate(%q) accepted", s)
		}
	}
}
