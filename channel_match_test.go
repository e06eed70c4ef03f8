package gyakusan

import "testing"

func TestMatchChannel(t *testing.T) {
	p := seedPlan()
	p.Channels = append(p.Channels, Channel{Name: "SEO記事", Kind: KindOrganic, Leads: count(1)},
		Channel{Name: "Webinar A", Kind: KindSeminar, Leads: count(1)}, Channel{Name: "Webinar B", Kind: KindSeminar, Leads: count(1)})
	tests := []struct {
		source, want string
		ok           bool
	}{
		{"広告", "広告", true},
		{" メルマガ ", "メルマガ", true},
		{"ads", "広告", true},
		{"PAID_SEARCH", "広告", true},
		{"Email marketing", "メルマガ", true},
		{"展示会", "展示会", true},
		{"ORGANIC_SEARCH", "SEO記事", true},
		{"webinar a", "Webinar A", true},
		{"ウェビナー", "", false}, // two seminar channels: ambiguous
		{"Referrals", "", false},
	}
	for _, tt := range tests {
		got, ok := MatchChannel(p, tt.source)
		if got != tt.want || ok != tt.ok {
			t.Errorf("MatchChannel(%q) = %q %v, want %q %v", tt.source, got, ok, tt.want, tt.ok)
		}
	}
}

func TestReportPutsSourcesOnTheirChannels(t *testing.T) {
	p := seedPlan()
	r := mustCompute(t, p)
	m := p.StartMonth
	a := Actuals{Cells: []ActualCell{
		{Month: m, Channel: "PAID_SEARCH", Stage: StageLead, Count: 30, Cohort: 30},
		{Month: m, Channel: "広告", Stage: StageLead, Count: 12, Cohort: 12},
		{Month: m, Channel: "Referrals", Stage: StageLead, Count: 5, Cohort: 5},
	}}
	rep := Report(p, r, a)
	got := map[string]int64{}
	for _, c := range rep.Channels {
		got[c.Name] = c.Actual.Leads
	}
	if got["広告"] != 42 || got["Referrals"] != 5 || len(rep.Channels) != 4 {
		t.Errorf("channels %v, want 広告 42 (30 + 12) and Referrals 5 on its own", got)
	}
}
