package validate

import (
	"fmt"
	"regexp"
	"slices"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/arn"
)

const (
	networkModeVPC    = "VPC"
	networkModePublic = "PUBLIC"
	maxNetworkIDs     = 16
	// maxEndpointPrincipals bounds allowPrincipals: an endpoint policy holds
	// at most 20,480 characters.
	maxEndpointPrincipals = 50
	vpcIDForEndpointMsg   = "networkConfiguration.vpcId is required when networkConfiguration.vpcEndpoint is configured. The VPC ID identifies the VPC in which the AgentCore interface endpoint is created."
)

var (
	networkModes = []string{networkModeVPC, networkModePublic}
	reRouteTable = regexp.MustCompile(v1alpha1.RouteTableIDPattern)
)

// networkMode is the effective mode: VPC unless PUBLIC is written.
func networkMode(n *v1alpha1.Network) string {
	if n == nil || n.NetworkMode == nil {
		return networkModeVPC
	}
	return *n.NetworkMode
}

// network checks networkConfiguration.
func (c *checker) network(s *v1alpha1.Spec, root *field.Path) {
	p := root.Child("networkConfiguration")
	n := s.NetworkConfiguration
	if n == nil {
		c.add(field.Required(p, "networkConfiguration is required: the runtime is deployed in your VPC (as MDAA enforces, for network isolation); set securityGroups and subnets"))
		return
	}
	mode := networkMode(n)
	mp := p.Child("networkMode")
	switch mode {
	case networkModeVPC:
		c.ids(p.Child("securityGroups"), n.SecurityGroups, 1, maxNetworkIDs, reSecGroup, "security group ID")
		c.ids(p.Child("subnets"), n.Subnets, 1, maxNetworkIDs, reSubnet, "subnet ID")
	case networkModePublic:
		if !c.o.AllowPublicNetwork {
			c.add(field.Forbidden(mp, "networkMode PUBLIC is not allowed on this platform: the runtime must run in a VPC unless the Composition's function Input sets allowPublicNetwork: true"))
		}
		// Formats are still checked; the lists are not used.
		c.ids(p.Child("securityGroups"), n.SecurityGroups, 0, maxNetworkIDs, reSecGroup, "security group ID")
		c.ids(p.Child("subnets"), n.Subnets, 0, maxNetworkIDs, reSubnet, "subnet ID")
		if len(n.SecurityGroups) > 0 || len(n.Subnets) > 0 {
			c.warn(p, "securityGroups and subnets are ignored in networkMode PUBLIC")
		}
	default:
		c.add(field.NotSupported(mp, mode, networkModes))
	}
	if v := n.VpcId; v != nil && !reVpc.MatchString(*v) {
		c.add(field.Invalid(p.Child("vpcId"), *v, fmt.Sprintf("must be a VPC ID matching %s", reVpc)))
	}
}

// enforceVpcOnly checks enforceVpcOnly against the network, and warns about
// the interface endpoint the function cannot see.
func (c *checker) enforceVpcOnly(s *v1alpha1.Spec, root *field.Path) {
	if s.EnforceVpcOnly == nil || !*s.EnforceVpcOnly {
		return
	}
	p := root.Child("enforceVpcOnly")
	n := s.NetworkConfiguration
	if networkMode(n) == networkModePublic {
		c.add(field.Forbidden(p, "enforceVpcOnly needs networkMode VPC: it allows invocations only from networkConfiguration.vpcId"))
	}
	if n == nil || n.VpcId == nil || *n.VpcId == "" {
		c.add(field.Required(root.Child("networkConfiguration", "vpcId"), "networkConfiguration.vpcId is required when enforceVpcOnly is true. The VPC ID is used to restrict invocations to traffic originating from your VPC."))
		return
	}
	if !slices.Contains(networkModes, networkMode(n)) || !reVpc.MatchString(*n.VpcId) || n.VpcEndpoint != nil {
		return
	}
	c.warn(p, "invocations are allowed only from %s: callers must reach AgentCore through an interface VPC endpoint %s in that VPC, which this function cannot check; without it every invocation is denied", *n.VpcId, agentCoreEndpointService(c.o))
}

// agentCoreEndpointService is the AgentCore interface VPC endpoint service name.
func agentCoreEndpointService(o Options) string {
	region := o.Region
	if region == "" {
		region = "<region>"
	}
	return arn.EndpointService(o.Partition, region, "bedrock-agentcore")
}

// vpcEndpoint checks MDAA's networkConfiguration.vpcEndpoint: it needs the
// VPC and the runtime's subnets, and its policy's principals are IAM ones.
func (c *checker) vpcEndpoint(s *v1alpha1.Spec, root *field.Path) {
	n := s.NetworkConfiguration
	if n == nil || n.VpcEndpoint == nil {
		return
	}
	p := root.Child("networkConfiguration")
	ep := p.Child("vpcEndpoint")
	c.endpointPlacement(n, p, ep, vpcIDForEndpointMsg, "vpcEndpoint needs networkMode VPC: the endpoint is placed in networkConfiguration.subnets")
	pp := ep.Child("endpointPolicy", "allowPrincipals")
	var principals []string
	if pol := n.VpcEndpoint.EndpointPolicy; pol != nil {
		principals = pol.AllowPrincipals
		c.principals(pp, principals, maxEndpointPrincipals)
	}
	switch jwt := jwtConfigured(s); {
	case !jwt && len(principals) == 0:
		c.warn(pp, "the endpoint's policy allows any principal (\"*\"): IAM and the runtime's resource policy still decide, but list the accounts or roles that invoke the runtime to narrow what the endpoint carries")
	case jwt && len(principals) > 0:
		c.warn(pp, "OAuth callers of a JWT-authorised runtime have no IAM principal, so this endpoint policy denies them: leave allowPrincipals empty")
	}
}

// serviceEndpoints checks networkConfiguration.serviceEndpoints: the VPC,
// VPC mode, and route table IDs for the S3 gateway.
func (c *checker) serviceEndpoints(s *v1alpha1.Spec, root *field.Path) {
	n := s.NetworkConfiguration
	if n == nil || n.ServiceEndpoints == nil {
		return
	}
	p := root.Child("networkConfiguration")
	sp := p.Child("serviceEndpoints")
	c.endpointPlacement(n, p, sp, "networkConfiguration.vpcId is required when networkConfiguration.serviceEndpoints is configured: the endpoints are created in that VPC",
		"serviceEndpoints needs networkMode VPC: the endpoints are placed in networkConfiguration.subnets")
	c.ids(sp.Child("routeTableIds"), n.ServiceEndpoints.RouteTableIds, 0, maxNetworkIDs, reRouteTable, "route table ID")
	c.warn(sp, "interface endpoints with private DNS are one per service and VPC: only one runtime (or the platform) may bring them to a VPC; a second fails to create")
}

// endpointPlacement checks what the VPC endpoints of the block at bp need:
// the VPC they are created in (vpcIDMsg) and networkMode VPC, since they sit
// in the runtime's subnets (modeMsg).
func (c *checker) endpointPlacement(n *v1alpha1.Network, p, bp *field.Path, vpcIDMsg, modeMsg string) {
	if n.VpcId == nil || *n.VpcId == "" {
		c.add(field.Required(p.Child("vpcId"), vpcIDMsg))
	}
	if networkMode(n) != networkModeVPC {
		c.add(field.Forbidden(bp, modeMsg))
	}
}
