package store_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"gyakusan"
	"gyakusan/store"
	"gyakusan/store/storetest"
)

func TestSavedMappingsAreScopedToTheirOrganization(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, b := mustOrg(t, db, "A"), mustOrg(t, db, "B")
		m, err := db.SaveLeadMapping(ctx, a.ID, gyakusan.LeadMapping{Name: " 社内CRM ", Document: `{"lead_id":"ID"}`})
		if err != nil || m.ID == 0 || m.Name != "社内CRM" {
			t.Fatalf("save = %+v, %v", m, err)
		}
		again, err := db.SaveLeadMapping(ctx, a.ID, gyakusan.LeadMapping{Name: "社内CRM", Document: `{"lead_id":"No"}`})
		if err != nil || again.ID != m.ID {
			t.Fatalf("saving the same name should replace it: %+v, %v", again, err)
		}
		got, err := db.LeadMapping(ctx, a.ID, m.ID)
		if err != nil || got.Document != `{"lead_id":"No"}` {
			t.Errorf("mapping = %+v, %v", got, err)
		}
		if _, err := db.LeadMapping(ctx, b.ID, m.ID); gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
			t.Errorf("another org's mapping = %v, want not found", err)
		}
		if err := db.DeleteLeadMapping(ctx, b.ID, m.ID); gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
			t.Errorf("deleting another org's mapping = %v", err)
		}
		if list, _ := db.LeadMappings(ctx, b.ID); len(list) != 0 {
			t.Errorf("org B sees %d mappings", len(list))
		}
		if _, err := db.SaveLeadMapping(ctx, a.ID, gyakusan.LeadMapping{Name: "  "}); gyakusan.ErrorCode(err) != gyakusan.CodeInvalid {
			t.Errorf("empty name = %v", err)
		}
		if err := db.DeleteLeadMapping(ctx, a.ID, m.ID); err != nil {
			t.Fatal(err)
		}
		if list, _ := db.LeadMappings(ctx, a.ID); len(list) != 0 {
			t.Errorf("after delete: %d mappings", len(list))
		}
	})
}

func TestUploadsComeBackByteForByteAndOnlyToTheirPlan(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		o := mustOrg(t, db, "A")
		u := mustUser(t, db, "a@example.com")
		sp := mustPlan(t, db, o.ID, u.ID)
		other := mustOrg(t, db, "B")
		// 2.5 MiB: three chunks, the last one short.
		data := bytes.Repeat([]byte("lead_id,created_at,channel\n"), 100_000)
		up, err := db.SaveUpload(ctx, gyakusan.Upload{OrgID: o.ID, PlanID: sp.ID, UserID: u.ID, Name: "x.csv"}, bytes.NewReader(data))
		if err != nil || len(up.ID) != 32 || up.Size != int64(len(data)) {
			t.Fatalf("save = %+v, %v", up, err)
		}
		_, rc, err := db.OpenUpload(ctx, o.ID, sp.ID, up.ID)
		if err != nil {
			t.Fatal(err)
		}
		back, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(back, data) {
			t.Fatalf("read back %d bytes (%v), want %d", len(back), err, len(data))
		}
		if _, _, err := db.OpenUpload(ctx, other.ID, sp.ID, up.ID); gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
			t.Errorf("another org opens the upload: %v", err)
		}
		if _, err := db.SaveUpload(ctx, gyakusan.Upload{OrgID: other.ID, PlanID: sp.ID}, strings.NewReader("x")); gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
			t.Errorf("upload for another org's plan = %v", err)
		}
		if err := db.DeleteUpload(ctx, o.ID, up.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.OpenUpload(ctx, o.ID, sp.ID, up.ID); gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
			t.Errorf("deleted upload opens: %v", err)
		}
	})
}

func TestReplaceManualActualsIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		o := mustOrg(t, db, "A")
		u := mustUser(t, db, "a@example.com")
		sp := mustPlan(t, db, o.ID, u.ID)
		apr, may := gyakusan.MonthOf(2025, 4), gyakusan.MonthOf(2025, 5)
		cells := []gyakusan.ActualCell{
			{Month: apr, Channel: "メルマガ", Stage: gyakusan.StageLead, Count: 40},
			{Month: may, Channel: "メルマガ", Stage: gyakusan.StageWon, Count: 2, Revenue: 2_000_000},
		}
		if err := db.ReplaceManualActuals(ctx, o.ID, sp.ID, apr, may, cells); err != nil {
			t.Fatal(err)
		}
		bad := []gyakusan.ActualCell{{Month: apr, Channel: "メルマガ", Stage: gyakusan.StageLead, Count: 1}, {Month: may, Channel: "x", Count: -1}}
		err := db.ReplaceManualActuals(ctx, o.ID, sp.ID, apr, may, bad)
		if gyakusan.ErrorCode(err) != gyakusan.CodeInvalid || !strings.Contains(err.Error(), "cells[1].count") {
			t.Fatalf("bad cell = %v", err)
		}
		got, _ := db.ManualActuals(ctx, o.ID, sp.ID)
		if len(got) != 2 || got[0].Count != 40 || got[1].Revenue != 2_000_000 {
			t.Fatalf("after a refused save: %+v", got)
		}
		if err := db.ReplaceManualActuals(ctx, o.ID, sp.ID, apr, apr, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ManualActuals(ctx, o.ID, sp.ID); len(got) != 1 || got[0].Month != may {
			t.Errorf("clearing April should keep May: %+v", got)
		}
		if err := db.ReplaceManualActuals(ctx, mustOrg(t, db, "B").ID, sp.ID, apr, may, nil); gyakusan.ErrorCode(err) != gyakusan.CodeNotFound {
			t.Errorf("another org = %v", err)
		}
	})
}
