package gyakusan

import "testing"

// benchPlan is a 12-month, 6-channel plan with every kind of channel.
func benchPlan() Plan {
	return Plan{
		Name: "bench", StartMonth: MonthOf(2026, 4), Months: 12,
		Target: Target{Revenue: 600_000_000}, UnitPrice: 1_200_000,
		Rates:   Rates{Meeting: 22_50, Opportunity: 45 * Percent, Win: 27_50},
		Weights: []int64{1, 1, 2, 2, 3, 3, 2, 2, 1, 1, 2, 4},
		Channels: []Channel{
			{Name: "リスティング広告", Kind: KindAds, Share: rate(40), MeetingRate: rate(15), CPA: 12_000},
			{Name: "SNS広告", Kind: KindAds, Share: rate(25), MeetingRate: rate(10), CPA: 8_000},
			{Name: "メルマガ", Kind: KindEmail, Leads: count(60), ListSize: 8000},
			{Name: "ウェビナー", Kind: KindSeminar, Share: rate(20), MeetingRate: rate(30), FixedCost: 300_000, ActiveMonths: []int{4, 6, 9, 11}, EventsPerMonth: 2},
			{Name: "オウンドメディア", Kind: KindOrganic, Share: rate(15), MeetingRate: rate(12), ArticlesPerMonth: 8, FixedCost: 400_000},
			{Name: "展示会", Kind: KindOffline, Leads: count(150), MeetingRate: rate(25), FixedCost: 2_500_000, ActiveMonths: []int{10}},
		},
	}
}

func BenchmarkCompute12Months6Channels(b *testing.B) {
	p := benchPlan()
	if _, err := Compute(p); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(p); err != nil {
			b.Fatal(err)
		}
	}
}
