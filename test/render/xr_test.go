package render

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestExampleXRsPassTheirXRD: every example XR, MDAA samples with their {{...}}
// placeholders included, is accepted by its generated XRD's schema and CEL rules,
// as the API server would admit it (crossplane resource validate turns the XRD into
// the CRD Crossplane serves).
func TestExampleXRsPassTheirXRD(t *testing.T) {
	root := repoRoot(t)
	tl := findTools(t)
	xrdDir := filepath.Join(root, "package", "configuration")
	for _, c := range findCases(t, orDefault(*exampleDir, filepath.Join(root, "example")), xrdDir) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, tl.cli, "resource", "validate", c.xrd, filepath.Join(c.dir, "xr.yaml"),
				"--crossplane-image=", "--cache-dir", t.TempDir(), "--error-on-missing-schemas")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s/xr.yaml does not pass %s: %v\n%s", c.name, filepath.Base(c.xrd), err, out)
			}
		})
	}
}
