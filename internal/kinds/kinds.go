// Package kinds is the catalogue of the managed-resource kinds the function
// composes: each provider-aws kind declared once, with what the rest of the
// code needs to know of it. Rendering takes its API version from here, the CRD
// check and the e2e their provider groups, the simulated provider its kinds
// (and, through them, the Terraform schema), the Configuration package its
// dependencies (a test compares them), and the invariant tests the fields
// that hold each kind's AWS name. Adding a kind is one entry here plus its
// renderer, its stage, their tests and an example.
package kinds

import (
	"slices"
	"sort"
	"strings"
)

// Kind is one provider-aws kind the function composes.
type Kind struct {
	// Group is the provider-aws API group without .aws.upbound.io (cluster
	// scope) or .aws.m.upbound.io (namespaced).
	Group string
	Kind  string
	// ClusterVersion is the version of the cluster-scoped kind the function
	// renders: its storage version where v1beta1 still has Terraform's
	// list-wrapped blocks. Namespaced kinds are always v1beta1.
	ClusterVersion string
	// NameFields are the fields of spec.forProvider that hold (part of) the
	// AWS resource's identity, beside the crossplane.io/external-name
	// annotation: changing one replaces or orphans the AWS resource.
	NameFields []string
	// NameFromAnnotation is true for kinds whose AWS name is their external
	// name (provider-aws config/externalname.go: NameAsIdentifier or
	// ParameterAsIdentifier): the function sets the annotation, never
	// metadata.name, which Crossplane generates.
	NameFromAnnotation bool
}

// Versions of provider-aws kinds.
const (
	v1beta1 = "v1beta1"
	v1beta2 = "v1beta2"
)

// groupEC2 holds the network kinds of MDAA's vpcEndpoint.
const groupEC2 = "ec2"

// Provider are the provider-aws kinds the function composes. Every one is
// judged Ready by its Ready condition.
var Provider = []Kind{
	{Group: "bedrockagentcore", Kind: "AgentRuntime", ClusterVersion: v1beta1, NameFields: []string{"agentRuntimeName"}},
	{Group: "bedrockagentcore", Kind: "AgentRuntimeEndpoint", ClusterVersion: v1beta1, NameFields: []string{"agentRuntimeId", "name"}},
	{Group: "bedrockagentcore", Kind: "ResourcePolicy", ClusterVersion: v1beta1, NameFields: []string{"resourceArn"}},
	{Group: "cloudwatch", Kind: "MetricAlarm", ClusterVersion: v1beta2, NameFromAnnotation: true},
	// The account-level data protection policy of cmd/agentcore-account.
	{Group: "cloudwatchlogs", Kind: "AccountPolicy", ClusterVersion: v1beta1, NameFromAnnotation: true},
	// MDAA's eventBridgeAlerts.
	{Group: "cloudwatchevents", Kind: "Rule", ClusterVersion: v1beta1, NameFromAnnotation: true},
	{Group: "cloudwatchevents", Kind: "Target", ClusterVersion: v1beta2, NameFields: []string{"rule", "targetId"}},
	{Group: "cognitoidp", Kind: "IdentityProvider", ClusterVersion: v1beta1, NameFields: []string{"providerName", "userPoolId"}},
	{Group: "cognitoidp", Kind: "UserPool", ClusterVersion: v1beta2, NameFields: []string{"name"}},
	{Group: "cognitoidp", Kind: "UserPoolClient", ClusterVersion: v1beta1, NameFields: []string{"name", "userPoolId"}},
	{Group: "cognitoidp", Kind: "UserPoolDomain", ClusterVersion: v1beta1, NameFields: []string{"domain"}},
	{Group: "cloudwatchlogs", Kind: "Group", ClusterVersion: v1beta1, NameFromAnnotation: true},
	{Group: "cloudwatchlogs", Kind: "ResourcePolicy", ClusterVersion: v1beta1, NameFromAnnotation: true},
	{Group: groupEC2, Kind: "SecurityGroup", ClusterVersion: v1beta1, NameFields: []string{"name", "vpcId"}},
	{Group: groupEC2, Kind: "SecurityGroupIngressRule", ClusterVersion: v1beta1, NameFields: []string{"securityGroupId"}},
	{Group: groupEC2, Kind: "VPCEndpoint", ClusterVersion: v1beta2, NameFields: []string{"vpcId", "serviceName", "vpcEndpointType"}},
	{Group: groupEC2, Kind: "VPCEndpointRouteTableAssociation", ClusterVersion: v1beta1, NameFields: []string{"vpcEndpointId", "routeTableId"}},
	{Group: groupEC2, Kind: "VPCEndpointSecurityGroupAssociation", ClusterVersion: v1beta1, NameFields: []string{"vpcEndpointId", "securityGroupId"}},
	{Group: groupEC2, Kind: "VPCEndpointSubnetAssociation", ClusterVersion: v1beta1, NameFields: []string{"vpcEndpointId", "subnetId"}},
	{Group: "ecr", Kind: "LifecyclePolicy", ClusterVersion: v1beta1, NameFields: []string{"repository"}},
	{Group: "ecr", Kind: "Repository", ClusterVersion: v1beta2, NameFromAnnotation: true},
	{Group: "ecr", Kind: "RepositoryPolicy", ClusterVersion: v1beta1, NameFields: []string{"repository"}},
	{Group: "iam", Kind: "Policy", ClusterVersion: v1beta1, NameFromAnnotation: true},
	{Group: "iam", Kind: "Role", ClusterVersion: v1beta1, NameFromAnnotation: true},
	{Group: "iam", Kind: "RolePolicy", ClusterVersion: v1beta1, NameFields: []string{"role"}, NameFromAnnotation: true},
	{Group: "iam", Kind: "RolePolicyAttachment", ClusterVersion: v1beta1, NameFields: []string{"role", "policyArn"}},
	{Group: "lambda", Kind: "Permission", ClusterVersion: v1beta1, NameFields: []string{"functionName", "statementId"}},
	{Group: "sns", Kind: "Topic", ClusterVersion: v1beta1, NameFromAnnotation: true},
	{Group: "sns", Kind: "TopicPolicy", ClusterVersion: v1beta1, NameFields: []string{"arn"}},
	{Group: "sns", Kind: "TopicSubscription", ClusterVersion: v1beta1, NameFields: []string{"topicArn", "protocol", "endpoint"}},
	{Group: "ssm", Kind: "Parameter", ClusterVersion: v1beta1, NameFromAnnotation: true},
}

