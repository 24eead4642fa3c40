package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

func minimalEndpoint() v1alpha1.Endpoint { return v1alpha1.Endpoint{Name: ptr("live")} }

func TestAgentRuntimeEndpoint(t *testing.T) {
	full := v1alpha1.Endpoint{Name: ptr("ignored-spec-name"), Description: ptr("Production traffic"), AgentRuntimeVersion: ptr("3")}
	tags := map[string]string{"team": "a"}

	cases := map[string]struct {
		reason    string
		target    Target
		name      string
		runtimeID string
		endpoint  v1alpha1.Endpoint
		tags      map[string]string
		want      map[string]any
	}{
		"NamespacedMinimal": {
			reason:    "The endpoint names its runtime by ID; version (latest), description and tags are left out when unset.",
			target:    namespaced,
			name:      "live",
			runtimeID: "team_a_orders-AbC123dEf4",
			endpoint:  minimalEndpoint(),
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntimeEndpoint", nil, map[string]any{
				"name": "live", "region": "us-east-1", "agentRuntimeId": "team_a_orders-AbC123dEf4",
			}),
		},
		"ClusterMinimal": {
			reason:    "The same endpoint in the cluster-scoped API.",
			target:    cluster,
			name:      "live",
			runtimeID: "team_a_orders-AbC123dEf4",
			endpoint:  minimalEndpoint(),
			want: wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntimeEndpoint", nil, map[string]any{
				"name": "live", "region": "eu-west-1", "agentRuntimeId": "team_a_orders-AbC123dEf4",
			}),
		},
		"NamespacedFull": {
			reason:    "The resolved name (not the spec's), the version pin, description and tags.",
			target:    namespaced,
			name:      "testAgentRuntime_endpoint",
			runtimeID: "rt-1",
			endpoint:  full,
			tags:      tags,
			want: wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntimeEndpoint", nil, map[string]any{
				"name": "testAgentRuntime_endpoint", "region": "us-east-1", "agentRuntimeId": "rt-1",
				"agentRuntimeVersion": "3", "description": "Production traffic", "tags": map[string]any{"team": "a"},
			}),
		},
		"ClusterFull": {
			reason:    "The full endpoint in the cluster-scoped API.",
			target:    cluster,
			name:      "canary",
			runtimeID: "rt-1",
			endpoint:  full,
			tags:      tags,
			want: wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntimeEndpoint", nil, map[string]any{
				"name": "canary", "region": "eu-west-1", "agentRuntimeId": "rt-1",
				"agentRuntimeVersion": "3", "description": "Production traffic", "tags": map[string]any{"team": "a"},
			}),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.target.AgentRuntimeEndpoint(tc.name, tc.runtimeID, tc.endpoint, tc.tags)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nAgentRuntimeEndpoint(): -want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}
