// Package xr reads what the function needs from the observed composite resource:
// its identity, its scope and its spec.
package xr

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// ClaimNamespaceLabel is set by Crossplane on legacy XRs bound to a claim.
const ClaimNamespaceLabel = "crossplane.io/claim-namespace"

// XR is the observed composite resource.
type XR struct {
	APIVersion string
	Kind       string
	Name       string
	// Namespace is set for namespaced (Crossplane v2) XRs only.
	Namespace string
	// ClaimNamespace is the namespace of a legacy XR's claim.
	ClaimNamespace string
	Spec           map[string]any
	Status         map[string]any
}

// Read extracts the XR from the observed composite's object.
func Read(obj map[string]any) XR {
	u := &unstructured.Unstructured{Object: obj}
	spec, _ := u.Object["spec"].(map[string]any)
	status, _ := u.Object["status"].(map[string]any)
	return XR{
		APIVersion:     u.GetAPIVersion(),
		Kind:           u.GetKind(),
		Name:           u.GetName(),
		Namespace:      u.GetNamespace(),
		ClaimNamespace: u.GetLabels()[ClaimNamespaceLabel],
		Spec:           spec,
		Status:         status,
	}
}

// Namespaced reports whether the XR is namespaced: its MRs are *.aws.m.upbound.io
// in its namespace, and its connection details go to a composed Secret.
func (x XR) Namespaced() bool { return x.Namespace != "" }

// TeamNamespace is the namespace the app team works in: the XR's, else its claim's.
func (x XR) TeamNamespace() string {
	if x.Namespace != "" {
		return x.Namespace
	}
	return x.ClaimNamespace
}
