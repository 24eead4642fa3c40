package validate

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const (
	discoverySuffix         = "/.well-known/openid-configuration"
	maxJWTListItems         = 100
	maxCustomClaims         = 20
	maxClaimNameLength      = 255
	maxClaimValues          = 100
	maxPrivateEndpointIDs   = 16
	maxPrivateEndpointSGs   = 5
	maxEndpointOverrides    = 5
	maxWorkloadConfigItems  = 10
	claimString             = "STRING"
	claimStringArray        = "STRING_ARRAY"
	claimEquals             = "EQUALS"
	claimContains           = "CONTAINS"
	claimContainsAny        = "CONTAINS_ANY"
	latticeConfigIDPattern  = `rcfg-[0-9a-z]{17}`
	claimCharsetMsg         = "AgentCore takes 1-255 letters, digits and _ . : / - here (" + v1alpha1.ClaimPattern + ")"
	discoveryURLRequiredMsg = "DiscoveryUrl is required in CustomJwtAuthorizer (or JwtAuthorizer) configuration: the identity provider's OIDC discovery URL, https://<issuer>/.well-known/openid-configuration"
)

var (
	claimValueTypes = []string{claimString, claimStringArray}
	claimOperators  = []string{claimEquals, claimContains, claimContainsAny}
	ipAddressTypes  = []string{"IPV4", "IPV6"}
	reLatticeConfig = regexp.MustCompile(`^(` + latticeConfigIDPattern + `|arn:(aws[a-z-]*):vpc-lattice:[a-z0-9-]+:[0-9]{12}:resourceconfiguration/` + latticeConfigIDPattern + `)$`)
	reClaim         = regexp.MustCompile(v1alpha1.ClaimPattern)
	reDomain        = regexp.MustCompile(`^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$`)
)

// authorizer checks authorizerConfiguration.
func (c *checker) authorizer(a *v1alpha1.Authorizer, p *field.Path) {
	if a == nil {
		return
	}
	if a.CustomJwtAuthorizer != nil {
		c.jwt(a.CustomJwtAuthorizer, p.Child("customJwtAuthorizer"))
	}
	if a.JwtAuthorizer != nil {
		jp := p.Child("jwtAuthorizer")
		if a.CustomJwtAuthorizer != nil {
			c.add(field.Forbidden(jp, "must not be set together with customJwtAuthorizer: jwtAuthorizer is its deprecated alias (MDAA silently ignored it)"))
		} else {
			c.warn(jp, "jwtAuthorizer is deprecated: rename it to customJwtAuthorizer (same fields)")
		}
		c.jwt(a.JwtAuthorizer, jp)
	}
}

// jwtConfigured is true when the spec has a JWT authorizer of either name.
func jwtConfigured(s *v1alpha1.Spec) bool {
	a := s.AuthorizerConfiguration
	return a != nil && (a.CustomJwtAuthorizer != nil || a.JwtAuthorizer != nil)
}

// jwt checks one JWT authorizer.
func (c *checker) jwt(j *v1alpha1.JWT, p *field.Path) {
	if j.Cognito != nil {
		c.cognito(j, p)
	} else {
		c.discoveryURL(j.DiscoveryUrl, p.Child("discoveryUrl"))
	}
	c.freeStrings(p.Child("allowedAudience"), j.AllowedAudience, maxJWTListItems)
	c.freeStrings(p.Child("allowedClients"), j.AllowedClients, maxJWTListItems)
	c.freeStrings(p.Child("allowedScopes"), j.AllowedScopes, maxJWTListItems)
	if j.Cognito == nil && len(j.AllowedAudience) == 0 && len(j.AllowedClients) == 0 && len(j.AllowedScopes) == 0 && len(j.CustomClaims) == 0 {
		c.warn(p, "no allowedAudience, allowedClients, allowedScopes or customClaims: any token signed by the identity provider is accepted")
	}
	c.customClaims(j.CustomClaims, p.Child("customClaims"))
	if j.PrivateEndpoint != nil {
		c.privateEndpoint(j.PrivateEndpoint, p.Child("privateEndpoint"))
	}
	c.privateEndpointOverrides(j.PrivateEndpointOverrides, p.Child("privateEndpointOverrides"))
	if j.AllowedWorkloadConfiguration != nil {
		c.workloadConfiguration(j.AllowedWorkloadConfiguration, p.Child("allowedWorkloadConfiguration"))
	}
}

