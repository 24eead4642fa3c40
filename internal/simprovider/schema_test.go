package simprovider_test

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/internal/compose"
	"github.com/platform-io/function-agentcore-runtime/internal/crdcheck"
	"github.com/platform-io/function-agentcore-runtime/internal/simprovider"
	"github.com/platform-io/function-agentcore-runtime/internal/tfschema"
)

// TestSchemaIsCurrent extracts the schema from the provider module again and
// compares it with the committed zz_schema.json.
func TestSchemaIsCurrent(t *testing.T) {
	dir, err := crdcheck.ProviderDir()
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := tfschema.Extract(dir, crdcheck.ProviderModule, simprovider.Kinds)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(fresh, simprovider.Schema()); diff != "" {
		t.Errorf("zz_schema.json is stale (-module +committed); run go generate ./internal/simprovider:\n%s", diff)
	}
}

// TestComposeReadsOnlyWhatTheProviderReports: every status.atProvider field
// Compose reads is an attribute of the kind's Terraform schema that the CRD
// reports (nested names included). A field the provider never writes would
// keep what waits for it waiting forever.
func TestComposeReadsOnlyWhatTheProviderReports(t *testing.T) {
	fields := compose.ProviderFields()
	if len(fields) == 0 {
		t.Fatal("compose.ProviderFields is empty")
	}
	for _, f := range fields {
		k := tfschema.Kind{Group: f.Group, Kind: f.Kind}
		res := simprovider.Schema().Resource(k)
		if res == nil {
			t.Errorf("%s: not a kind of simprovider.Kinds", k)
			continue
		}
		tf, a, ok := res.ByJSON(f.Path[0])
		switch {
		case !ok:
			t.Errorf("%s status.atProvider.%s: %s has no such attribute", k, f.Path[0], res.Terraform)
			continue
		case a.AtProvider == "" || a.Sensitive:
			t.Errorf("%s status.atProvider.%s: the provider does not report %s.%s there", k, f.Path[0], res.Terraform, tf)
		case !a.Computed:
			t.Errorf("%s status.atProvider.%s: %s.%s is not computed: AWS does not set it", k, f.Path[0], res.Terraform, tf)
		}
		for _, p := range f.Path[1:] {
			if !slices.ContainsFunc(a.Nested, func(n string) bool { return tfschema.CamelCase(n) == p }) {
				t.Errorf("%s status.atProvider.%v: %s.%s has no nested attribute %s (has %v)", k, f.Path, res.Terraform, tf, p, a.Nested)
			}
		}
	}
}
