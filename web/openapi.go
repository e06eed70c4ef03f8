package web

import (
	_ "embed"
	"net/http"
)

// openAPIDoc is the hand-written OpenAPI 3 document of /api/v1; the
// conformance test holds it to the route table and the real responses.
//
//go:embed openapi.json
var openAPIDoc []byte

// openAPI serves the API document.
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPIDoc)
}
