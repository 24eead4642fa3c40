package render

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/yaml"
)

// XR API groups and the generated XRD each needs; render must be given the XRD,
// or it treats a legacy XR as a modern one (spec.crossplane.resourceRefs).
var xrdForGroup = map[string]string{
	"agentcore.platform.io":   "zz_xrd_legacy.yaml",
	"agentcore.m.platform.io": "zz_xrd_namespaced.yaml",
}

// renderCase is one folder under example/.
type renderCase struct {
	name string
	dir  string
	xrd  string // path of the XRD matching the XR's group
}

// findCases lists every folder under dir that holds an xr.yaml. No case at all
// is an error: an empty run must not look like a green one.
func findCases(t *testing.T, dir, xrdDir string) []renderCase {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("cannot read the example folder: %v", err)
	}
	var cases []renderCase
	for _, e := range entries {
		caseDir := filepath.Join(dir, e.Name())
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(caseDir, "xr.yaml")); err != nil {
			continue
		}
		cases = append(cases, renderCase{name: e.Name(), dir: caseDir, xrd: xrdFor(t, caseDir, xrdDir)})
	}
	if len(cases) == 0 {
		t.Fatalf("no example cases (folders with an xr.yaml) in %s", dir)
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].name < cases[j].name })
	return cases
}

// xrdFor picks the XRD from the XR's apiVersion group.
func xrdFor(t *testing.T, caseDir, xrdDir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(caseDir, "xr.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var xr struct {
		APIVersion string `json:"apiVersion"`
	}
	if err := yaml.Unmarshal(data, &xr); err != nil {
		t.Fatalf("%s/xr.yaml: %v", caseDir, err)
	}
	group, _, _ := strings.Cut(xr.APIVersion, "/")
	file, ok := xrdForGroup[group]
	if !ok {
		t.Fatalf("%s/xr.yaml: apiVersion %q is not one of the XR groups %v", caseDir, xr.APIVersion, keys(xrdForGroup))
	}
	path := filepath.Join(xrdDir, file)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("case %s needs the XRD %s, which is missing: it is generated from apis/v1alpha1 (see hack/xrdgen)", filepath.Base(caseDir), path)
	}
	return path
}

// render runs `crossplane composition render` for the case against the running
// function and returns its stdout.
func render(t *testing.T, tl tools, fn *function, c renderCase) []byte {
	t.Helper()
	args := []string{
		"composition", "render",
		filepath.Join(c.dir, "xr.yaml"),
		filepath.Join(c.dir, "composition.yaml"),
		filepath.Join(c.dir, "functions.yaml"),
		"--crossplane-binary", tl.core,
		"--include-function-results",
		"--timeout", "60s",
		"--xrd", c.xrd,
		// Run every function of functions.yaml as a Development runtime at our
		// process, whatever its own annotations say.
		"--function-annotations", "render.crossplane.io/runtime=Development",
		"--function-annotations", "render.crossplane.io/runtime-development-target=" + fn.addr,
	}
	if fi, err := os.Stat(filepath.Join(c.dir, "observed")); err == nil && fi.IsDir() {
		args = append(args, "--observed-resources", filepath.Join(c.dir, "observed"))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, tl.cli, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("crossplane %s\nfailed: %v\nstderr:\n%s\nfunction output:\n%s", strings.Join(args, " "), err, stderr.String(), fn.Logs())
	}
	t.Logf("rendered in %s", time.Since(start).Round(time.Millisecond))
	return stdout.Bytes()
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
