package kinds

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"
)

// TestConfigurationDependsOnTheCatalogue: the Configuration package depends on
// exactly the provider-aws family packages of the catalogue's groups.
func TestConfigurationDependsOnTheCatalogue(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "package", "configuration", "crossplane.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Spec struct {
			DependsOn []struct {
				Kind    string `json:"kind"`
				Package string `json:"package"`
			} `json:"dependsOn"`
		} `json:"spec"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range cfg.Spec.DependsOn {
		if d.Kind == "Provider" {
			got = append(got, d.Package)
		}
	}
	var want []string
	for _, g := range Groups() {
		want = append(want, Package(g))
	}
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("package/configuration/crossplane.yaml dependsOn providers (-catalogue +package):\n%s", diff)
	}
}

func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Provider {
		key := k.Group + "/" + k.Kind
		if seen[key] {
			t.Errorf("%s is declared twice", key)
		}
		seen[key] = true
		if k.ClusterVersion == "" {
			t.Errorf("%s has no ClusterVersion", key)
		}
		if !k.NameFromAnnotation && len(k.NameFields) == 0 {
			t.Errorf("%s: nothing names its AWS resource (NameFromAnnotation or NameFields)", key)
		}
		if got, ok := Lookup(k.Group, k.Kind); !ok || got.Kind != k.Kind {
			t.Errorf("Lookup(%s) = %v, %v", key, got, ok)
		}
	}
	if _, ok := Lookup("ec2", "Instance"); ok {
		t.Error("Lookup of a kind not in the catalogue succeeded")
	}
	if !slices.IsSorted(Groups()) {
		t.Errorf("Groups() not sorted: %v", Groups())
	}
}
