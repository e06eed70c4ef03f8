package gyakusan

import "strings"

// sourceKinds maps the lead source names CRMs and teams commonly use to a
// channel kind, so that imported leads land on the plan's channel of that
// kind without a mapping. Keys are normalised by normSource.
var sourceKinds = map[string]ChannelKind{
	"ads": KindAds, "ad": KindAds, "advertising": KindAds, "paid search": KindAds, "paid social": KindAds,
	"広告": KindAds, "web広告": KindAds, "リスティング広告": KindAds, "リスティング": KindAds, "sns広告": KindAds,
	"email": KindEmail, "e mail": KindEmail, "mail": KindEmail, "email marketing": KindEmail, "newsletter": KindEmail,
	"メルマガ": KindEmail, "メール": KindEmail, "メールマガジン": KindEmail,
	"seminar": KindSeminar, "webinar": KindSeminar, "event": KindSeminar, "events": KindSeminar,
	"セミナー": KindSeminar, "ウェビナー": KindSeminar,
	"organic": KindOrganic, "organic search": KindOrganic, "seo": KindOrganic, "content": KindOrganic,
	"オーガニック": KindOrganic, "自然検索": KindOrganic, "オウンドメディア": KindOrganic,
	"offline": KindOffline, "offline sources": KindOffline, "exhibition": KindOffline, "trade show": KindOffline,
	"展示会": KindOffline, "オフライン": KindOffline, "展示会・オフライン": KindOffline,
	"other": KindOther, "other campaigns": KindOther, "その他": KindOther,
}

// normSource folds case, width-insensitive spacing and the separators CRMs
// put in enum values ("PAID_SEARCH", "paid-search").
func normSource(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("_", " ", "-", " ", "　", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// MatchChannel returns the plan channel an imported lead source belongs
// to: the channel of that name (ignoring case and spacing), else the only
// channel of the kind the source names. It reports false when neither
// settles it, and the source then stands as a channel of its own.
func MatchChannel(p Plan, source string) (string, bool) {
	n := normSource(source)
	for _, c := range p.Channels {
		if normSource(c.Name) == n {
			return c.Name, true
		}
	}
	kind, ok := sourceKinds[n]
	if !ok {
		for _, k := range ChannelKinds {
			if n == string(k) {
				kind, ok = k, true
			}
		}
	}
	if !ok {
		return "", false
	}
	found := ""
	for _, c := range p.Channels {
		if c.Kind == kind {
			if found != "" {
				return "", false
			}
			found = c.Name
		}
	}
	return found, found != ""
}
