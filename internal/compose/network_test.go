package compose

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// TestVpcEndpoint: MDAA's vpcEndpoint renders the security group and the
// endpoints at once; the ingress rules wait for the group's ID, the
// associations for the endpoint's (and the group's); each waits named.
func TestVpcEndpoint(t *testing.T) {
	const (
		sg   = "sg-0123456789abcdef0"
		vpce = "vpce-0123456789abcdef0"
	)
	spec := func(supporting bool, principals ...string) *v1alpha1.Spec {
		s := baseSpec()
		s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
		s.NetworkConfiguration.VpcEndpoint = &v1alpha1.VpcEndpoint{CreateSupportingEndpoints: ptr(supporting),
			EndpointPolicy: &v1alpha1.VpcEndpointPolicy{AllowPrincipals: principals}}
		return s
	}
	cases := map[string]struct {
		spec     *v1alpha1.Spec
		observed Observed
		want     []string
		waits    []string
	}{
		"FromNothing": {
			spec:  spec(false),
			want:  []string{"vpce-agentcore", "vpce-security-group"},
			waits: []string{"the ID of vpce-security-group before vpce-ingress-sg-12345678", "the ID of vpce-agentcore before vpce-agentcore-subnet-12345678", "the ID of vpce-security-group before vpce-agentcore-security-group", "the ID of vpce-agentcore before vpce-agentcore-security-group"},
		},
		"GroupAndEndpointObserved": {
			spec: spec(false),
			observed: Observed{
				"vpce-security-group": obs(true, map[string]any{"id": sg}, nil),
				"vpce-agentcore":      obs(true, map[string]any{"id": vpce}, nil),
			},
			want: []string{"ssm-vpce-agentcore-id", "ssm-vpce-security-group-id", "vpce-agentcore", "vpce-agentcore-security-group", "vpce-agentcore-subnet-12345678", "vpce-ingress-sg-12345678", "vpce-security-group"},
		},
		"SupportingEndpoints": {
			spec: spec(true),
			want: []string{"vpce-agentcore", "vpce-ecr-api", "vpce-ecr-dkr", "vpce-logs", "vpce-security-group", "vpce-sts"},
		},
		"ServiceEndpointsWithS3Gateway": {
			// serviceEndpoints alone: the seed's interface endpoints (no
			// AgentCore endpoint) and the S3 gateway in its route table once
			// its ID is observed.
			spec: func() *v1alpha1.Spec {
				s := baseSpec()
				s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
				s.NetworkConfiguration.ServiceEndpoints = &v1alpha1.ServiceEndpoints{RouteTableIds: []string{"rtb-12345678"}}
				return s
			}(),
			observed: Observed{"vpce-s3": obs(true, map[string]any{"id": "vpce-0s3"}, nil)},
			want: []string{"vpce-bedrock-runtime", "vpce-ecr-api", "vpce-ecr-dkr", "vpce-logs", "vpce-s3", "vpce-s3-rtb-12345678",
				"vpce-security-group", "vpce-ssm", "vpce-sts", "vpce-xray"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := Compose(propertyRequest(tc.spec, tc.observed, true))
			var got []string
			for _, n := range names(r) {
				if strings.HasPrefix(n, "vpce") || strings.HasPrefix(n, "ssm-vpce") {
					got = append(got, n)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("vpc endpoint resources: -want +got:\n%s", diff)
			}
			if tc.waits != nil {
				var waits []string
				for _, w := range r.Waiting {
					if strings.HasPrefix(w, "the ID of vpce") {
						waits = append(waits, w)
					}
				}
				if diff := cmp.Diff(tc.waits, waits); diff != "" {
					t.Errorf("waits: -want +got:\n%s", diff)
				}
			}
		})
	}
}

// TestVpcEndpointPolicy: MDAA's endpoint policy, for anyone or for the listed principals.
func TestVpcEndpointPolicy(t *testing.T) {
	for _, tc := range []struct {
		principals []string
		want       string
	}{
		{want: `{"Version":"2012-10-17","Statement":[{"Sid":"AgentCoreInvokeThroughEndpoint","Effect":"Allow","Principal":"*","Action":"bedrock-agentcore:InvokeAgentRuntime*","Resource":"*"}]}`},
		{principals: []string{"123456789012"}, want: `{"Version":"2012-10-17","Statement":[{"Sid":"AgentCoreInvokeThroughEndpoint","Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"bedrock-agentcore:InvokeAgentRuntime*","Resource":"*"}]}`},
	} {
		s := baseSpec()
		s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
		s.NetworkConfiguration.VpcEndpoint = &v1alpha1.VpcEndpoint{EndpointPolicy: &v1alpha1.VpcEndpointPolicy{AllowPrincipals: tc.principals}}
		for _, res := range Compose(propertyRequest(s, nil, false)).Resources {
			if res.Name == "vpce-agentcore" {
				if diff := cmp.Diff(tc.want, Lookup(res.Object, "spec", "forProvider", "policy")); diff != "" {
					t.Errorf("policy: -want +got:\n%s", diff)
				}
			}
		}
	}
}
