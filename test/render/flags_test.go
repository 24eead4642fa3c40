package render

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var (
	update = flag.Bool("update", false, "write each case's render output to its expected.yaml instead of comparing")

	// These two exist to develop the harness itself against a stand-in function
	// and throwaway cases; by default the repository's function and examples are used.
	functionDir = flag.String("function-dir", "", "folder to `go build .` the function from (default: the repository root)")
	exampleDir  = flag.String("example-dir", "", "folder holding the example cases (default: <repository>/example)")
)

// repoRoot finds the module root by walking up from the test's working
// directory (go test runs in the package folder) to the first go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("cannot find go.mod above the test's working directory")
		}
		dir = parent
	}
}

func orDefault(v, def string) string {
	if v != "" {
		return v
	}
	return def
}
