package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The Secret is a core v1 kind, not a CRD: crdcheck has no schema for it.
func TestConnectionSecret(t *testing.T) {
	cases := map[string]struct {
		reason  string
		target  Target
		name    string
		details map[string]string
		want    map[string]any
	}{
		"Details": {
			reason:  "Every detail is base64 in data; the Secret is in the XR's namespace with Crossplane's connection secret type.",
			target:  namespaced,
			name:    "orders-agent-connection",
			details: map[string]string{"agentRuntimeArn": runtimeArn, "region": "us-east-1", "endpoint.live.arn": runtimeArn + "/runtime-endpoint/live"},
			want: map[string]any{
				"apiVersion": "v1",
				"kind":       "Secret",
				"metadata":   map[string]any{"name": "orders-agent-connection", "namespace": "team-a"},
				"type":       "connection.crossplane.io/v1alpha1",
				"data": map[string]any{
					"agentRuntimeArn":   "YXJuOmF3czpiZWRyb2NrLWFnZW50Y29yZTp1cy1lYXN0LTE6MTIzNDU2Nzg5MDEyOnJ1bnRpbWUvdGVhbV9hX29yZGVycy1BYkMxMjNkRWY0",
					"region":            "dXMtZWFzdC0x",
					"endpoint.live.arn": "YXJuOmF3czpiZWRyb2NrLWFnZW50Y29yZTp1cy1lYXN0LTE6MTIzNDU2Nzg5MDEyOnJ1bnRpbWUvdGVhbV9hX29yZGVycy1BYkMxMjNkRWY0L3J1bnRpbWUtZW5kcG9pbnQvbGl2ZQ==",
				},
			},
		},
		"EmptyValue": {
			reason:  "An empty value is the empty string in data.",
			target:  namespaced,
			name:    "s",
			details: map[string]string{"k": ""},
			want: map[string]any{
				"apiVersion": "v1",
				"kind":       "Secret",
				"metadata":   map[string]any{"name": "s", "namespace": "team-a"},
				"type":       "connection.crossplane.io/v1alpha1",
				"data":       map[string]any{"k": ""},
			},
		},
		"NoDetails": {
			reason: "No details give empty data, not a missing field.",
			target: Target{Namespaced: true, Namespace: "team-b"},
			name:   "s",
			want: map[string]any{
				"apiVersion": "v1",
				"kind":       "Secret",
				"metadata":   map[string]any{"name": "s", "namespace": "team-b"},
				"type":       "connection.crossplane.io/v1alpha1",
				"data":       map[string]any{},
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.target.ConnectionSecret(tc.name, tc.details)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nConnectionSecret(): -want, +got:\n%s", tc.reason, diff)
			}
		})
	}
}
