package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// regenerate is the command in apis/generate.go and input/generate.go.
const regenerate = "go generate -tags generate ./apis/... ./input/..."

// generated are the committed generated files, as globs relative to the module
// root. A file that matches on one side only (committed or regenerated) is stale
// too: a renamed type or group leaves its old file behind.
var generated = []string{
	"apis/v1alpha1/zz_generated.deepcopy.go",
	"input/v1beta1/zz_generated.deepcopy.go",
	"package/configuration/zz_*.yaml",
	"package/input/*.yaml",
}

// TestGeneratedFilesAreCurrent runs the steps of apis/generate.go and
// input/generate.go into a temporary folder and compares the result with the
// committed files, so that a marker changed without regenerating fails CI
// instead of shipping an XRD that disagrees with the Go types.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs controller-gen")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	out := func(p string) string { return filepath.Join(tmp, filepath.FromSlash(p)) }

	// The same controller-gen arguments as the go:generate lines, with every
	// output redirected into tmp.
	controllerGen(t, root,
		"object", "paths=./apis/v1alpha1", "crd:crdVersions=v1",
		"output:object:dir="+out("apis/v1alpha1"),
		"output:crd:artifacts:config="+out("crd"))
	controllerGen(t, root,
		"object", "crd:crdVersions=v1", "paths=./input/v1beta1",
		"output:object:dir="+out("input/v1beta1"),
		"output:crd:artifacts:config="+out("package/input"))
	if err := Generate(out("crd/agentcore.platform.io_xagentcoreruntimes.yaml"), out("package/configuration")); err != nil {
		t.Fatalf("Generate(...): %v", err)
	}

	for _, pattern := range generated {
		committed := matches(t, root, pattern)
		fresh := matches(t, tmp, pattern)
		for _, f := range sortedUnion(committed, fresh) {
			switch {
			case !slices.Contains(fresh, f):
				t.Errorf("%s is committed but no longer generated: delete it, or run %s", f, regenerate)
			case !slices.Contains(committed, f):
				t.Errorf("%s is generated but not committed: run %s", f, regenerate)
			default:
				want := read(t, filepath.Join(root, f))
				got := read(t, filepath.Join(tmp, f))
				if !bytes.Equal(want, got) {
					t.Errorf("%s is stale: run %s\n-committed, +generated:\n%s", f, regenerate, cmp.Diff(lines(want), lines(got)))
				}
			}
		}
	}
}

func controllerGen(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "go", append([]string{"tool", "controller-gen"}, args...)...)
	cmd.Dir = dir
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go tool controller-gen %v: %v\n%s", args, err, b)
	}
}

// matches returns the files matching pattern under dir, relative to dir.
func matches(t *testing.T, dir, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
	if err != nil {
		t.Fatal(err)
	}
	rel := make([]string, 0, len(m))
	for _, p := range m {
		r, err := filepath.Rel(dir, p)
		if err != nil {
			t.Fatal(err)
		}
		rel = append(rel, filepath.ToSlash(r))
	}
	return rel
}

func sortedUnion(a, b []string) []string {
	u := slices.Concat(a, b)
	slices.Sort(u)
	return slices.Compact(u)
}

// lines makes cmp.Diff report whole changed lines with their neighbours.
func lines(b []byte) []string { return strings.Split(string(b), "\n") }

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
