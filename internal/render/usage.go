package render

// Ref names a composed resource by its object name.
type Ref struct {
	APIVersion, Kind, Name string
}

// Usage says that by uses of, so that Crossplane deletes of only after by is gone:
// a namespaced Usage for namespaced XRs, a ClusterUsage for legacy ones.
func (t Target) Usage(of, by Ref, reason string) map[string]any {
	kind := "ClusterUsage"
	meta := map[string]any{}
	if t.Namespaced {
		kind = "Usage"
		meta["namespace"] = t.Namespace
	}
	ref := func(r Ref) map[string]any {
		return map[string]any{"apiVersion": r.APIVersion, "kind": r.Kind, "resourceRef": map[string]any{fieldName: r.Name}}
	}
	return map[string]any{
		"apiVersion": "protection.crossplane.io/v1beta1",
		"kind":       kind,
		"metadata":   meta,
		"spec": map[string]any{
			"of":             ref(of),
			"by":             ref(by),
			"reason":         reason,
			"replayDeletion": true,
		},
	}
}
