package compose

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// TestEndpointNames: every place an endpoint's name reaches (its composition
// resource name, the rendered forProvider.name, SSM paths, the invoke URL's
// qualifier) takes it from Endpoints, which names endpoints as AgentCore
// takes them: MDAA's default, and '-' turned into '_' as MDAA does.
func TestEndpointNames(t *testing.T) {
	cases := map[string]struct {
		spec *v1alpha1.Spec
		want []string
	}{
		"DefaultName": {
			spec: &v1alpha1.Spec{AgentRuntimeName: "orders-agent", RuntimeEndpoint: &v1alpha1.Endpoint{}},
			want: []string{"orders_agent_endpoint"},
		},
		"HyphensSanitised": {
			spec: &v1alpha1.Spec{
				AgentRuntimeName: "orders",
				RuntimeEndpoint:  &v1alpha1.Endpoint{Name: ptr("my-endpoint-name")},
				RuntimeEndpoints: []v1alpha1.Endpoint{{Name: ptr("blue-green")}, {Name: ptr("canary")}},
			},
			want: []string{"my_endpoint_name", "blue_green", "canary"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var got []string
			for _, e := range Endpoints(tc.spec) {
				got = append(got, e.Name)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Endpoints(): -want +got:\n%s", diff)
			}
		})
	}
}