// discoveryURL checks an OIDC discovery URL: https, ending in /.well-known/openid-configuration.
func (c *checker) discoveryURL(d string, p *field.Path) {
	if d == "" {
		c.add(field.Required(p, discoveryURLRequiredMsg))
		return
	}
	u, err := url.Parse(d)
	switch {
	case err != nil || u.Host == "" || u.User != nil:
		c.add(field.Invalid(p, d, "must be an https URL ending with "+discoverySuffix))
	case u.Scheme != "https":
		c.add(field.Invalid(p, d, "must use https"))
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		c.add(field.Invalid(p, d, "must not have a query or fragment"))
	case !strings.HasSuffix(u.Path, discoverySuffix):
		c.add(field.Invalid(p, d, "DiscoveryUrl must match pattern: ^.+/\\.well-known/openid-configuration$ (it must end with "+discoverySuffix+")"))
	case cognitoHostedUI.MatchString(u.Host):
		// A Cognito hosted-UI (or custom) domain serves the login pages, not
		// the pool's issuer: tokens carry iss https://cognito-idp.<region>.amazonaws.com/<pool id>,
		// and AgentCore compares them with the discovery document's issuer.
		c.warn(p, "%s is a Cognito hosted-UI domain, not the user pool's issuer: use https://cognito-idp.<region>.amazonaws.com/<user pool id>%s", u.Host, discoverySuffix)
	}
}

// cognitoHostedUI matches the hosted-UI domains of Cognito user pools
// (<prefix>.auth.<region>.amazoncognito.com).
var cognitoHostedUI = regexp.MustCompile(`^[a-z0-9-]+\.auth(-fips)?\.[a-z0-9-]+\.amazoncognito\.com$`)

// customClaims checks claim rules: operator/type pairing, value shapes, unique names.
func (c *checker) customClaims(claims []v1alpha1.CustomClaim, p *field.Path) { //nolint:gocyclo // one flat check per claim field, as the API documents them.
	if len(claims) > maxCustomClaims {
		c.add(field.TooMany(p, len(claims), maxCustomClaims))
	}
	names := map[string]bool{}
	for i, cl := range claims {
		ip := p.Index(i)
		np := ip.Child("name")
		switch {
		case cl.Name == "":
			c.add(field.Required(np, "the claim name is required"))
		case len(cl.Name) > maxClaimNameLength:
			c.add(field.TooLong(np, cl.Name, maxClaimNameLength))
		case !reClaim.MatchString(cl.Name):
			c.add(field.Invalid(np, cl.Name, claimCharsetMsg))
		case names[cl.Name]:
			c.add(field.Duplicate(np, cl.Name))
		}
		names[cl.Name] = true

		typeOK := c.enum(ip.Child("valueType"), cl.ValueType, claimValueTypes)
		opOK := c.enum(ip.Child("operator"), cl.Operator, claimOperators)
		if typeOK && opOK {
			want := claimStringArray
			if cl.Operator == claimEquals {
				want = claimString
			}
			if cl.ValueType != want {
				c.add(field.Invalid(ip.Child("valueType"), cl.ValueType, fmt.Sprintf("operator %s needs valueType %s (EQUALS matches a STRING; CONTAINS and CONTAINS_ANY match a STRING_ARRAY)", cl.Operator, want)))
			}
		}
		if !typeOK {
			continue
		}
		vp, vsp := ip.Child("value"), ip.Child("values")
		switch cl.ValueType {
		case claimString:
			switch {
			case cl.Value == nil:
				c.add(field.Required(vp, "valueType STRING needs value"))
			case *cl.Value == "":
				c.add(field.Required(vp, "must not be empty"))
			case !reClaim.MatchString(*cl.Value):
				c.add(field.Invalid(vp, *cl.Value, claimCharsetMsg))
			}
			if cl.Values != nil {
				c.add(field.Forbidden(vsp, "valueType STRING takes value, not values"))
			}
		case claimStringArray:
			if cl.Value != nil {
				c.add(field.Forbidden(vp, "valueType STRING_ARRAY takes values, not value"))
			}
			switch {
			case len(cl.Values) == 0:
				c.add(field.Required(vsp, "valueType STRING_ARRAY needs values"))
			case opOK && cl.Operator == claimContains && len(cl.Values) != 1:
				c.add(field.Invalid(vsp, cl.Values, "operator CONTAINS needs exactly one entry in values (the value the claim's list must contain); use CONTAINS_ANY for several"))
			}
			c.freeStrings(vsp, cl.Values, maxClaimValues)
			for j, v := range cl.Values {
				if v != "" && !reClaim.MatchString(v) {
					c.add(field.Invalid(vsp.Index(j), v, claimCharsetMsg))
				}
			}
		}
	}
}

// enum reports an empty or unknown value; true when v is one of allowed.
func (c *checker) enum(p *field.Path, v string, allowed []string) bool {
	switch {
	case v == "":
		c.add(field.Required(p, "one of "+strings.Join(allowed, ", ")+" is required"))
	case !slices.Contains(allowed, v):
		c.add(field.NotSupported(p, v, allowed))
	default:
		return true
	}
	return false
}

