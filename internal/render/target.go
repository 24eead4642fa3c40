// Package render builds each composed managed resource of provider-aws v2.7.0 as an
// unstructured object holding only the fields we own. One file per kind.
package render

import "github.com/platform-io/function-agentcore-runtime/internal/kinds"

// fieldRegion is the forProvider field every provider-aws kind has.
const fieldRegion = "region"

// fieldName is the name field of metadata, references and several kinds.
const fieldName = "name"

// fieldPolicy is the policy document field of several kinds.
const fieldPolicy = "policy"

// ExternalNameAnnotation names the AWS resource of MRs whose identifier is their name.
const ExternalNameAnnotation = "crossplane.io/external-name"

// Target is where the MRs go: the API group family and provider config follow the
// XR's scope (docs/DESIGN.md "Scope").
type Target struct {
	// Namespaced selects *.aws.m.upbound.io MRs in Namespace; else *.aws.upbound.io.
	Namespaced         bool
	Namespace          string
	ProviderConfigKind string
	ProviderConfigName string
	Region             string
}

// APIVersion of a provider-aws kind of group ("iam", "bedrockagentcore", ...) in this scope.
func (t Target) APIVersion(group, kind string) string {
	if t.Namespaced {
		return group + ".aws.m.upbound.io/v1beta1"
	}
	// The catalogue's version: some cluster-scoped kinds' v1beta1 still has
	// Terraform's list-wrapped blocks (e.g. the ECR repository's
	// imageScanningConfiguration), which the namespaced kinds and newer
	// versions don't.
	if k, ok := kinds.Lookup(group, kind); ok {
		return group + ".aws.upbound.io/" + k.ClusterVersion
	}
	return group + ".aws.upbound.io/v1beta1"
}

// managed returns an MR of kind in group with the given forProvider, and the
// external-name annotation when externalName is set.
func (t Target) managed(group, kind string, forProvider map[string]any, externalName string) map[string]any {
	meta := map[string]any{}
	if t.Namespaced {
		meta["namespace"] = t.Namespace
	}
	if externalName != "" {
		meta["annotations"] = map[string]any{ExternalNameAnnotation: externalName}
	}
	pc := map[string]any{fieldName: t.ProviderConfigName}
	if t.Namespaced {
		pc["kind"] = t.ProviderConfigKind
	}
	return map[string]any{
		"apiVersion": t.APIVersion(group, kind),
		"kind":       kind,
		"metadata":   meta,
		"spec": map[string]any{
			"forProvider":       forProvider,
			"providerConfigRef": pc,
		},
	}
}

// set puts v at key when it is not empty, so that optional fields are left out.
func set(m map[string]any, key string, v any) { //nolint:gocyclo // one case per Go type the renderers pass.
	switch t := v.(type) {
	case nil:
		return
	case string:
		if t == "" {
			return
		}
	case *string:
		if t == nil {
			return
		}
		v = *t
	case *int32:
		if t == nil {
			return
		}
		v = int64(*t)
	case []string:
		if len(t) == 0 {
			return
		}
		v = AnyList(t)
	case map[string]string:
		if len(t) == 0 {
			return
		}
		v = stringMap(t)
	case map[string]any:
		if len(t) == 0 {
			return
		}
	case []any:
		if len(t) == 0 {
			return
		}
	}
	m[key] = v
}

// AnyList is s as a JSON list, for unstructured objects.
func AnyList(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func stringMap(s map[string]string) map[string]any {
	out := make(map[string]any, len(s))
	for k, v := range s {
		out[k] = v
	}
	return out
}
