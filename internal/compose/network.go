package compose

import (
	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/arn"
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
)

// ingressDescription is MDAA's description of the endpoint's ingress rules.
const ingressDescription = "HTTPS from application security group to AgentCore VPC endpoint"

// network renders MDAA's vpcEndpoint and serviceEndpoints: a security group
// admitting HTTPS from the runtime's security groups, AgentCore's interface
// endpoint and the ones a VPC without NAT needs, in the runtime's subnets,
// and the S3 gateway in the given route tables. The rules wait for the
// group's ID, the associations for the endpoint's.
func (p *pass) network() {
	n := p.Spec.NetworkConfiguration
	if n == nil || (n.VpcEndpoint == nil && n.ServiceEndpoints == nil) || n.VpcId == nil {
		return
	}
	vpcID, f := *n.VpcId, &p.out.Facts
	p.add(naming.VpcEndpointSecurityGroup, p.Target.SecurityGroup(render.SecurityGroupInput{
		Name:        naming.VpcEndpointSecurityGroupName(p.Settings.NamePrefix, p.Spec.AgentRuntimeName),
		Description: "AgentCore VPC endpoint of " + f.RuntimeName + ": HTTPS from the runtime's security groups",
		VpcID:       vpcID, Tags: p.tags,
	}))
	sg := p.Observed.AtProvider(naming.VpcEndpointSecurityGroup, securityGroupID)
	f.VpcEndpointSecurityGroupID = sg
	for _, source := range n.SecurityGroups {
		name := naming.VpcEndpointIngressPrefix + source
		if group, ok := p.gate(sg, p.Observed.ForProvider(name, "securityGroupId"), "the ID of %s before %s", naming.VpcEndpointSecurityGroup, name); ok {
			p.add(name, p.Target.HTTPSIngress(group, source, ingressDescription, p.tags))
		}
	}
	agentCore, supporting := n.VpcEndpoint != nil, n.VpcEndpoint != nil && boolOf(n.VpcEndpoint.CreateSupportingEndpoints)
	for _, e := range naming.VpcEndpoints(agentCore, supporting, n.ServiceEndpoints != nil) {
		id := p.interfaceEndpoint(e.Resource, e.Service, vpcID, n)
		if e.Resource == naming.VpcEndpointAgentCore {
			f.VpcEndpointID = id
		}
		assoc := naming.VpcEndpointSecurityGroupAssociation(e.Resource)
		group, groupOK := p.gate(sg, p.Observed.ForProvider(assoc, "securityGroupId"), "the ID of %s before %s", naming.VpcEndpointSecurityGroup, assoc)
		vpce, vpceOK := p.gate(id, p.Observed.ForProvider(assoc, "vpcEndpointId"), "the ID of %s before %s", e.Resource, assoc)
		if groupOK && vpceOK {
			p.add(assoc, p.Target.EndpointSecurityGroup(vpce, group))
		}
	}
	if s := n.ServiceEndpoints; s != nil && len(s.RouteTableIds) > 0 {
		p.s3Gateway(vpcID, s.RouteTableIds)
	}
}

// s3Gateway renders the S3 gateway endpoint and its route tables: since May
// 2026 a VPC-mode runtime gets no service-managed one, and ECR keeps image
// layers in S3.
func (p *pass) s3Gateway(vpcID string, routeTables []string) {
	p.add(naming.VpcEndpointS3, p.Target.GatewayEndpoint(vpcID, arn.EndpointService(p.Settings.Partition, p.Settings.Region, "s3"), p.tags))
	id := p.Observed.AtProvider(naming.VpcEndpointS3, vpcEndpointID)
	for _, rt := range routeTables {
		assoc := naming.VpcEndpointRouteTable(rt)
		if vpce, ok := p.gate(id, p.Observed.ForProvider(assoc, "vpcEndpointId"), "the ID of %s before %s", naming.VpcEndpointS3, assoc); ok {
			p.add(assoc, p.Target.EndpointRouteTable(vpce, rt))
		}
	}
}

// interfaceEndpoint renders one interface endpoint and its subnets; it
// returns the endpoint's observed ID.
func (p *pass) interfaceEndpoint(name, service, vpcID string, n *v1alpha1.Network) string {
	in := render.InterfaceEndpointInput{VpcID: vpcID, ServiceName: arn.EndpointService(p.Settings.Partition, p.Settings.Region, service), Tags: p.tags}
	if name == naming.VpcEndpointAgentCore && n.VpcEndpoint != nil {
		var principals []string
		if pol := n.VpcEndpoint.EndpointPolicy; pol != nil {
			principals = pol.AllowPrincipals
		}
		in.Policy = iam.VpcEndpointInvoke(principals).JSON()
	}
	p.add(name, p.Target.InterfaceEndpoint(in))
	id := p.Observed.AtProvider(name, vpcEndpointID)
	for _, subnet := range n.Subnets {
		assoc := naming.VpcEndpointSubnet(name, subnet)
		if vpce, ok := p.gate(id, p.Observed.ForProvider(assoc, "vpcEndpointId"), "the ID of %s before %s", name, assoc); ok {
			p.add(assoc, p.Target.EndpointSubnet(vpce, subnet))
		}
	}
	return id
}

func boolOf(b *bool) bool { return b != nil && *b }
