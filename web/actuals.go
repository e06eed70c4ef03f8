package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"gyakusan"
)

// actualsPage is the grid of hand-typed monthly actuals: a row per channel
// and stage, the won deals' revenue and the channel's spend, a column per
// month of the plan. An empty cell is not typed by hand, so the imported
// figure (shown as the placeholder) counts; spend is never imported.
type actualsPage struct {
	page
	Tabs     planTabs
	CanEdit  bool
	Months   []string
	Channels []actualsChannel
	Invalid  bool     // some cell has an error; nothing was saved
	Problems []string // the bad cells by month, channel and row, for a grid wider than the screen
	// Layout names the months and channels the cells' positions stand for,
	// so that a save finds out when the plan changed under the grid.
	Layout string
}

type actualsChannel struct {
	Index int
	Name  string
	Rows  []actualsRow
}

type actualsRow struct {
	figure
	Cells []actualsCell
}

// actualsCell is one input: its form name, the text typed (kept as typed
// on error), the imported figure as a hint, and its message.
type actualsCell struct {
	Name, Value, Imported, Error string
}

// moneyFigure reports whether a figure (a grid row) holds yen rather than a
// count.
func moneyFigure(key string) bool { return key == "revenue" || key == "spend" }

func cellName(mi, ci int, key string) string {
	return "v." + strconv.Itoa(mi) + "." + strconv.Itoa(ci) + "." + key
}

// gridLayout is the Layout of a grid of these months and channels.
type gridLayout struct {
	Months   []gyakusan.Month `json:"months"`
	Channels []string         `json:"channels"`
}

func (l gridLayout) String() string {
	b, _ := json.Marshal(l)
	return string(b)
}

// remap moves the texts posted for the grid laid out as from onto the cells
// of the grid laid out as l, by month and channel name, so that nothing typed
// lands on another channel or month. Texts whose month or channel l lacks
// are dropped.
func (l gridLayout) remap(from gridLayout, posted func(string) string) map[string]string {
	mi, ci := map[gyakusan.Month]int{}, map[string]int{}
	for i, m := range l.Months {
		mi[m] = i
	}
	for i, c := range l.Channels {
		ci[c] = i
	}
	values := map[string]string{}
	for pm, m := range from.Months {
		for pc, c := range from.Channels {
			m2, ok1 := mi[m]
			c2, ok2 := ci[c]
			if !ok1 || !ok2 {
				continue
			}
			for _, k := range gyakusan.FigureNames {
				values[cellName(m2, c2, k)] = strings.TrimSpace(posted(cellName(pm, pc, k)))
			}
		}
	}
	return values
}

// actualsGrid builds the grid of a plan: the plan's channels, then channels
// that only hand-typed cells name. values are the texts to show, by field
// name; nil means the stored figures.
func (s *Server) actualsGrid(r *http.Request, sp gyakusan.StoredPlan, pr principal, a ActualsStore, values map[string]string, errs map[string]string) (*actualsPage, error) {
	pg := &actualsPage{page: s.page(r, "act_title"), CanEdit: pr.Can(gyakusan.RoleEditor)}
	pg.Title = sp.Plan.Name + " · " + pg.T["act_title"]
	pg.Tabs = tabsFor(pg.page, sp, pr, "actuals")
	months := planMonths(sp.Plan)
	for i, m := range months {
		pg.Months = append(pg.Months, monthName(pg.Lang, m, i == 0))
	}
	all, err := a.Actuals(r.Context(), pr.Org.ID, sp.ID)
	if err != nil {
		return nil, err
	}
	manual := all.Manual
	foldAllChannels(sp.Plan, manual, all.Spend)
	names := gridChannels(sp.Plan, manual, all.Spend, months)
	pg.Layout = gridLayout{Months: months, Channels: names}.String()
	chIndex := map[string]int{}
	for i, n := range names {
		chIndex[n] = i
	}
	monthIndex := map[gyakusan.Month]int{}
	for i, m := range months {
		monthIndex[m] = i
	}
	stored := map[string]string{}
	for _, c := range manual {
		mi, ok1 := monthIndex[c.Month]
		ci, ok2 := chIndex[c.Channel]
		if !ok1 || !ok2 {
			continue
		}
		stored[cellName(mi, ci, c.Stage.String())] = strconv.FormatInt(c.Count, 10)
		if c.Stage == gyakusan.StageWon && c.Revenue != 0 {
			stored[cellName(mi, ci, "revenue")] = strconv.FormatInt(int64(c.Revenue), 10)
		}
	}
	for _, c := range all.Spend {
		mi, ok1 := monthIndex[c.Month]
		ci, ok2 := chIndex[c.Channel]
		if ok1 && ok2 {
			stored[cellName(mi, ci, "spend")] = strconv.FormatInt(int64(c.Spend), 10)
		}
	}
	imported := map[string]string{}
	for _, c := range all.Cells {
		mi, ok1 := monthIndex[c.Month]
		ci, ok2 := chIndex[c.Channel]
		if !ok1 || !ok2 {
			continue
		}
		imported[cellName(mi, ci, c.Stage.String())] = strconv.FormatInt(c.Count, 10)
		if c.Stage == gyakusan.StageWon {
			imported[cellName(mi, ci, "revenue")] = strconv.FormatInt(int64(c.Revenue), 10)
		}
	}
	if values == nil {
		values = stored
	}
	if e := errs[""]; e != "" {
		pg.Problems = append(pg.Problems, e) // refused by the store, not at a cell
	}
	for ci, n := range names {
		n = channelLabel(sp.Plan, pg.T, n)
		ch := actualsChannel{Index: ci, Name: n}
		for _, f := range figures(pg.T) {
			row := actualsRow{figure: f}
			for mi := range months {
				name := cellName(mi, ci, f.Key)
				row.Cells = append(row.Cells, actualsCell{Name: name, Value: values[name], Imported: imported[name], Error: errs[name]})
				if e := errs[name]; e != "" {
					pg.Problems = append(pg.Problems, monthName(pg.Lang, months[mi], true)+" · "+n+" · "+row.Label+": "+e)
				}
			}
			ch.Rows = append(ch.Rows, row)
		}
		pg.Channels = append(pg.Channels, ch)
	}
	return pg, nil
}