// Lookup is the catalogue entry of group and kind.
func Lookup(group, kind string) (Kind, bool) {
	i := slices.IndexFunc(Provider, func(k Kind) bool { return k.Group == group && k.Kind == kind })
	if i < 0 {
		return Kind{}, false
	}
	return Provider[i], true
}

// CRDFiles are the file names of the kind's two CRDs in provider-aws's
// package/crds: <group>.aws.upbound.io_<plural>.yaml (cluster scope) and
// <group>.aws.m.upbound.io_<plural>.yaml (namespaced).
func (k Kind) CRDFiles() []string {
	plural := strings.ToLower(k.Kind)
	if p, ok := strings.CutSuffix(plural, "y"); ok {
		plural = p + "ies"
	} else {
		plural += "s"
	}
	return []string{k.Group + ".aws.upbound.io_" + plural + ".yaml", k.Group + ".aws.m.upbound.io_" + plural + ".yaml"}
}

// IsCRDFile reports whether filename is a CRD file of a catalogue kind:
// loading only those keeps loading fast (a group such as ec2 has about a
// hundred kinds the function never composes).
func IsCRDFile(filename string) bool {
	for _, k := range Provider {
		if slices.Contains(k.CRDFiles(), filename) {
			return true
		}
	}
	return false
}

// Groups are the provider-aws API groups of the catalogue, sorted: one
// provider-aws family package each (provider-aws-<group>).
func Groups() []string {
	var out []string
	for _, k := range Provider {
		if !slices.Contains(out, k.Group) {
			out = append(out, k.Group)
		}
	}
	sort.Strings(out)
	return out
}

// Package is the provider-aws family package that serves group.
func Package(group string) string { return "xpkg.upbound.io/upbound/provider-aws-" + group }

// NamePaths are the paths, in any composed object, of the fields that hold an
// AWS name: the external-name annotation and every kind's NameFields.
func NamePaths() [][]string {
	var seen []string
	for _, k := range Provider {
		for _, f := range k.NameFields {
			if !slices.Contains(seen, f) {
				seen = append(seen, f)
			}
		}
	}
	sort.Strings(seen)
	out := make([][]string, 0, 1+len(seen))
	out = append(out, []string{"metadata", "annotations", "crossplane.io/external-name"})
	for _, f := range seen {
		out = append(out, []string{"spec", "forProvider", f})
	}
	return out
}
