package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/internal/crdcheck"
)

const (
	packageDir       = "../../package"
	configurationDir = "../../package/configuration"
)

// TestConfigurationManifests validates the Configuration package's XRDs and
// Compositions against Crossplane's own CRDs (with their CEL rules, e.g. "only
// LegacyCluster XRDs can offer claims"), as the API server does when the
// package manager installs them.
func TestConfigurationManifests(t *testing.T) {
	dir, err := crdcheck.CrossplaneCRDDir()
	if err != nil {
		t.Fatal(err)
	}
	crossplane, err := crdcheck.LoadDir(dir, func(f string) bool { return strings.HasPrefix(f, "apiextensions.crossplane.io_") })
	if err != nil {
		t.Fatal(err)
	}
	docs := manifests(t, configurationDir)
	kinds := map[string]int{}
	for _, d := range docs {
		if d.obj["kind"] == "Configuration" {
			continue // A package meta type: no CRD, checked below.
		}
		kinds[d.obj["kind"].(string)]++
		for _, err := range crossplane.Validate(d.obj) {
			t.Errorf("%s: %v", d.file, err)
		}
	}
	if diff := cmp.Diff(map[string]int{"CompositeResourceDefinition": 2, "Composition": 2}, kinds); diff != "" {
		t.Errorf("package/configuration kinds: -want, +got:\n%s", diff)
	}
}

// TestCompositions checks that every XRD has exactly one Composition for its
// referenceable version, that each pipeline step names the Function the way
// Crossplane names it when it installs this Configuration's dependency, and
// that each inline Input is valid against the generated Input CRD.
func TestCompositions(t *testing.T) {
	inputs, err := crdcheck.LoadDir(filepath.Join(packageDir, "input"), nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := manifests(t, configurationDir)

	var xrTypes, composed []string
	var fnPackage string
	for _, d := range docs {
		switch d.obj["kind"] {
		case "CompositeResourceDefinition":
			x := &xrd{}
			d.into(t, x)
			for _, v := range x.Spec.Versions {
				if v.Referenceable {
					xrTypes = append(xrTypes, x.Spec.Group+"/"+v.Name+", Kind="+x.Spec.Names.Kind)
				}
			}
		case "Configuration":
			for _, dep := range get[[]any](d.obj, "spec", "dependsOn") {
				if dep := dep.(map[string]any); dep["kind"] == "Function" {
					fnPackage, _ = dep["package"].(string)
				}
			}
		}
	}
	// Crossplane names a dependency it installs after the package's repository
	// path, as a DNS label (crossplane internal/controller/pkg/resolver).
	_, repository, _ := strings.Cut(fnPackage, "/")
	wantFunction := strings.ReplaceAll(repository, "/", "-")
	if !strings.HasSuffix(repository, "/"+functionName(t)) {
		t.Errorf("the Configuration depends on Function %q, want a package named %q (package/crossplane.yaml)", fnPackage, functionName(t))
	}

	for _, d := range docs {
		if d.obj["kind"] != "Composition" {
			continue
		}
		ref := get[map[string]any](d.obj, "spec", "compositeTypeRef")
		composed = append(composed, ref["apiVersion"].(string)+", Kind="+ref["kind"].(string))
		if got := get[string](d.obj, "spec", "mode"); got != "Pipeline" {
			t.Errorf("%s: spec.mode: want Pipeline, got %q", d.file, got)
		}
		for i, s := range get[[]any](d.obj, "spec", "pipeline") {
			step := s.(map[string]any)
			if got := get[string](step, "functionRef", "name"); got != wantFunction {
				t.Errorf("%s: spec.pipeline[%d].functionRef.name: want %q (the Function Crossplane installs for %s), got %q", d.file, i, wantFunction, fnPackage, got)
			}
			for _, err := range inputs.Validate(get[map[string]any](step, "input")) {
				t.Errorf("%s: spec.pipeline[%d].input: %v", d.file, i, err)
			}
		}
	}
	slices.Sort(xrTypes)
	slices.Sort(composed)
	if diff := cmp.Diff(xrTypes, composed); diff != "" {
		t.Errorf("one Composition per XRD: -XRD types, +Composition compositeTypeRefs:\n%s", diff)
	}
}

func functionName(t *testing.T) string {
	t.Helper()
	docs := manifests(t, packageDir)
	for _, d := range docs {
		if d.obj["kind"] == "Function" {
			return get[string](d.obj, "metadata", "name")
		}
	}
	t.Fatal("package/crossplane.yaml: no Function")
	return ""
}

type manifest struct {
	file string
	raw  []byte
	obj  map[string]any
}

func (m manifest) into(t *testing.T, v any) {
	t.Helper()
	if err := yaml.Unmarshal(m.raw, v); err != nil {
		t.Fatalf("%s: %v", m.file, err)
	}
}

// manifests reads every YAML document in the files directly in dir.
func manifests(t *testing.T, dir string) []manifest {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var out []manifest
	for _, f := range files {
		r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(read(t, f))))
		for {
			doc, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			obj := map[string]any{}
			if err := yaml.Unmarshal(doc, &obj); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if len(obj) > 0 {
				out = append(out, manifest{file: filepath.Base(f), raw: doc, obj: obj})
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("no manifests in %s", dir)
	}
	return out
}

// get returns the value at path in obj, or the zero value.
func get[T any](obj map[string]any, path ...string) T {
	var v any = obj
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	t, _ := v.(T)
	return t
}
