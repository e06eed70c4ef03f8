package web

import "net/http"

func (s *Server) notYet(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not implemented yet", http.StatusNotImplemented)
}

func (s *Server) plansPage(w http.ResponseWriter, r *http.Request)     { s.notYet(w, r) }
func (s *Server) createPlan(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) createSample(w http.ResponseWriter, r *http.Request)  { s.notYet(w, r) }
func (s *Server) planPage(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) savePlan(w http.ResponseWriter, r *http.Request)      { s.notYet(w, r) }
func (s *Server) previewPlan(w http.ResponseWriter, r *http.Request)   { s.notYet(w, r) }
func (s *Server) printPage(w http.ResponseWriter, r *http.Request)     { s.notYet(w, r) }
func (s *Server) renamePlan(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) duplicatePlan(w http.ResponseWriter, r *http.Request) { s.notYet(w, r) }
func (s *Server) nextYearPlan(w http.ResponseWriter, r *http.Request)  { s.notYet(w, r) }
func (s *Server) archivePlan(w http.ResponseWriter, r *http.Request)   { s.notYet(w, r) }
func (s *Server) unarchivePlan(w http.ResponseWriter, r *http.Request) { s.notYet(w, r) }
func (s *Server) deletePage(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) deletePlan(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) apiListPlans(w http.ResponseWriter, r *http.Request)  { s.notYet(w, r) }
func (s *Server) apiCreatePlan(w http.ResponseWriter, r *http.Request) { s.notYet(w, r) }
func (s *Server) apiGetPlan(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
func (s *Server) apiUpdatePlan(w http.ResponseWriter, r *http.Request) { s.notYet(w, r) }
func (s *Server) apiDeletePlan(w http.ResponseWriter, r *http.Request) { s.notYet(w, r) }
func (s *Server) apiCompute(w http.ResponseWriter, r *http.Request)    { s.notYet(w, r) }
