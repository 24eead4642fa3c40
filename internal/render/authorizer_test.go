package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const (
	discovery      = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123/.well-known/openid-configuration"
	otherDiscovery = "https://login.example.com/.well-known/openid-configuration"
	gatewayArn     = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/gw-abc"
	latticeID      = "rcfg-0123456789abcdef0"
)

// fullJWT sets every field of a JWT authorizer.
func fullJWT() *v1alpha1.JWT {
	return &v1alpha1.JWT{
		DiscoveryUrl:    discovery,
		AllowedAudience: []string{"orders", "billing"},
		AllowedClients:  []string{"client-1"},
		AllowedScopes:   []string{"orders/read", "orders/write"},
		CustomClaims: []v1alpha1.CustomClaim{
			{Name: "tenant", ValueType: "STRING", Operator: "EQUALS", Value: ptr("team-a")},
			{Name: "groups", ValueType: "STRING_ARRAY", Operator: "CONTAINS", Values: []string{"admins"}},
			{Name: "roles", ValueType: "STRING_ARRAY", Operator: "CONTAINS_ANY", Values: []string{"reader", "writer"}},
		},
		PrivateEndpoint: &v1alpha1.PrivateEndpoint{ManagedVpcResource: &v1alpha1.ManagedVpcResource{
			VpcIdentifier:         "vpc-0a1b2c3d4e5f60718",
			SubnetIds:             []string{"subnet-0a1b2c3d4e5f60718"},
			SecurityGroupIds:      []string{"sg-0a1b2c3d4e5f60718"},
			EndpointIpAddressType: ptr("IPV6"),
			RoutingDomain:         ptr("idp.internal.example.com"),
		}},
		PrivateEndpointOverrides: []v1alpha1.PrivateEndpointOverride{
			{Domain: "keys.example.com", PrivateEndpoint: v1alpha1.PrivateEndpoint{SelfManagedLatticeResource: &v1alpha1.LatticeResource{ResourceConfigurationIdentifier: latticeID}}},
			{Domain: "idp2.example.com", PrivateEndpoint: v1alpha1.PrivateEndpoint{ManagedVpcResource: &v1alpha1.ManagedVpcResource{
				VpcIdentifier: "vpc-0a1b2c3d4e5f60719",
				SubnetIds:     []string{"subnet-0a1b2c3d4e5f60719"},
			}}},
		},
		AllowedWorkloadConfiguration: &v1alpha1.WorkloadConfiguration{
			HostingEnvironmentArns: []string{gatewayArn},
			WorkloadIdentities:     []string{"orders-caller"},
		},
	}
}

// fullJWTRendered is fullJWT as the provider's customJwtAuthorizer.
func fullJWTRendered() map[string]any {
	return map[string]any{
		"discoveryUrl":    discovery,
		"allowedAudience": []any{"orders", "billing"},
		"allowedClients":  []any{"client-1"},
		"allowedScopes":   []any{"orders/read", "orders/write"},
		"customClaim": []any{
			map[string]any{
				"inboundTokenClaimName":      "tenant",
				"inboundTokenClaimValueType": "STRING",
				"authorizingClaimMatchValue": map[string]any{
					"claimMatchOperator": "EQUALS",
					"claimMatchValue":    map[string]any{"matchValueString": "team-a"},
				},
			},
			map[string]any{
				"inboundTokenClaimName":      "groups",
				"inboundTokenClaimValueType": "STRING_ARRAY",
				"authorizingClaimMatchValue": map[string]any{
					"claimMatchOperator": "CONTAINS",
					"claimMatchValue":    map[string]any{"matchValueString": "admins"},
				},
			},
			map[string]any{
				"inboundTokenClaimName":      "roles",
				"inboundTokenClaimValueType": "STRING_ARRAY",
				"authorizingClaimMatchValue": map[string]any{
					"claimMatchOperator": "CONTAINS_ANY",
					"claimMatchValue":    map[string]any{"matchValueStringList": []any{"reader", "writer"}},
				},
			},
		},
		"privateEndpoint": map[string]any{"managedVpcResource": map[string]any{
			"vpcIdentifier":         "vpc-0a1b2c3d4e5f60718",
			"subnetIds":             []any{"subnet-0a1b2c3d4e5f60718"},
			"securityGroupIds":      []any{"sg-0a1b2c3d4e5f60718"},
			"endpointIpAddressType": "IPV6",
			"routingDomain":         "idp.internal.example.com",
		}},
		"privateEndpointOverrides": []any{
			map[string]any{
				"domain":          "keys.example.com",
				"privateEndpoint": map[string]any{"selfManagedLatticeResource": map[string]any{"resourceConfigurationIdentifier": latticeID}},
			},
			map[string]any{
				"domain": "idp2.example.com",
				"privateEndpoint": map[string]any{"managedVpcResource": map[string]any{
					"vpcIdentifier": "vpc-0a1b2c3d4e5f60719",
					"subnetIds":     []any{"subnet-0a1b2c3d4e5f60719"},
				}},
			},
		},
		"allowedWorkloadConfiguration": map[string]any{
			"hostingEnvironment": []any{map[string]any{"arn": gatewayArn}},
			"workloadIdentities": []any{"orders-caller"},
		},
	}
}

