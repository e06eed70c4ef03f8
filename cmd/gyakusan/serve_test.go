package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestServeStartsOnAFreshDatabaseAndStopsOnCancel(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr strings.Builder
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "gyakusan.db")},
			func(string) string { return "" }, strings.NewReader(""), pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no address printed: %v (%s)", err, <-done)
	}
	go io.Copy(io.Discard, pr)
	f := strings.Fields(line)
	if len(f) < 3 || !strings.HasPrefix(f[2], "http://127.0.0.1:") {
		t.Fatalf("printed %q", line)
	}
	// With no user yet, the first visit leads to the one-time setup.
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Get(f[2] + "/setup")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET /setup = %d, CSP %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}

func TestServeRefusesHalfATLSPair(t *testing.T) {
	var out, errb strings.Builder
	err := run(context.Background(), []string{"serve", "--tls-cert", "x.pem", "--db", filepath.Join(t.TempDir(), "g.db")},
		func(string) string { return "" }, strings.NewReader(""), &out, &errb)
	if err != errUsage || !strings.Contains(errb.String(), "--tls-key") {
		t.Errorf("err = %v, stderr %q", err, errb.String())
	}
}
