package compose

import "github.com/platform-io/function-agentcore-runtime/internal/render"

// ProviderField is a field of status.atProvider that Compose reads: Group is
// the provider-aws API group without its .aws[.m].upbound.io suffix, Path the
// field's path under status.atProvider (a list on the way means its first
// item). Fields are declared once here, and Observed.AtProvider takes nothing
// else, so ProviderFields lists every one: a test checks each against
// provider-aws's Terraform schema, because a field the provider never writes
// leaves what waits for it waiting forever.
type ProviderField struct {
	Group, Kind string
	Path        []string
}

var providerFields []ProviderField

func atProvider(group, kind string, path ...string) ProviderField {
	f := ProviderField{Group: group, Kind: kind, Path: path}
	providerFields = append(providerFields, f)
	return f
}

// ProviderFields are every status.atProvider field Compose reads.
func ProviderFields() []ProviderField { return append([]ProviderField(nil), providerFields...) }

// The fields read. An AgentRuntimeEndpoint reports no id (its Terraform
// resource has none): its ID is its external name, see Observed.ExternalName.
var (
	roleArn             = atProvider("iam", "Role", "arn")
	policyArn           = atProvider("iam", "Policy", "arn")
	repositoryURL       = atProvider("ecr", "Repository", "repositoryUrl")
	runtimeArn          = atProvider("bedrockagentcore", "AgentRuntime", "agentRuntimeArn")
	runtimeID           = atProvider("bedrockagentcore", "AgentRuntime", "agentRuntimeId")
	runtimeVersion      = atProvider("bedrockagentcore", "AgentRuntime", "agentRuntimeVersion")
	workloadIdentityArn = atProvider("bedrockagentcore", "AgentRuntime", "workloadIdentityDetails", "workloadIdentityArn")
	endpointArn         = atProvider("bedrockagentcore", "AgentRuntimeEndpoint", "agentRuntimeEndpointArn")
	endpointVersion     = atProvider("bedrockagentcore", "AgentRuntimeEndpoint", "agentRuntimeVersion")
	securityGroupID     = atProvider("ec2", "SecurityGroup", "id")
	vpcEndpointID       = atProvider("ec2", "VPCEndpoint", "id")
	topicArn            = atProvider("sns", "Topic", "arn")
	alarmArn            = atProvider("cloudwatch", "MetricAlarm", "arn")
	eventRuleArn        = atProvider("cloudwatchevents", "Rule", "arn")
	userPoolID          = atProvider("cognitoidp", "UserPool", "id")
	userPoolEndpoint    = atProvider("cognitoidp", "UserPool", "endpoint")
	userPoolClientID    = atProvider("cognitoidp", "UserPoolClient", "id")
)

// AtProvider is the string at f in the resource's status.atProvider, or "".
func (o Observed) AtProvider(name string, f ProviderField) string {
	v := Lookup(o[name], "status", "atProvider")
	for _, p := range f.Path {
		if l, ok := v.([]any); ok {
			if len(l) == 0 {
				return ""
			}
			v = l[0]
		}
		v = Lookup(v, p)
	}
	s, _ := v.(string)
	return s
}

// ExternalName is the crossplane.io/external-name annotation the provider
// wrote: for an AgentRuntimeEndpoint <runtime id>:<endpoint name>
// (provider-aws config/externalname.go), set once the endpoint exists.
func (o Observed) ExternalName(name string) string {
	return o.String(name, "metadata", "annotations", render.ExternalNameAnnotation)
}