// TestAuthorizer renders the authorizer through AgentRuntime, so that each case
// checks a whole runtime and validates it against the CRD.
func TestAuthorizer(t *testing.T) {
	cases := map[string]struct {
		reason string
		target Target
		auth   *v1alpha1.Authorizer
		// cognito is the created user pool's issuer, for cognito.
		cognito *CognitoIssuer
		// want is authorizerConfiguration; nil means the field is left out.
		want map[string]any
	}{
		"None": {
			reason: "Without an authorizer callers use IAM: no authorizerConfiguration.",
			target: namespaced,
		},
		"EmptyAuthorizer": {
			reason: "An authorizer with neither JWT block is left out.",
			target: namespaced,
			auth:   &v1alpha1.Authorizer{},
		},
		"CognitoIssuer": {
			reason:  "With cognito, the discovery URL is the created pool's and its app client comes first in allowedAudience (MDAA's derivation).",
			target:  namespaced,
			auth:    &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{AllowedAudience: []string{"portal"}, Cognito: &v1alpha1.Cognito{}}},
			cognito: &CognitoIssuer{DiscoveryURL: discovery, ClientID: "client-1"},
			want:    map[string]any{"customJwtAuthorizer": map[string]any{"discoveryUrl": discovery, "allowedAudience": []any{"client-1", "portal"}}},
		},
		"CognitoWithoutIssuerYet": {
			reason: "With cognito and no issuer yet (an existing runtime while the pool's status is missing, and no authorizer to keep), no authorizer rather than an empty discoveryUrl AWS refuses.",
			target: cluster,
			auth:   &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{Cognito: &v1alpha1.Cognito{}}},
		},
		"DiscoveryURLOnly": {
			reason: "Optional JWT fields are left out when unset.",
			target: cluster,
			auth:   &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{DiscoveryUrl: discovery}},
			want:   map[string]any{"customJwtAuthorizer": map[string]any{"discoveryUrl": discovery}},
		},
		"FullNamespaced": {
			reason: "Audience, clients, scopes, STRING and STRING_ARRAY claims, a managed VPC private endpoint, overrides and the allowed workloads all map.",
			target: namespaced,
			auth:   &v1alpha1.Authorizer{CustomJwtAuthorizer: fullJWT()},
			want:   map[string]any{"customJwtAuthorizer": fullJWTRendered()},
		},
		"FullCluster": {
			reason: "The full authorizer in the cluster-scoped API.",
			target: cluster,
			auth:   &v1alpha1.Authorizer{CustomJwtAuthorizer: fullJWT()},
			want:   map[string]any{"customJwtAuthorizer": fullJWTRendered()},
		},
		"DeprecatedJwtAuthorizer": {
			reason: "MDAA's jwtAuthorizer alias becomes the provider's customJwtAuthorizer.",
			target: namespaced,
			auth:   &v1alpha1.Authorizer{JwtAuthorizer: fullJWT()},
			want:   map[string]any{"customJwtAuthorizer": fullJWTRendered()},
		},
		"CustomJwtAuthorizerWins": {
			reason: "With both blocks, customJwtAuthorizer wins, as in MDAA; nothing of jwtAuthorizer is merged in.",
			target: namespaced,
			auth: &v1alpha1.Authorizer{
				CustomJwtAuthorizer: &v1alpha1.JWT{DiscoveryUrl: otherDiscovery, AllowedClients: []string{"winner"}},
				JwtAuthorizer:       fullJWT(),
			},
			want: map[string]any{"customJwtAuthorizer": map[string]any{"discoveryUrl": otherDiscovery, "allowedClients": []any{"winner"}}},
		},
		"PrivateEndpointLattice": {
			reason: "A self-managed VPC Lattice resource is the private endpoint.",
			target: cluster,
			auth: &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{
				DiscoveryUrl:    discovery,
				PrivateEndpoint: &v1alpha1.PrivateEndpoint{SelfManagedLatticeResource: &v1alpha1.LatticeResource{ResourceConfigurationIdentifier: latticeID}},
			}},
			want: map[string]any{"customJwtAuthorizer": map[string]any{
				"discoveryUrl":    discovery,
				"privateEndpoint": map[string]any{"selfManagedLatticeResource": map[string]any{"resourceConfigurationIdentifier": latticeID}},
			}},
		},
		"PrivateEndpointManagedVpcMinimal": {
			reason: "A managed VPC resource leaves out its unset optional fields.",
			target: namespaced,
			auth: &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{
				DiscoveryUrl: discovery,
				PrivateEndpoint: &v1alpha1.PrivateEndpoint{ManagedVpcResource: &v1alpha1.ManagedVpcResource{
					VpcIdentifier: "vpc-0a1b2c3d4e5f60718",
					SubnetIds:     []string{"subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"},
				}},
			}},
			want: map[string]any{"customJwtAuthorizer": map[string]any{
				"discoveryUrl": discovery,
				"privateEndpoint": map[string]any{"managedVpcResource": map[string]any{
					"vpcIdentifier": "vpc-0a1b2c3d4e5f60718",
					"subnetIds":     []any{"subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"},
				}},
			}},
		},
		"PrivateEndpointEmpty": {
			reason: "A private endpoint of neither kind is left out.",
			target: namespaced,
			auth:   &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{DiscoveryUrl: discovery, PrivateEndpoint: &v1alpha1.PrivateEndpoint{}}},
			want:   map[string]any{"customJwtAuthorizer": map[string]any{"discoveryUrl": discovery}},
		},
		"StringClaim": {
			reason: "A STRING claim matches one value with matchValueString.",
			target: cluster,
			auth: &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{
				DiscoveryUrl: discovery,
				CustomClaims: []v1alpha1.CustomClaim{{Name: "tenant", ValueType: "STRING", Operator: "EQUALS", Value: ptr("team-a")}},
			}},
			want: map[string]any{"customJwtAuthorizer": map[string]any{
				"discoveryUrl": discovery,
				"customClaim": []any{map[string]any{
					"inboundTokenClaimName":      "tenant",
					"inboundTokenClaimValueType": "STRING",
					"authorizingClaimMatchValue": map[string]any{"claimMatchOperator": "EQUALS", "claimMatchValue": map[string]any{"matchValueString": "team-a"}},
				}},
			}},
		},
		"StringArrayClaim": {
			reason: "A STRING_ARRAY claim matches a list with matchValueStringList.",
			target: namespaced,
			auth: &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{
				DiscoveryUrl: discovery,
				CustomClaims: []v1alpha1.CustomClaim{{Name: "groups", ValueType: "STRING_ARRAY", Operator: "CONTAINS_ANY", Values: []string{"a", "b"}}},
			}},
			want: map[string]any{"customJwtAuthorizer": map[string]any{
				"discoveryUrl": discovery,
				"customClaim": []any{map[string]any{
					"inboundTokenClaimName":      "groups",
					"inboundTokenClaimValueType": "STRING_ARRAY",
					"authorizingClaimMatchValue": map[string]any{"claimMatchOperator": "CONTAINS_ANY", "claimMatchValue": map[string]any{"matchValueStringList": []any{"a", "b"}}},
				}},
			}},
		},
		"WorkloadsHostingOnly": {
			reason: "Only the workload fields set are rendered.",
			target: namespaced,
			auth: &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{
				DiscoveryUrl:                 discovery,
				AllowedWorkloadConfiguration: &v1alpha1.WorkloadConfiguration{HostingEnvironmentArns: []string{gatewayArn}},
			}},
			want: map[string]any{"customJwtAuthorizer": map[string]any{
				"discoveryUrl":                 discovery,
				"allowedWorkloadConfiguration": map[string]any{"hostingEnvironment": []any{map[string]any{"arn": gatewayArn}}},
			}},
		},
		"WorkloadsIdentitiesOnly": {
			reason: "Only the workload fields set are rendered.",
			target: cluster,
			auth: &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{
				DiscoveryUrl:                 discovery,
				AllowedWorkloadConfiguration: &v1alpha1.WorkloadConfiguration{WorkloadIdentities: []string{"a", "b"}},
			}},
			want: map[string]any{"customJwtAuthorizer": map[string]any{
				"discoveryUrl":                 discovery,
				"allowedWorkloadConfiguration": map[string]any{"workloadIdentities": []any{"a", "b"}},
			}},
		},
		"WorkloadsEmpty": {
			reason: "An empty workload configuration is left out.",
			target: namespaced,
			auth: &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{
				DiscoveryUrl:                 discovery,
				AllowedWorkloadConfiguration: &v1alpha1.WorkloadConfiguration{},
			}},
			want: map[string]any{"customJwtAuthorizer": map[string]any{"discoveryUrl": discovery}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := minimalSpec()
			s.AuthorizerConfiguration = tc.auth
			in := runtimeInput(s)
			in.Cognito = tc.cognito
			got := tc.target.AgentRuntime(in)

			var extra map[string]any
			if tc.want != nil {
				extra = map[string]any{"authorizerConfiguration": tc.want}
			}
			var want map[string]any
			if tc.target.Namespaced {
				want = wantNS("bedrockagentcore.aws.m.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP(tc.target.Region, extra))
			} else {
				want = wantCluster("bedrockagentcore.aws.upbound.io/v1beta1", "AgentRuntime", nil, runtimeFP(tc.target.Region, extra))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s\nAgentRuntime(): -want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}
