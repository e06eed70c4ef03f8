package web

import (
	"net/http"
	"net/http/httptest"
	"time"
)

// httpResult is a response with its body read, for short assertions.
type httpResult struct {
	Code   int
	Header http.Header
	Body   string
}

func result(w *httptest.ResponseRecorder) *httpResult {
	return &httpResult{Code: w.Code, Header: w.Result().Header, Body: w.Body.String()}
}

// fixedNow is the clock of tests that build plans directly.
var fixedNow = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