// privateEndpoint checks a private endpoint to the identity provider.
func (c *checker) privateEndpoint(pe *v1alpha1.PrivateEndpoint, p *field.Path) {
	c.oneOf(p, []string{"managedVpcResource", "selfManagedLatticeResource"},
		[]bool{pe.ManagedVpcResource != nil, pe.SelfManagedLatticeResource != nil})
	if m := pe.ManagedVpcResource; m != nil {
		mp := p.Child("managedVpcResource")
		vp := mp.Child("vpcIdentifier")
		switch {
		case m.VpcIdentifier == "":
			c.add(field.Required(vp, "the VPC of the endpoint is required"))
		case !reVpc.MatchString(m.VpcIdentifier):
			c.add(field.Invalid(vp, m.VpcIdentifier, fmt.Sprintf("must be a VPC ID matching %s", reVpc)))
		}
		c.ids(mp.Child("subnetIds"), m.SubnetIds, 1, maxPrivateEndpointIDs, reSubnet, "subnet ID")
		c.ids(mp.Child("securityGroupIds"), m.SecurityGroupIds, 0, maxPrivateEndpointSGs, reSecGroup, "security group ID")
		switch t := m.EndpointIpAddressType; {
		case t == nil:
			c.add(field.Required(mp.Child("endpointIpAddressType"), "the API requires it: IPV4 or IPV6"))
		case !slices.Contains(ipAddressTypes, *t):
			c.add(field.NotSupported(mp.Child("endpointIpAddressType"), *t, ipAddressTypes))
		}
		if d := m.RoutingDomain; d != nil && !reDomain.MatchString(*d) {
			c.add(field.Invalid(mp.Child("routingDomain"), *d, "must be a domain name such as idp.example.com"))
		}
	}
	if l := pe.SelfManagedLatticeResource; l != nil {
		ip := p.Child("selfManagedLatticeResource", "resourceConfigurationIdentifier")
		id := l.ResourceConfigurationIdentifier
		switch {
		case id == "":
			c.add(field.Required(ip, "the VPC Lattice resource configuration ID or ARN is required"))
		case !reLatticeConfig.MatchString(id):
			c.add(field.Invalid(ip, id, "must be a VPC Lattice resource configuration ID (rcfg-<17 characters>) or its ARN arn:<partition>:vpc-lattice:<region>:<account>:resourceconfiguration/rcfg-..."))
		default:
			c.checkPartition(ip, id, partitionOf(id))
		}
	}
}

// privateEndpointOverrides checks per-domain private endpoints.
func (c *checker) privateEndpointOverrides(ovs []v1alpha1.PrivateEndpointOverride, p *field.Path) {
	if len(ovs) > maxEndpointOverrides {
		c.add(field.TooMany(p, len(ovs), maxEndpointOverrides))
	}
	seen := map[string]bool{}
	for i, ov := range ovs {
		ip := p.Index(i)
		dp := ip.Child("domain")
		switch d := strings.ToLower(ov.Domain); {
		case ov.Domain == "":
			c.add(field.Required(dp, "the domain routed through this endpoint is required"))
		case !reDomain.MatchString(ov.Domain):
			c.add(field.Invalid(dp, ov.Domain, "must be a domain name such as idp.example.com (no scheme, port or path)"))
		case seen[d]:
			c.add(field.Duplicate(dp, ov.Domain))
		default:
			seen[d] = true
		}
		c.privateEndpoint(&ov.PrivateEndpoint, ip.Child("privateEndpoint"))
	}
}

// workloadConfiguration checks allowedWorkloadConfiguration.
func (c *checker) workloadConfiguration(w *v1alpha1.WorkloadConfiguration, p *field.Path) {
	hp := p.Child("hostingEnvironmentArns")
	if w.HostingEnvironmentArns != nil && len(w.HostingEnvironmentArns) == 0 {
		c.add(field.Required(hp, "must have 1-10 items when set"))
	}
	c.freeStrings(hp, w.HostingEnvironmentArns, maxWorkloadConfigItems)
	for i, arn := range w.HostingEnvironmentArns {
		c.arn(hp.Index(i), arn, "a hosting environment ARN such as an AgentCore Gateway's")
	}
	ip := p.Child("workloadIdentities")
	if w.WorkloadIdentities != nil && len(w.WorkloadIdentities) == 0 {
		c.add(field.Required(ip, "must have 1-10 items when set"))
	}
	c.freeStrings(ip, w.WorkloadIdentities, maxWorkloadConfigItems)
	for i, id := range w.WorkloadIdentities {
		if strings.HasPrefix(id, "arn:") {
			c.arn(ip.Index(i), id, "a workload identity ARN")
		}
	}
}

// arn reports a non-empty value that is not an ARN of the platform's partition.
func (c *checker) arn(p *field.Path, arn, what string) {
	if arn == "" {
		return
	}
	part := partitionOf(arn)
	if part == "" {
		c.add(field.Invalid(p, arn, fmt.Sprintf("must be %s: arn:<partition>:<service>:<region>:<account>:<resource>", what)))
		return
	}
	c.checkPartition(p, arn, part)
}
