package render

import (
	"os"
	"path/filepath"
	"testing"
)

// tools are the pinned binaries built by hack/build-tools.sh.
type tools struct {
	cli  string // crossplane CLI v2.5.0
	core string // crossplane core v2.4.0, the render engine the CLI shells out to
}

// findTools fails (never skips) when the binaries are missing: a render test
// that silently does not run would hide every regression it exists to catch.
func findTools(t *testing.T) tools {
	t.Helper()
	bin := toolsBin()
	tl := tools{cli: filepath.Join(bin, "crossplane-cli"), core: filepath.Join(bin, "crossplane-core")}
	for _, p := range []string{tl.cli, tl.core} {
		fi, err := os.Stat(p)
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			t.Fatalf("tool binary %s is missing or not executable: run hack/build-tools.sh (TOOLS_BIN overrides the folder)", p)
		}
	}
	return tl
}

// toolsBin is the folder hack/tools-bin.sh names: TOOLS_BIN, else the user's cache,
// outside the clone so that fresh clones reuse the binaries.
func toolsBin() string {
	if b := os.Getenv("TOOLS_BIN"); b != "" {
		return b
	}
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		cache = filepath.Join(os.Getenv("HOME"), ".cache")
	}
	return filepath.Join(cache, "function-agentcore-runtime", "bin")
}
