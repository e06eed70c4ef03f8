package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"gyakusan"
)

// plansPage is the plans list; with no plan yet it is the first-visit
// welcome that makes a sample plan in one click.
type plansPage struct {
	page
	Active, Archived []planRow
	CanEdit          bool
}

type planRow struct {
	gyakusan.StoredPlan
	Period, Target, Updated string
}

func (s *Server) plansPage(w http.ResponseWriter, r *http.Request) {
	pr, _ := principalFrom(r.Context())
	list, err := s.d.Plans.Plans(r.Context(), pr.Org.ID, gyakusan.PlanFilter{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pg := &plansPage{page: s.page(r, "plans_title"), CanEdit: pr.Can(gyakusan.RoleEditor)}
	for _, sp := range list {
		row := planRow{StoredPlan: sp, Updated: sp.Updated.In(s.tz()).Format("2006-01-02 15:04")}
		p := sp.Plan
		row.Period = periodText(p)
		if p.Target.Won > 0 {
			row.Target = fmtNum(p.Target.Won) + pg.T["unit_won"]
		} else {
			row.Target = fmtYen(p.Target.Revenue)
		}
		if sp.Archived {
			pg.Archived = append(pg.Archived, row)
		} else {
			pg.Active = append(pg.Active, row)
		}
	}
	s.render(w, r, http.StatusOK, "plans", pg)
}

func (s *Server) tz() *time.Location { return time.Local }

// periodText is a plan's period as the list and the print view show it,
// "2026-04 – 2027-03"; empty without a start month.
func periodText(p gyakusan.Plan) string {
	if p.StartMonth == 0 {
		return ""
	}
	return p.StartMonth.String() + " – " + p.StartMonth.Add(p.Period()-1).String()
}

// clipName cuts a made-up plan name (a copy's, the next year's) to the
// longest name a plan may have.
func clipName(name string) string {
	if r := []rune(name); len(r) > gyakusan.MaxNameLen {
		return string(r[:gyakusan.MaxNameLen])
	}
	return name
}

// redirectPlan sends the browser to a plan's sheet.
func redirectPlan(w http.ResponseWriter, r *http.Request, id int64, flash string) {
	u := "/plans/" + strconv.FormatInt(id, 10)
	if flash != "" {
		u += "?flash=" + flash
	}
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// blankPlan is a new plan with defaults that already compute: this month
// on, twelve months, the middle of the typical rates.
func blankPlan(now time.Time, t dict, name string) gyakusan.Plan {
	if name = strings.TrimSpace(name); name == "" {
		name = t["new_plan_name"]
	}
	return gyakusan.Plan{
		Name: name, Year: 1, StartMonth: gyakusan.MonthOfTime(now), Months: 12,
		EntryDate: now.Format("2006-01-02"),
		Target:    gyakusan.Target{Revenue: 12_000_000}, UnitPrice: 1_000_000,
		Rates: gyakusan.Rates{Meeting: gyakusan.TypicalRanges[0].Mid, Opportunity: gyakusan.TypicalRanges[1].Mid, Win: gyakusan.TypicalRanges[2].Mid},
	}
}

// samplePlan is the seed sheet's example: 5 won a month (60 a year) at a
// win rate of 25 %, an opportunity rate of 50 % and a meeting rate of 20 %,
// which needs 200 leads a month: ads 100, email 50, offline 50.
func samplePlan(now time.Time, t dict) gyakusan.Plan {
	p := blankPlan(now, t, t["sample_plan_name"])
	p.Target = gyakusan.Target{Revenue: 60_000_000}
	p.TargetDate = gyakusan.MonthOfTime(now).Add(11).String()
	p.Rates = gyakusan.Rates{Meeting: 20 * gyakusan.Percent, Opportunity: 50 * gyakusan.Percent, Win: 25 * gyakusan.Percent}
	p.Notes = t["sample_notes"]
	leads := func(n int64) *int64 { return &n }
	p.Channels = []gyakusan.Channel{
		{Name: t["sample_ads"], Kind: gyakusan.KindAds, Leads: leads(100), CPA: 15_000},
		{Name: t["sample_email"], Kind: gyakusan.KindEmail, Leads: leads(50), FixedCost: 50_000, ListSize: 5_000},
		{Name: t["sample_offline"], Kind: gyakusan.KindOffline, Leads: leads(50), FixedCost: 400_000, EventsPerMonth: 1},
	}
	return p
}

// nextYear copies p as the following plan year: year N+1, twelve months
// later. When actuals exist (actual is non-nil), the new plan starts from
// the rates the team actually reached instead of the planned ones.
func nextYear(p gyakusan.Plan, now time.Time, t dict, actual *gyakusan.Rates) gyakusan.Plan {
	q := p
	q.Channels = append([]gyakusan.Channel(nil), p.Channels...)
	q.Weights = append([]int64(nil), p.Weights...)
	year := max(p.Year, 1) + 1
	q.Year = year
	q.StartMonth = p.StartMonth.Add(12)
	q.EntryDate = now.Format("2006-01-02")
	q.TargetDate = shiftYear(p.TargetDate)
	q.Name = clipName(strings.TrimSpace(p.Name + " " + strings.ReplaceAll(t["year_suffix"], "{n}", strconv.Itoa(year))))
	if actual != nil {
		q.Rates = *actual
	}
	return q
}

// shiftYear moves a YYYY-MM or YYYY-MM-DD date a year later.
func shiftYear(d string) string {
	if len(d) < 4 {
		return d
	}
	y, err := strconv.Atoi(d[:4])
	if err != nil {
		return d
	}
	out := strconv.Itoa(y+1) + d[4:]
	if strings.HasSuffix(out, "-02-29") {
		out = strings.TrimSuffix(out, "29") + "28"
	}
	return out
}

func (s *Server) createPlan(w http.ResponseWriter, r *http.Request) {
	limitBody(w, r)
	pr, _ := principalFrom(r.Context())
	p := blankPlan(s.now().In(s.tz()), dictFor(langOf(r)), r.PostFormValue("name"))
	sp, err := s.d.Plans.CreatePlan(r.Context(), pr.Org.ID, pr.User.ID, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirectPlan(w, r, sp.ID, "created")
}

func (s *Server) createSample(w http.ResponseWriter, r *http.Request) {
	pr, _ := principalFrom(r.Context())
	sp, err := s.d.Plans.CreatePlan(r.Context(), pr.Org.ID, pr.User.ID, samplePlan(s.now().In(s.tz()), dictFor(langOf(r))))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirectPlan(w, r, sp.ID, "sample")
}

func (s *Server) renamePlan(w http.ResponseWriter, r *http.Request) {
	limitBody(w, r)
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := sp.Plan
	p.Name = strings.TrimSpace(r.PostFormValue("name"))
	if err := gyakusan.ValidatePlan(p); err != nil {
		s.fail(w, r, err)
		return
	}
	version := sp.Version
	if v, err := strconv.ParseInt(r.PostFormValue("version"), 10, 64); err == nil {
		version = v
	}
	if _, err := s.d.Plans.UpdatePlan(r.Context(), pr.Org.ID, pr.User.ID, sp.ID, version, p); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/plans?flash=renamed", http.StatusSeeOther)
}

func (s *Server) duplicatePlan(w http.ResponseWriter, r *http.Request) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := sp.Plan
	p.Name = clipName(strings.ReplaceAll(dictFor(langOf(r))["copy_of"], "{name}", p.Name))
	cp, err := s.d.Plans.CreatePlan(r.Context(), pr.Org.ID, pr.User.ID, p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirectPlan(w, r, cp.ID, "duplicated")
}

func (s *Server) nextYearPlan(w http.ResponseWriter, r *http.Request) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	actual, err := s.actualRates(r.Context(), pr.Org.ID, sp.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	np, err := s.d.Plans.CreatePlan(r.Context(), pr.Org.ID, pr.User.ID, nextYear(sp.Plan, s.now().In(s.tz()), dictFor(langOf(r)), actual))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	redirectPlan(w, r, np.ID, "next_year")
}

// actualRates asks Deps.ActualRates for the rates a plan actually reached;
// nil when there is no such source or no actuals yet.
func (s *Server) actualRates(ctx context.Context, orgID, planID int64) (*gyakusan.Rates, error) {
	if s.d.ActualRates == nil {
		return nil, nil
	}
	rates, ok, err := s.d.ActualRates(ctx, orgID, planID)
	if err != nil || !ok {
		return nil, err
	}
	return &rates, nil
}

func (s *Server) archivePlan(w http.ResponseWriter, r *http.Request)   { s.setArchived(w, r, true) }
func (s *Server) unarchivePlan(w http.ResponseWriter, r *http.Request) { s.setArchived(w, r, false) }

func (s *Server) setArchived(w http.ResponseWriter, r *http.Request, archived bool) {
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.d.Plans.SetArchived(r.Context(), pr.Org.ID, pr.User.ID, sp.ID, archived); err != nil {
		s.fail(w, r, err)
		return
	}
	flash := "archived"
	if !archived {
		flash = "unarchived"
	}
	http.Redirect(w, r, "/plans?flash="+flash, http.StatusSeeOther)
}

// deletePage asks for confirmation; only its form's POST deletes.
type deletePage struct {
	page
	Plan gyakusan.StoredPlan
}

func (s *Server) deletePage(w http.ResponseWriter, r *http.Request) {
	sp, _, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "delete", &deletePage{page: s.page(r, "delete_title"), Plan: sp})
}

func (s *Server) deletePlan(w http.ResponseWriter, r *http.Request) {
	limitBody(w, r)
	sp, pr, err := s.loadPlan(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PostFormValue("confirm") != "yes" {
		http.Redirect(w, r, "/plans/"+strconv.FormatInt(sp.ID, 10)+"/delete", http.StatusSeeOther)
		return
	}
	if err := s.d.Plans.DeletePlan(r.Context(), pr.Org.ID, sp.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/plans?flash=deleted", http.StatusSeeOther)
}