// planMonths are the months of the plan's period.
func planMonths(p gyakusan.Plan) []gyakusan.Month {
	out := make([]gyakusan.Month, p.Period())
	for i := range out {
		out[i] = p.StartMonth.Add(i)
	}
	return out
}

// allChannels is the channel a plan without channels keeps its hand-typed
// figures under, whatever the language of the page they were typed on; the
// pages show it as act_all_channels. English pages used to store the label
// itself, legacyAllChannels.
const (
	allChannels       = "全体"
	legacyAllChannels = "All"
)

// channelLabel is how the pages name a channel: allChannels in the page's
// language on a plan without channels, any other as it is stored.
func channelLabel(p gyakusan.Plan, t dict, name string) string {
	if name == allChannels && len(p.Channels) == 0 {
		return t["act_all_channels"]
	}
	return name
}

// foldAllChannels renames, in place, the hand-typed cells and spend a plan
// without channels keeps under legacyAllChannels to allChannels, so that
// they show in the one row for all and the next save stores them under the
// language-independent name. It does nothing when some figure is stored
// under allChannels already: the two rows then stay apart and nothing is
// overwritten.
func foldAllChannels(p gyakusan.Plan, manual []gyakusan.ActualCell, spend []gyakusan.SpendCell) {
	if len(p.Channels) > 0 {
		return
	}
	for _, c := range manual {
		if c.Channel == allChannels {
			return
		}
	}
	for _, c := range spend {
		if c.Channel == allChannels {
			return
		}
	}
	for i := range manual {
		if manual[i].Channel == legacyAllChannels {
			manual[i].Channel = allChannels
		}
	}
	for i := range spend {
		if spend[i].Channel == legacyAllChannels {
			spend[i].Channel = allChannels
		}
	}
}

// gridChannels are the plan's channel names, then those only hand-typed
// cells or spend of the period use; a plan without channels gets one row
// for all.
func gridChannels(p gyakusan.Plan, manual []gyakusan.ActualCell, spend []gyakusan.SpendCell, months []gyakusan.Month) []string {
	var names []string
	seen := map[string]bool{}
	for _, c := range p.Channels {
		if !seen[c.Name] {
			seen[c.Name] = true
			names = append(names, c.Name)
		}
	}
	add := func(m gyakusan.Month, ch string) {
		if !seen[ch] && len(months) > 0 && m >= months[0] && m <= months[len(months)-1] {
			seen[ch] = true
			names = append(names, ch)
		}
	}
	for _, c := range manual {
		add(c.Month, c.Channel)
	}
	for _, c := range spend {
		add(c.Month, c.Channel)
	}
	if len(names) == 0 {
		names = append(names, allChannels)
	}
	return names
}

