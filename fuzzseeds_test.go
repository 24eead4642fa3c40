package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/platform-io/function-agentcore-runtime/internal/examples"
)

var updateFuzzSeeds = flag.Bool("update-fuzz-seeds", false, "rewrite the seed corpora of FuzzRunFunction and internal/settings FuzzInput from example/")

// TestWriteFuzzSeeds writes the committed seed corpora from the example cases:
//
//	go test -run='^TestWriteFuzzSeeds$' -update-fuzz-seeds .
//
// FuzzRunFunction gets every case as committed (its first pass, or the observed
// state of its folder) and at steady state (every resource observed and Ready,
// from the simulated provider, internal/simprovider); FuzzInput gets every
// case's Input, alone and as the environment of an empty Input.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*updateFuzzSeeds {
		t.Skip("run with -update-fuzz-seeds to rewrite the seed corpora")
	}
	dirs, err := examples.Dirs("example")
	if err != nil {
		t.Fatal(err)
	}
	run := runFunc()
	runDir := filepath.Join("testdata", "fuzz", "FuzzRunFunction")
	inputDir := filepath.Join("internal", "settings", "testdata", "fuzz", "FuzzInput")
	for _, d := range []string{runDir, inputDir} {
		if err := os.RemoveAll(d); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, dir := range dirs {
		c, err := examples.Read(dir)
		if err != nil {
			t.Fatal(err)
		}
		namespaced := strings.HasPrefix(fmt.Sprint(c.XR["apiVersion"]), "agentcore.m.")
		writeSeed(t, filepath.Join(runDir, c.Name), mustJSON(t, c.XR["spec"]), mustJSON(t, c.Input), mustJSON(t, c.Observed), namespaced)

		req, err := c.Request()
		if err != nil {
			t.Fatal(err)
		}
		steady, _, err := examples.Converge(run, req, 20)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		observed := map[string]any{}
		for name, r := range steady.GetObserved().GetResources() {
			observed[name] = r.GetResource().AsMap()
		}
		writeSeed(t, filepath.Join(runDir, c.Name+"-steady"), mustJSON(t, c.XR["spec"]), mustJSON(t, c.Input), mustJSON(t, observed), namespaced)

		writeSeed(t, filepath.Join(inputDir, c.Name), mustJSON(t, c.Input), []byte(`{}`), "team-a")
		env := map[string]any{}
		for k, v := range c.Input {
			if k != "apiVersion" && k != "kind" {
				env[k] = v
			}
		}
		writeSeed(t, filepath.Join(inputDir, c.Name+"-env"), []byte(`{"apiVersion":"runtime.agentcore.platform.io/v1beta1","kind":"Input"}`), mustJSON(t, env), "team-a")
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeSeed writes one corpus entry in the format of `go test -fuzz`.
func writeSeed(t *testing.T, file string, values ...any) {
	t.Helper()
	var b strings.Builder
	b.WriteString("go test fuzz v1\n")
	for _, v := range values {
		switch v := v.(type) {
		case []byte:
			fmt.Fprintf(&b, "[]byte(%q)\n", v)
		case string:
			fmt.Fprintf(&b, "string(%q)\n", v)
		case bool:
			fmt.Fprintf(&b, "bool(%v)\n", v)
		default:
			t.Fatalf("unsupported seed value %T", v)
		}
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
