package crdcheck

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// A Set holds CRDs by group and kind. Schemas are compiled (structural schema,
// OpenAPI validator, CEL programs) lazily on the first object of a kind, because
// compiling is the expensive part and most callers touch only a few kinds.
// A Set is safe for concurrent use once loaded.
type Set struct {
	mu     sync.RWMutex
	byKind map[schema.GroupKind]*crdEntry
}

// NewSet returns an empty Set.
func NewSet() *Set {
	return &Set{byKind: map[schema.GroupKind]*crdEntry{}}
}

// LoadDir loads every *.yaml / *.yml file in dir (not recursive) for which filter
// returns true; filter gets the base file name and may be nil to load all.
// A file may hold several documents; documents that are not CRDs are ignored.
func LoadDir(dir string, filter func(filename string) bool) (*Set, error) {
	s := NewSet()
	if err := s.AddDir(dir, filter); err != nil {
		return nil, err
	}
	return s, nil
}

// AddDir adds the CRDs in dir, as LoadDir does.
func (s *Set) AddDir(dir string, filter func(filename string) bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("cannot read CRD folder: %w", err)
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || (filepath.Ext(name) != ".yaml" && filepath.Ext(name) != ".yml") {
			continue
		}
		if filter != nil && !filter(name) {
			continue
		}
		files = append(files, filepath.Join(dir, name))
	}
	if len(files) == 0 {
		return fmt.Errorf("no CRD files selected in %s", dir)
	}
	return s.AddFiles(files...)
}

// AddFiles adds the CRDs in the given YAML files.
func (s *Set) AddFiles(paths ...string) error {
	for _, p := range paths {
		data, err := os.ReadFile(p) //nolint:gosec // paths come from the caller on purpose.
		if err != nil {
			return err
		}
		if err := s.AddYAML(data); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

// AddYAML adds the CRDs in a (multi-document) YAML stream.
func (s *Set) AddYAML(data []byte) error {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		var tm struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
		}
		if err := yaml.Unmarshal(doc, &tm); err != nil {
			return err
		}
		if tm.Kind != "CustomResourceDefinition" || tm.APIVersion != apiextensionsv1.SchemeGroupVersion.String() {
			continue
		}
		crd := &apiextensionsv1.CustomResourceDefinition{}
		if err := yaml.Unmarshal(doc, crd); err != nil {
			return err
		}
		if err := s.AddCRD(crd); err != nil {
			return err
		}
	}
}

// AddCRD adds one CRD, replacing any earlier CRD of the same group and kind.
// Callers that turn an XRD into a CRD can add the result here.
func (s *Set) AddCRD(crd *apiextensionsv1.CustomResourceDefinition) error {
	if crd.Spec.Group == "" || crd.Spec.Names.Kind == "" {
		return fmt.Errorf("CRD %q has no group or kind", crd.Name)
	}
	gk := schema.GroupKind{Group: crd.Spec.Group, Kind: crd.Spec.Names.Kind}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byKind[gk] = newCRDEntry(crd)
	return nil
}

// Kinds lists the loaded group/kinds, sorted, for diagnostics.
func (s *Set) Kinds() []schema.GroupKind {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]schema.GroupKind, 0, len(s.byKind))
	for gk := range s.byKind {
		out = append(out, gk)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// Has reports whether a CRD for the group and kind of apiVersion/kind is loaded.
func (s *Set) Has(apiVersion, kind string) bool {
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return false
	}
	_, ok := s.entry(schema.GroupKind{Group: gv.Group, Kind: kind})
	return ok
}

func (s *Set) entry(gk schema.GroupKind) (*crdEntry, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	e, ok := s.byKind[gk]
	return e, ok
}
