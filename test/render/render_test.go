package render

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/internal/crdcheck"
)

func TestRender(t *testing.T) {
	root := repoRoot(t)
	tl := findTools(t)
	xrdDir := filepath.Join(root, "package", "configuration")
	cases := findCases(t, orDefault(*exampleDir, filepath.Join(root, "example")), xrdDir)

	crds, err := crdcheck.Shared()
	if err != nil {
		t.Fatalf("cannot load the provider CRDs: %v", err)
	}
	var xrds []string
	for _, c := range cases {
		xrds = appendUnique(xrds, c.xrd)
	}
	extensions := validateExtensions(t, xrds)
	fn := startFunction(t, orDefault(*functionDir, root))

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// One function process serves all cases, concurrently, as it
			// would serve many XRs in a cluster.
			t.Parallel()
			got := render(t, tl, fn, c)
			file := filepath.Join(c.dir, "expected.yaml")
			if *update {
				canonical, err := canonicalYAML(got)
				if err != nil {
					t.Fatalf("render output: %v\n%s", err, got)
				}
				if err := os.WriteFile(file, []byte(canonical), 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				compare(t, c, file, got)
			}

			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			docs, err := splitYAML(want)
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			label := filepath.Join(c.name, "expected.yaml")
			checkCRDs(t, crds, label, docs)
			resourceValidate(t, tl, extensions, label, docs)
		})
	}
}

// compare checks the render output against expected.yaml, both in canonical
// form: re-encoded and with the documents sorted (sortDocs explains why).
func compare(t *testing.T, c renderCase, file string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		t.Fatalf("%s is missing; create it with: go test ./test/render -run 'TestRender/%s$' -update\nrender output:\n%s", file, c.name, got)
	}
	if err != nil {
		t.Fatal(err)
	}
	wantC, err := canonicalYAML(want)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	gotC, err := canonicalYAML(got)
	if err != nil {
		t.Fatalf("render output: %v\n%s", err, got)
	}
	if diff := cmp.Diff(wantC, gotC); diff != "" {
		t.Errorf("render output differs from %s (-want +got); if the change is intended, run: go test ./test/render -run 'TestRender/%s$' -update\n%s", file, c.name, diff)
	}
}

func appendUnique(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}
