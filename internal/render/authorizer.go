package render

import (
	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// CognitoIssuer is what a JWT authorizer with cognito takes from the user
// pool and app client the function created: the pool's discovery URL, and
// the client as the first allowed audience (MDAA's derivation).
type CognitoIssuer struct {
	DiscoveryURL, ClientID string
}

// authorizer is the custom JWT authorizer; customJwtAuthorizer wins over MDAA's
// deprecated jwtAuthorizer, as in MDAA.
func authorizer(a *v1alpha1.Authorizer, cognito *CognitoIssuer) map[string]any {
	if a == nil {
		return nil
	}
	j := a.CustomJwtAuthorizer
	if j == nil {
		j = a.JwtAuthorizer
	}
	if j == nil {
		return nil
	}
	out := map[string]any{"discoveryUrl": j.DiscoveryUrl}
	audience := j.AllowedAudience
	if j.Cognito != nil {
		if cognito == nil {
			return nil // no issuer yet: no authorizer rather than an empty discoveryUrl
		}
		out["discoveryUrl"] = cognito.DiscoveryURL
		audience = append([]string{cognito.ClientID}, audience...)
	}
	set(out, "allowedAudience", audience)
	set(out, "allowedClients", j.AllowedClients)
	set(out, "allowedScopes", j.AllowedScopes)
	set(out, "customClaim", claims(j.CustomClaims))
	set(out, "privateEndpoint", privateEndpoint(j.PrivateEndpoint))
	set(out, "privateEndpointOverrides", overrides(j.PrivateEndpointOverrides))
	set(out, "allowedWorkloadConfiguration", workloads(j.AllowedWorkloadConfiguration))
	return map[string]any{"customJwtAuthorizer": out}
}

func claims(cs []v1alpha1.CustomClaim) []any {
	out := make([]any, 0, len(cs))
	for _, c := range cs {
		// AWS (and Terraform, and CDK): EQUALS and CONTAINS match one value,
		// matchValueString; only CONTAINS_ANY takes a list.
		value := map[string]any{}
		switch {
		case c.Operator == "CONTAINS_ANY":
			set(value, "matchValueStringList", c.Values)
		case c.Operator == "CONTAINS" && len(c.Values) > 0:
			set(value, "matchValueString", c.Values[0])
		default:
			set(value, "matchValueString", c.Value)
		}
		out = append(out, map[string]any{
			"inboundTokenClaimName":      c.Name,
			"inboundTokenClaimValueType": c.ValueType,
			"authorizingClaimMatchValue": map[string]any{
				"claimMatchOperator": c.Operator,
				"claimMatchValue":    value,
			},
		})
	}
	return out
}

func privateEndpoint(p *v1alpha1.PrivateEndpoint) map[string]any {
	if p == nil {
		return nil
	}
	if l := p.SelfManagedLatticeResource; l != nil {
		return map[string]any{"selfManagedLatticeResource": map[string]any{"resourceConfigurationIdentifier": l.ResourceConfigurationIdentifier}}
	}
	m := p.ManagedVpcResource
	if m == nil {
		return nil
	}
	vpc := map[string]any{"vpcIdentifier": m.VpcIdentifier}
	set(vpc, "subnetIds", m.SubnetIds)
	set(vpc, "securityGroupIds", m.SecurityGroupIds)
	set(vpc, "endpointIpAddressType", m.EndpointIpAddressType)
	set(vpc, "routingDomain", m.RoutingDomain)
	return map[string]any{"managedVpcResource": vpc}
}

func overrides(os []v1alpha1.PrivateEndpointOverride) []any {
	out := make([]any, 0, len(os))
	for i := range os {
		out = append(out, map[string]any{"domain": os[i].Domain, "privateEndpoint": privateEndpoint(&os[i].PrivateEndpoint)})
	}
	return out
}

func workloads(w *v1alpha1.WorkloadConfiguration) map[string]any {
	if w == nil {
		return nil
	}
	out := map[string]any{}
	envs := make([]any, 0, len(w.HostingEnvironmentArns))
	for _, arn := range w.HostingEnvironmentArns {
		envs = append(envs, map[string]any{"arn": arn})
	}
	set(out, "hostingEnvironment", envs)
	set(out, "workloadIdentities", w.WorkloadIdentities)
	return out
}
