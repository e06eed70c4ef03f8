package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"gyakusan"
)

// A grid opened before someone added a channel in front must not save its
// figures onto the wrong channels: nothing is saved, and what was typed is
// shown again on its own channel and month.
func TestActualsGridSavedAfterThePlanChangedSavesNothingAndKeepsTheInput(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	id := tm.actualsPlan()
	g := tm.get(pathOf(id, "/actuals"), tm.editor)
	layout := html.UnescapeString(hidden(g.Body, "layout"))
	if !strings.Contains(layout, `"Email Marketing"`) {
		t.Fatalf("the grid carries no layout: %q", layout)
	}
	// Channel 1 is Email Marketing when the grid was opened.
	form := url.Values{"layout": {layout}, "v.0.1.leads": {"70"}}

	sp, err := tm.db.Plan(ctx, tm.orgID, id)
	if err != nil {
		t.Fatal(err)
	}
	p := sp.Plan
	leads := int64(10)
	p.Channels = append([]gyakusan.Channel{{Name: "Webinar", Kind: gyakusan.KindSeminar, Leads: &leads}}, p.Channels...)
	if _, err := tm.db.UpdatePlan(ctx, tm.orgID, tm.editorID, id, sp.Version, p); err != nil {
		t.Fatal(err)
	}

	r := tm.post(pathOf(id, "/actuals"), form)
	if r.Code != 409 {
		t.Fatalf("a save over a changed plan = %d, want 409", r.Code)
	}
	if got, _ := tm.db.ManualActuals(ctx, tm.orgID, id); len(got) != 0 {
		t.Fatalf("it saved %+v", got)
	}
	// Email Marketing is channel 2 now; the 70 follows it.
	if !strings.Contains(r.Body, `name="v.0.2.leads" value="70"`) || strings.Contains(r.Body, `name="v.0.1.leads" value="70"`) {
		t.Errorf("the typed figure is not on its channel")
	}
	if !strings.Contains(r.Body, "チャネルか期間が変わりました") {
		t.Errorf("the page does not say why nothing was saved")
	}

	// Saving the grid shown now stores the figure on Email Marketing.
	form = url.Values{"layout": {html.UnescapeString(hidden(r.Body, "layout"))}, "v.0.2.leads": {"70"}}
	if r := tm.post(pathOf(id, "/actuals"), form); r.Code != 303 {
		t.Fatalf("save = %d\n%s", r.Code, r.Body)
	}
	got, _ := tm.db.ManualActuals(ctx, tm.orgID, id)
	if len(got) != 1 || got[0].Channel != "Email Marketing" || got[0].Count != 70 {
		t.Errorf("stored %+v, want 70 leads on Email Marketing", got)
	}
}
