// Package spec reads the XR's spec into the typed API: it substitutes MDAA's
// placeholders, reports every unknown field and wrong type with its path, and decodes.
package spec

import (
	"encoding/json"
	"sort"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// crossplaneKeys are the spec fields Crossplane itself owns on composites; they are
// not part of the runtime's API and are ignored.
var crossplaneKeys = []string{
	"claimRef", "compositionRef", "compositionSelector", "compositionRevisionRef",
	"compositionRevisionSelector", "compositionUpdatePolicy", "resourceRefs",
	"publishConnectionDetailsTo", "environmentConfigRefs", "crossplane",
}

// Decode reads raw (the XR's spec) into a Spec. Placeholders are replaced from vars.
// Every problem is returned at once, rooted at "spec"; the Spec is decoded as well as
// it goes even when there are problems.
func Decode(raw map[string]any, vars Placeholders) (*v1alpha1.Spec, field.ErrorList) {
	root := field.NewPath("spec")
	work := make(map[string]any, len(raw))
	for k, v := range raw {
		work[k] = v
	}
	for _, k := range crossplaneKeys {
		delete(work, k)
	}
	// Legacy XRs carry Crossplane's own writeConnectionSecretToRef (name and namespace);
	// only its name is ours to read.
	secretRef, hasSecretRef := work["writeConnectionSecretToRef"].(map[string]any)
	delete(work, "writeConnectionSecretToRef")

	substituted, errs := vars.substitute(work, root)
	errs = append(errs, checkShape(substituted, specType, root)...)
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Field < errs[j].Field })
	b, err := json.Marshal(substituted)
	if err != nil {
		return nil, append(errs, field.InternalError(root, err))
	}
	// Decode as well as it goes even with errors, so that validation can still
	// report the problems of every other field in the same pass.
	s := &v1alpha1.Spec{}
	if err := json.Unmarshal(b, s); err != nil && len(errs) == 0 {
		errs = append(errs, field.Invalid(root, "", err.Error()))
	}
	if hasSecretRef {
		if name, ok := secretRef["name"].(string); ok && name != "" {
			s.WriteConnectionSecretToRef = &v1alpha1.SecretRef{Name: name}
		}
	}
	return s, errs
}
