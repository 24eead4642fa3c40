package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUsage(t *testing.T) {
	const reason = "the runtime runs with this role's permissions"
	cases := map[string]struct {
		reason string
		target Target
		of, by Ref
		want   map[string]any
	}{
		"Namespaced": {
			reason: "A namespaced XR's Usage is namespaced, names both objects and replays the blocked deletion; no providerConfigRef.",
			target: namespaced,
			of:     Ref{APIVersion: "iam.aws.m.upbound.io/v1beta1", Kind: "Role", Name: "rt-8d7f2"},
			by:     Ref{APIVersion: "bedrockagentcore.aws.m.upbound.io/v1beta1", Kind: "AgentRuntime", Name: "rt-3c1a9"},
			want: map[string]any{
				"apiVersion": "protection.crossplane.io/v1beta1",
				"kind":       "Usage",
				"metadata":   map[string]any{"namespace": "team-a"},
				"spec": map[string]any{
					"of":             map[string]any{"apiVersion": "iam.aws.m.upbound.io/v1beta1", "kind": "Role", "resourceRef": map[string]any{"name": "rt-8d7f2"}},
					"by":             map[string]any{"apiVersion": "bedrockagentcore.aws.m.upbound.io/v1beta1", "kind": "AgentRuntime", "resourceRef": map[string]any{"name": "rt-3c1a9"}},
					"reason":         reason,
					"replayDeletion": true,
				},
			},
		},
		"Cluster": {
			reason: "A legacy XR's Usage is a ClusterUsage without a namespace.",
			target: cluster,
			of:     Ref{APIVersion: "iam.aws.upbound.io/v1beta1", Kind: "Role", Name: "rt-x1-8d7f2"},
			by:     Ref{APIVersion: "bedrockagentcore.aws.upbound.io/v1beta1", Kind: "AgentRuntime", Name: "rt-x1-3c1a9"},
			want: map[string]any{
				"apiVersion": "protection.crossplane.io/v1beta1",
				"kind":       "ClusterUsage",
				"metadata":   map[string]any{},
				"spec": map[string]any{
					"of":             map[string]any{"apiVersion": "iam.aws.upbound.io/v1beta1", "kind": "Role", "resourceRef": map[string]any{"name": "rt-x1-8d7f2"}},
					"by":             map[string]any{"apiVersion": "bedrockagentcore.aws.upbound.io/v1beta1", "kind": "AgentRuntime", "resourceRef": map[string]any{"name": "rt-x1-3c1a9"}},
					"reason":         reason,
					"replayDeletion": true,
				},
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.target.Usage(tc.of, tc.by, reason)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nUsage(): -want, +got:\n%s", tc.reason, diff)
			}
			// Usage and ClusterUsage are Crossplane CRDs, loaded by crdcheck.Shared.
			checkCRD(t, got)
		})
	}
}
