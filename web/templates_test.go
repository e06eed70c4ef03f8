package web

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

// renderedNames collects every page and fragment the tests render, so that
// TestMain can fail on a template no test ever renders.
var renderedNames = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

// fragments are the partials the server renders on their own.
var fragments = []string{"results", "history"}

func TestMain(m *testing.M) {
	rendered = func(name string) {
		renderedNames.Lock()
		renderedNames.m[name] = true
		renderedNames.Unlock()
	}
	served = recordServed // routes_coverage_test.go
	code := m.Run()
	// Only a full run can tell which templates and routes no test reaches.
	if f := flag.Lookup("test.run"); code == 0 && (f == nil || f.Value.String() == "") && !testing.Short() {
		if missing := unrenderedTemplates(); len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: templates never rendered by any test: %s\n", strings.Join(missing, ", "))
			code = 1
		}
		if missing := uncoveredRoutes(); len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: routes no test exercised: %s\n", strings.Join(missing, ", "))
			code = 1
		}
	}
	os.Exit(code)
}

func unrenderedTemplates() []string {
	t, err := parseTemplates()
	if err != nil {
		return []string{err.Error()}
	}
	renderedNames.Lock()
	defer renderedNames.Unlock()
	var missing []string
	for name := range t.pages {
		if !renderedNames.m[name] {
			missing = append(missing, name)
		}
	}
	for _, name := range fragments {
		if !renderedNames.m[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	return missing
}

func TestTemplatesParse(t *testing.T) {
	tm, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"plans", "plan", "print", "delete", "error", "login"} {
		if tm.pages[want] == nil {
			t.Errorf("page template %q missing", want)
		}
	}
	for _, f := range fragments {
		if tm.frag.Lookup(f) == nil {
			t.Errorf("fragment %q missing", f)
		}
	}
}

var textKeyRE = regexp.MustCompile(`\.T\.([A-Za-z0-9_]+)`)

// Every {{.T.key}} a template uses must exist in both languages, since a
// missing map key renders as nothing.
func TestEveryTemplateTextExistsInBothLanguages(t *testing.T) {
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, _ := templateFS.ReadFile(f)
		for _, m := range textKeyRE.FindAllStringSubmatch(string(b), -1) {
			for lang, d := range map[string]dict{"ja": dictJa, "en": dictEn} {
				if _, ok := d[m[1]]; !ok {
					t.Errorf("%s uses .T.%s, missing in %s", f, m[1], lang)
				}
			}
		}
	}
}

func TestDictionariesHaveTheSameKeys(t *testing.T) {
	for k := range dictJa {
		if _, ok := dictEn[k]; !ok {
			t.Errorf("%q is in Japanese only", k)
		}
	}
	for k := range dictEn {
		if _, ok := dictJa[k]; !ok {
			t.Errorf("%q is in English only", k)
		}
	}
}
