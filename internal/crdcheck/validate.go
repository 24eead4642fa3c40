package crdcheck

import (
	"context"
	"fmt"

	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	structurallisttype "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"k8s.io/apimachinery/pkg/util/validation/field"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
)

// Validate checks obj as the API server checks a create request for its CRD:
// unknown fields (each pruned path is an error), then defaults, the OpenAPI
// schema, metadata, list-type invariants and finally the CEL rules, which run
// only when no blocking error was found (as in the API server). obj is not
// modified. The result is nil when obj is valid.
//
// Crossplane fills metadata.name and, for namespaced composed resources,
// metadata.namespace (the XR's) before it creates a resource, so a missing name
// or namespace is not reported, which lets function unit tests validate their
// desired resources; a namespace on a cluster-scoped kind is reported.
func (s *Set) Validate(obj map[string]any) field.ErrorList {
	u, err := normalise(obj)
	if err != nil {
		return field.ErrorList{field.Invalid(nil, nil, err.Error())}
	}
	apiVersion, _ := u["apiVersion"].(string)
	kind, _ := u["kind"].(string)
	if apiVersion == "" || kind == "" {
		var errs field.ErrorList
		if apiVersion == "" {
			errs = append(errs, field.Required(field.NewPath("apiVersion"), ""))
		}
		if kind == "" {
			errs = append(errs, field.Required(field.NewPath("kind"), ""))
		}
		return errs
	}
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return field.ErrorList{field.Invalid(field.NewPath("apiVersion"), apiVersion, err.Error())}
	}
	e, ok := s.entry(schema.GroupKind{Group: gv.Group, Kind: kind})
	if !ok {
		return field.ErrorList{field.NotFound(field.NewPath("kind"), fmt.Sprintf("no CRD loaded for %s", gv.WithKind(kind)))}
	}
	c, err := e.compiledFor(gv.Version)
	if err != nil {
		return field.ErrorList{field.Invalid(field.NewPath("apiVersion"), apiVersion, err.Error())}
	}
	return validate(u, e.namespaced, c)
}

func validate(u map[string]any, namespaced bool, c *compiled) field.ErrorList {
	errs := unknownFields(u, c.structural)
	if len(errs) > 0 && hasMetaError(errs) {
		return errs
	}

	structuraldefaulting.Default(u, c.structural)

	errs = append(errs, validateMeta(u, namespaced)...)
	errs = append(errs, apiservervalidation.ValidateCustomResource(nil, u, c.schema)...)
	// Embedded resources (x-kubernetes-embedded-resource) and
	// x-kubernetes-list-type map/set invariants, as the CR strategy checks them.
	errs = append(errs, schemaobjectmeta.Validate(nil, u, c.structural, false)...)
	errs = append(errs, structurallisttype.ValidateListSetsAndMaps(nil, c.structural, u)...)

	if c.cel != nil {
		if blocking := blockingError(errs); blocking != nil {
			return append(errs, blocking)
		}
		celErrs, _ := c.cel.Validate(context.Background(), nil, c.structural, u, nil, celconfig.RuntimeCELCostBudget)
		errs = append(errs, celErrs...)
	}
	return errs
}

// unknownFields prunes u like the API server's schema coercer does and returns one
// error per pruned path, metadata included.
func unknownFields(u map[string]any, s *structuralschema.Structural) field.ErrorList {
	var errs field.ErrorList
	meta, found, metaUnknown, err := schemaobjectmeta.GetObjectMetaWithOptions(u, schemaobjectmeta.ObjectMetaOptions{ReturnUnknownFieldPaths: true})
	if err != nil {
		return field.ErrorList{field.Invalid(field.NewPath("metadata"), nil, err.Error())}
	}
	paths := append([]string{}, metaUnknown...)
	paths = append(paths, structuralpruning.PruneWithOptions(u, s, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(u, s)
	ferr, embedded := schemaobjectmeta.CoerceWithOptions(nil, u, s, false, schemaobjectmeta.CoerceOptions{ReturnUnknownFieldPaths: true})
	if ferr != nil {
		errs = append(errs, ferr)
	}
	paths = append(paths, embedded...)
	for _, p := range paths {
		// The paths are already dotted strings; one path element keeps them verbatim.
		errs = append(errs, field.Forbidden(field.NewPath(p), "unknown field"))
	}
	if found {
		if err := schemaobjectmeta.SetObjectMeta(u, meta); err != nil {
			errs = append(errs, field.Invalid(field.NewPath("metadata"), nil, err.Error()))
		}
	}
	return errs
}

// validateMeta runs the API server's ObjectMeta checks on a copy of the metadata
// in which the fields Crossplane fills in itself are set to placeholders.
func validateMeta(u map[string]any, namespaced bool) field.ErrorList {
	obj := &unstructured.Unstructured{Object: map[string]any{}}
	if m, ok := u["metadata"].(map[string]any); ok {
		obj.Object["metadata"] = m
		obj = obj.DeepCopy()
	}
	if obj.GetName() == "" {
		// The API server names the object from generateName before it validates.
		obj.SetName(obj.GetGenerateName() + "placeholder")
	}
	if namespaced && obj.GetNamespace() == "" {
		obj.SetNamespace("placeholder-filled-by-crossplane")
	}
	return validation.ValidateObjectMetaAccessor(obj, namespaced, validation.NameIsDNSSubdomain, field.NewPath("metadata"))
}

func hasMetaError(errs field.ErrorList) bool {
	for _, e := range errs {
		if e.Type == field.ErrorTypeInvalid && e.Field == "metadata" {
			return true
		}
	}
	return false
}

// blockingError mirrors hasBlockingErr in the API server's CR strategy: CEL rules
// are not evaluated on an object with type, required or size errors.
func blockingError(errs field.ErrorList) *field.Error {
	for _, e := range errs {
		switch e.Type {
		case field.ErrorTypeNotSupported, field.ErrorTypeRequired, field.ErrorTypeTooLong, field.ErrorTypeTooMany, field.ErrorTypeTypeInvalid:
			return field.Invalid(nil, nil, "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")
		}
	}
	return nil
}

// normalise deep-copies obj through JSON so numbers become int64 or float64, as
// in an object the API server decoded; CEL and the schema validator expect that.
func normalise(obj map[string]any) (map[string]any, error) {
	b, err := utiljson.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("object is not JSON: %w", err)
	}
	out := map[string]any{}
	if err := utiljson.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("object is not JSON: %w", err)
	}
	return out, nil
}
