package crdcheck

import (
	"fmt"
	"sync"

	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
)

// crdEntry is one CRD plus its compiled schemas, built per version on first use.
type crdEntry struct {
	crd        *apiextensionsv1.CustomResourceDefinition
	namespaced bool

	mu       sync.Mutex
	versions map[string]*compiled
}

// compiled holds what the API server builds when it starts serving a CRD version
// (see customresource_handler.go in k8s.io/apiextensions-apiserver).
type compiled struct {
	structural *structuralschema.Structural
	schema     apiservervalidation.SchemaValidator
	cel        *cel.Validator // nil when the schema has no x-kubernetes-validations
}

func newCRDEntry(crd *apiextensionsv1.CustomResourceDefinition) *crdEntry {
	return &crdEntry{
		crd:        crd,
		namespaced: crd.Spec.Scope == apiextensionsv1.NamespaceScoped,
		versions:   map[string]*compiled{},
	}
}

// compiledFor returns the compiled schema of a served version. Compilation errors
// are not cached: they only come from broken CRDs, which we want to hear about
// on every call.
func (e *crdEntry) compiledFor(version string) (*compiled, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c, ok := e.versions[version]; ok {
		return c, nil
	}
	var v *apiextensionsv1.CustomResourceDefinitionVersion
	for i := range e.crd.Spec.Versions {
		if e.crd.Spec.Versions[i].Name == version {
			v = &e.crd.Spec.Versions[i]
		}
	}
	if v == nil || !v.Served {
		return nil, fmt.Errorf("version %q is not served by CRD %s", version, e.crd.Name)
	}
	if v.Schema == nil || v.Schema.OpenAPIV3Schema == nil {
		return nil, fmt.Errorf("version %q of CRD %s has no schema", version, e.crd.Name)
	}
	internal := &apiextensions.CustomResourceValidation{}
	if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(v.Schema, internal, nil); err != nil {
		return nil, fmt.Errorf("cannot convert schema of CRD %s: %w", e.crd.Name, err)
	}
	s, err := structuralschema.NewStructural(internal.OpenAPIV3Schema)
	if err != nil {
		return nil, fmt.Errorf("schema of CRD %s is not structural: %w", e.crd.Name, err)
	}
	// As the API server does: work on a copy and drop defaults that would
	// themselves be pruned.
	s = s.DeepCopy()
	if err := structuraldefaulting.PruneDefaults(s); err != nil {
		return nil, fmt.Errorf("cannot prune defaults of CRD %s: %w", e.crd.Name, err)
	}
	sv, _, err := apiservervalidation.NewSchemaValidator(internal.OpenAPIV3Schema)
	if err != nil {
		return nil, fmt.Errorf("cannot build schema validator for CRD %s: %w", e.crd.Name, err)
	}
	c := &compiled{
		structural: s,
		schema:     sv,
		cel:        cel.NewValidator(s, true, celconfig.PerCallLimit),
	}
	e.versions[version] = c
	return c, nil
}
