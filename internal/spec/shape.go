package spec

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

var (
	specType         = reflect.TypeOf(v1alpha1.Spec{})
	stringOrListType = reflect.TypeOf(v1alpha1.StringOrList{})
)

// checkShape compares a decoded JSON value with the Go type it will be decoded into
// and reports every unknown field and wrong type, so that a user sees all of them
// at once with their paths (encoding/json stops at the first, without a path).
func checkShape(v any, t reflect.Type, path *field.Path) field.ErrorList { //nolint:gocyclo // one case per JSON kind against the Go type.
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v == nil {
		return nil // null is the zero value
	}
	if t == stringOrListType {
		return nil // any shape decodes; validation reports a malformed one
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := v.(string); !ok {
			return field.ErrorList{wrongType(path, v, "string")}
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return field.ErrorList{wrongType(path, v, "boolean")}
		}
	case reflect.Int32, reflect.Int64, reflect.Int:
		f, ok := v.(float64)
		if !ok || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
			return field.ErrorList{wrongType(path, v, "integer")}
		}
	case reflect.Slice:
		items, ok := v.([]any)
		if !ok {
			return field.ErrorList{wrongType(path, v, "array")}
		}
		var errs field.ErrorList
		for i, item := range items {
			errs = append(errs, checkShape(item, t.Elem(), path.Index(i))...)
		}
		return errs
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return field.ErrorList{wrongType(path, v, "object")}
		}
		var errs field.ErrorList
		for _, k := range slices.Sorted(maps.Keys(m)) {
			errs = append(errs, checkShape(m[k], t.Elem(), path.Key(k))...)
		}
		return errs
	case reflect.Struct:
		return checkStruct(v, t, path)
	}
	return nil
}

func checkStruct(v any, t reflect.Type, path *field.Path) field.ErrorList {
	m, ok := v.(map[string]any)
	if !ok {
		return field.ErrorList{wrongType(path, v, "object")}
	}
	fields := jsonFields(t)
	var errs field.ErrorList
	for _, k := range slices.Sorted(maps.Keys(m)) {
		ft, known := fields[k]
		if !known {
			errs = append(errs, field.NotSupported(path.Child(k), k, slices.Sorted(maps.Keys(fields))))
			continue
		}
		errs = append(errs, checkShape(m[k], ft, path.Child(k))...)
	}
	return errs
}

// fieldsByType caches jsonFields: the API's types never change, and checkShape
// runs on every call of the function.
var fieldsByType sync.Map // reflect.Type -> map[string]reflect.Type

// jsonFields maps the JSON names of a struct's fields to their types. The map
// is shared: callers must not modify it.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if f, ok := fieldsByType.Load(t); ok {
		return f.(map[string]reflect.Type) //nolint:forcetypeassert // only this type is stored
	}
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		out[name] = f.Type
	}
	fieldsByType.Store(t, out)
	return out
}

func wrongType(path *field.Path, v any, want string) *field.Error {
	return field.Invalid(path, fmt.Sprintf("%v", v), "must be of type "+want)
}
