package render

// SecurityGroupInput is a security group of the runtime's VPC.
type SecurityGroupInput struct {
	Name, Description, VpcID string
	Tags                     map[string]string
}

// SecurityGroup is an ec2 SecurityGroup. Its rules are separate resources:
// provider-aws moves the inline ones to status, and Terraform removes the
// default allow-all egress rule when it creates a group, so it has none.
func (t Target) SecurityGroup(in SecurityGroupInput) map[string]any {
	fp := map[string]any{fieldRegion: t.Region, fieldName: in.Name, "description": in.Description, "vpcId": in.VpcID}
	set(fp, "tags", in.Tags)
	return t.managed("ec2", "SecurityGroup", fp, "")
}

// HTTPSIngress is an ec2 SecurityGroupIngressRule admitting HTTPS (tcp 443)
// into securityGroupID from the security group sourceID.
func (t Target) HTTPSIngress(securityGroupID, sourceID, description string, tags map[string]string) map[string]any {
	fp := map[string]any{
		fieldRegion: t.Region, "securityGroupId": securityGroupID, "referencedSecurityGroupId": sourceID,
		"ipProtocol": "tcp", "fromPort": int64(443), "toPort": int64(443), "description": description,
	}
	set(fp, "tags", tags)
	return t.managed("ec2", "SecurityGroupIngressRule", fp, "")
}

// InterfaceEndpointInput is an interface VPC endpoint.
type InterfaceEndpointInput struct {
	VpcID, ServiceName string
	// Policy is the endpoint policy; empty leaves AWS's full-access default.
	Policy string
	Tags   map[string]string
}

// InterfaceEndpoint is an ec2 VPCEndpoint of type Interface with private DNS.
// Its subnets and security groups are association resources: provider-aws
// v2.7.0 reports subnetIds and securityGroupIds in status only.
func (t Target) InterfaceEndpoint(in InterfaceEndpointInput) map[string]any {
	fp := map[string]any{
		fieldRegion: t.Region, "vpcId": in.VpcID, "serviceName": in.ServiceName,
		"vpcEndpointType": "Interface", "privateDnsEnabled": true,
	}
	set(fp, "policy", in.Policy)
	set(fp, "tags", in.Tags)
	return t.managed("ec2", "VPCEndpoint", fp, "")
}

// EndpointSubnet places the endpoint vpcEndpointID in subnetID.
func (t Target) EndpointSubnet(vpcEndpointID, subnetID string) map[string]any {
	return t.managed("ec2", "VPCEndpointSubnetAssociation", map[string]any{fieldRegion: t.Region, "vpcEndpointId": vpcEndpointID, "subnetId": subnetID}, "")
}

// EndpointSecurityGroup gives the endpoint vpcEndpointID the security group
// securityGroupID in place of the VPC's default group.
func (t Target) EndpointSecurityGroup(vpcEndpointID, securityGroupID string) map[string]any {
	return t.managed("ec2", "VPCEndpointSecurityGroupAssociation", map[string]any{
		fieldRegion: t.Region, "vpcEndpointId": vpcEndpointID, "securityGroupId": securityGroupID, "replaceDefaultAssociation": true,
	}, "")
}

// GatewayEndpoint is an ec2 VPCEndpoint of type Gateway (S3, DynamoDB): its
// route tables are association resources.
func (t Target) GatewayEndpoint(vpcID, serviceName string, tags map[string]string) map[string]any {
	fp := map[string]any{fieldRegion: t.Region, "vpcId": vpcID, "serviceName": serviceName, "vpcEndpointType": "Gateway"}
	set(fp, "tags", tags)
	return t.managed("ec2", "VPCEndpoint", fp, "")
}

// EndpointRouteTable adds the gateway endpoint vpcEndpointID to routeTableID.
func (t Target) EndpointRouteTable(vpcEndpointID, routeTableID string) map[string]any {
	return t.managed("ec2", "VPCEndpointRouteTableAssociation", map[string]any{fieldRegion: t.Region, "vpcEndpointId": vpcEndpointID, "routeTableId": routeTableID}, "")
}
