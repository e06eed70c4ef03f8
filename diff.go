package gyakusan

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// DiffPlans lists what changed from a to b, one "path: old → new" entry per
// changed leaf, in path order, for the plan's history.
func DiffPlans(a, b Plan) []string {
	fa, fb := flatten(a), flatten(b)
	keys := map[string]bool{}
	for k := range fa {
		keys[k] = true
	}
	for k := range fb {
		keys[k] = true
	}
	var out []string
	for k := range keys {
		va, oka := fa[k]
		vb, okb := fb[k]
		switch {
		case oka && okb && va == vb:
		case !oka:
			out = append(out, fmt.Sprintf("%s: → %s", k, vb))
		case !okb:
			out = append(out, fmt.Sprintf("%s: %s →", k, va))
		default:
			out = append(out, fmt.Sprintf("%s: %s → %s", k, va, vb))
		}
	}
	sort.Strings(out)
	return out
}

// flatten turns the plan's JSON into path → value text, so that the diff
// uses the same names as the document.
func flatten(p Plan) map[string]string {
	b, _ := json.Marshal(p)
	var v any
	_ = json.Unmarshal(b, &v)
	out := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch t := v.(type) {
		case map[string]any:
			for k, c := range t {
				walk(strings.TrimPrefix(prefix+"."+k, "."), c)
			}
		case []any:
			for i, c := range t {
				walk(fmt.Sprintf("%s[%d]", prefix, i), c)
			}
		default:
			s, _ := json.Marshal(t)
			out[prefix] = string(s)
		}
	}
	walk("", v)
	return out
}

// LabelChange rewrites one DiffPlans entry for people: the field path
// becomes its label in lang ("rates.win: 25 → 30" reads "受注率: 25 → 30").
func LabelChange(entry, lang string) string {
	path, rest, ok := strings.Cut(entry, ": ")
	if !ok {
		return entry
	}
	return FieldLabel(path, lang) + ": " + rest
}

// LabelSummary rewrites a stored history summary (entries joined by "; ").
func LabelSummary(summary, lang string) string {
	if summary == "" {
		return ""
	}
	parts := strings.Split(summary, "; ")
	for i, p := range parts {
		parts[i] = LabelChange(p, lang)
	}
	return strings.Join(parts, "; ")
}