// actualsPageGet shows the grid.
func (s *Server) actualsPageGet(w http.ResponseWriter, r *http.Request) {
	sp, pr, a, err := s.loadPlanActuals(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg, err := s.actualsGrid(r, sp, pr, a, nil, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "actuals", pg)
}

// saveActuals stores the whole grid, counts and spend, in one transaction.
// A cell that is not a whole number in range gets its message and the grid
// comes back as typed, with nothing saved.
func (s *Server) saveActuals(w http.ResponseWriter, r *http.Request) {
	sp, pr, a, err := s.loadPlanActuals(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limitBody(w, r)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, gyakusan.Invalid(gyakusan.FieldError{Field: "", Rule: gyakusan.RuleTooLarge}))
		return
	}
	t := dictFor(langOf(r))
	months := planMonths(sp.Plan)
	manual, err := a.ManualActuals(r.Context(), pr.Org.ID, sp.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	spent, err := a.ManualSpend(r.Context(), pr.Org.ID, sp.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	foldAllChannels(sp.Plan, manual, spent)
	names := gridChannels(sp.Plan, manual, spent, months)
	layout := gridLayout{Months: months, Channels: names}
	var posted gridLayout
	if p := r.PostFormValue("layout"); p != "" && p != layout.String() && json.Unmarshal([]byte(p), &posted) == nil {
		// The plan's channels or period changed since the grid was opened:
		// the positions no longer mean the same cells. Save nothing and show
		// what was typed where it belongs, to be checked and saved again.
		pg, err := s.actualsGrid(r, sp, pr, a, layout.remap(posted, r.PostFormValue), map[string]string{"": t["act_layout_changed"]})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		pg.Invalid = true
		s.render(w, r, http.StatusConflict, "actuals", pg)
		return
	}
	values, errs := map[string]string{}, map[string]string{}
	var cells []gyakusan.ActualCell
	var spend []gyakusan.SpendCell
	for ci, ch := range names {
		for mi, m := range months {
			var won *gyakusan.ActualCell
			for _, k := range gyakusan.FigureNames {
				name := cellName(mi, ci, k)
				text := strings.TrimSpace(r.PostFormValue(name))
				values[name] = text
				if text == "" {
					continue
				}
				limit := int64(gyakusan.MaxCount)
				if moneyFigure(k) {
					limit = int64(gyakusan.MaxYen)
				}
				v, ok := parseWhole(text)
				switch {
				case !ok:
					errs[name] = t["act_not_number"]
					continue
				case v < 0 || v > limit:
					errs[name] = strings.ReplaceAll(t["act_range"], "{max}", fmtNum(limit))
					continue
				}
				if k == "revenue" {
					if won == nil {
						errs[name] = t["act_revenue_needs_won"]
						continue
					}
					won.Revenue = gyakusan.Yen(v)
					continue
				}
				if k == "spend" {
					spend = append(spend, gyakusan.SpendCell{Month: m, Channel: ch, Spend: gyakusan.Yen(v)})
					continue
				}
				st, _ := gyakusan.ParseStage(k)
				cells = append(cells, gyakusan.ActualCell{Month: m, Channel: ch, Stage: st, Count: v})
				if st == gyakusan.StageWon {
					won = &cells[len(cells)-1]
				}
			}
		}
	}
	if len(errs) == 0 && len(months) > 0 {
		err = a.ReplaceManual(r.Context(), pr.Org.ID, sp.ID, months[0], months[len(months)-1], cells, spend)
		if err == nil {
			http.Redirect(w, r, "/plans/"+strconv.FormatInt(sp.ID, 10)+"/actuals?flash=actuals_saved", http.StatusSeeOther)
			return
		}
		if gyakusan.ErrorCode(err) != gyakusan.CodeInvalid {
			s.fail(w, r, err)
			return
		}
		errs[""] = userMessage(s, r, err, langOf(r))
	}
	pg, err := s.actualsGrid(r, sp, pr, a, values, errs)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg.Invalid = true
	s.render(w, r, http.StatusUnprocessableEntity, "actuals", pg)
}

// parseWhole reads a whole number as people type it: 1200, 1,200,
// ¥1,200,000, 1,200円, with full-width digits too. The sign is read, so
// that a negative figure is told it is out of range rather than not a number.
func parseWhole(s string) (int64, bool) {
	s = strings.Join(strings.Fields(normalizeDigits(s)), "")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "¥"), "円")
	v, ok := parseCount(s)
	if neg {
		v = -v
	}
	return v, ok
}
