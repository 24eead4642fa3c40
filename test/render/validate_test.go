package render

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/internal/crdcheck"
)

// checked reports whether a rendered document is one we own a schema for: the
// provider's managed resources (legacy and namespaced API) and Crossplane Usages.
// The XR and the Result documents are not: without --include-full-xr the
// rendered XR lacks its spec, and Results have no CRD.
func checked(obj map[string]any) bool {
	apiVersion, _ := obj["apiVersion"].(string)
	group, _, _ := strings.Cut(apiVersion, "/")
	return strings.HasSuffix(group, ".aws.upbound.io") || strings.HasSuffix(group, ".aws.m.upbound.io") ||
		group == "protection.crossplane.io"
}

// checkCRDs validates every checked document with internal/crdcheck, the API
// server's own validation code.
func checkCRDs(t *testing.T, set *crdcheck.Set, file string, docs []map[string]any) {
	t.Helper()
	for i, d := range docs {
		if !checked(d) {
			continue
		}
		for _, err := range set.Validate(d) {
			t.Errorf("%s %s: %v", file, describe(i, d), err)
		}
	}
}

// validateExtensions builds the extension folder for `crossplane resource
// validate`: only the needed provider and Crossplane CRDs (all 2065 provider CRDs
// take over a minute and 1.4 GB), plus the XRDs that exist.
func validateExtensions(t *testing.T, xrds []string) string {
	t.Helper()
	dir := t.TempDir()
	providerDir, err := crdcheck.ProviderCRDDir()
	if err != nil {
		t.Fatal(err)
	}
	crossplaneDir, err := crdcheck.CrossplaneCRDDir()
	if err != nil {
		t.Fatal(err)
	}
	copyMatching(t, providerDir, dir, crdcheck.NeededProviderCRD)
	copyMatching(t, crossplaneDir, dir, crdcheck.NeededCrossplaneCRD)
	for _, x := range xrds {
		copyFile(t, x, filepath.Join(dir, filepath.Base(x)))
	}
	return dir
}

// resourceValidate is a second, independent check of the same documents with
// `crossplane resource validate`, the command a platform engineer runs. It is
// offline: an empty --crossplane-image skips the download of Crossplane's built-in
// schemas (the Usage CRDs are in the extensions instead), and the extensions hold
// only CRDs and XRDs, which never trigger package downloads. Documents without a
// schema are not an error (--error-on-missing-schemas is off), but only checked
// documents are passed anyway.
func resourceValidate(t *testing.T, tl tools, extensions, file string, docs []map[string]any) {
	t.Helper()
	var b bytes.Buffer
	n := 0
	for _, d := range docs {
		if !checked(d) {
			continue
		}
		out, err := yaml.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("---\n")
		b.Write(out)
		n++
	}
	if n == 0 {
		return
	}
	resources := filepath.Join(t.TempDir(), "resources.yaml")
	if err := os.WriteFile(resources, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tl.cli, "resource", "validate", extensions, resources,
		"--crossplane-image=", "--cache-dir", t.TempDir(), "--skip-success-results")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("crossplane resource validate of the managed resources in %s failed: %v\n%s", file, err, out)
	}
}

func copyMatching(t *testing.T, from, to string, match func(string) bool) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() && match(e.Name()) {
			copyFile(t, filepath.Join(from, e.Name()), filepath.Join(to, e.Name()))
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
