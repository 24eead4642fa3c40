package validate

import (
	"fmt"
	"slices"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const (
	networkModeVPC    = "VPC"
	networkModePublic = "PUBLIC"
	maxNetworkIDs     = 16
)

var networkModes = []string{networkModeVPC, networkModePublic}

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
	if !slices.Contains(networkModes, networkMode(n)) || !reVpc.MatchString(*n.VpcId) {
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
	if o.Partition == "aws-cn" {
		return "cn.com.amazonaws." + region + ".bedrock-agentcore"
	}
	return "com.amazonaws." + region + ".bedrock-agentcore"
}
