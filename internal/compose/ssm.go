package compose

import (
	"maps"
	"slices"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// SSMPrefix is the parameters' path prefix: the Input's, else /agentcore plus the
// team's namespace, so that two teams' runtimes of one name never share a path.
func SSMPrefix(configured, teamNamespace string) string {
	if configured != "" {
		return configured
	}
	if teamNamespace != "" {
		return "/agentcore/" + teamNamespace
	}
	return "/agentcore"
}

// ssm publishes the runtime's, endpoints' and created role's identifiers at MDAA's
// paths, each once its value is observed. Paths are lower case as MDAA's; the name
// parameter holds the real runtime name (MDAA stores its unsanitised name).
func (p *pass) ssm() {
	f := &p.out.Facts
	base := SSMPrefix(p.Settings.SSMParameterPrefix, p.TeamNamespace)
	runtime := strings.ToLower(p.Spec.AgentRuntimeName)
	p.parameter(naming.SSMRuntimeArn, base+"/agentruntime/"+runtime+"/arn", f.RuntimeArn, "ARN of the AgentCore runtime")
	p.parameter(naming.SSMRuntimeID, base+"/agentruntime/"+runtime+"/id", f.RuntimeID, "ID of the AgentCore runtime")
	name := ""
	if f.RuntimeID != "" {
		name = f.RuntimeName
	}
	p.parameter(naming.SSMRuntimeName, base+"/agentruntime/"+runtime+"/name", name, "Name of the AgentCore runtime")
	for _, e := range f.Endpoints {
		path := base + "/agentruntimeendpoint/" + runtime
		if e.Extra {
			path += "/" + strings.ToLower(e.Name)
		}
		p.parameter(naming.SSMEndpointPrefix+e.Name+"-arn", path+"/arn", e.Arn, "ARN of the AgentCore runtime endpoint "+e.Name)
		p.parameter(naming.SSMEndpointPrefix+e.Name+"-id", path+"/id", e.ID, "ID of the AgentCore runtime endpoint "+e.Name)
	}
	if a := p.Spec.Alarms; a != nil {
		p.alarmParameters(base, a)
		p.eventRuleParameters(base)
	}
	if j := jwtAuthorizer(p.Spec); j != nil && j.Cognito != nil {
		path := base + "/cognito/" + runtime
		p.parameter(naming.SSMCognitoUserPoolID, path+"/user-pool-id", f.CognitoUserPoolID, "ID of the AgentCore runtime's Cognito user pool")
		p.parameter(naming.SSMCognitoClientID, path+"/client-id", f.CognitoClientID, "ID of the AgentCore runtime's Cognito app client")
		p.parameter(naming.SSMCognitoDiscoveryURL, path+"/discovery-url", f.CognitoDiscoveryURL, "OIDC discovery URL of the AgentCore runtime's Cognito user pool")
		if j.Cognito.HostedUi != nil {
			p.parameter(naming.SSMCognitoDomain, path+"/domain", p.Observed.ExternalName(naming.CognitoDomain), "Hosted UI domain prefix of the AgentCore runtime's Cognito user pool")
		}
	}
	if n := p.Spec.NetworkConfiguration; n != nil && n.VpcEndpoint != nil && n.VpcId != nil {
		p.parameter(naming.SSMVpcEndpointID, base+"/vpc-endpoint/agentcore/id", f.VpcEndpointID, "ID of the AgentCore interface VPC endpoint")
		p.parameter(naming.SSMVpcEndpointSecurityGrp, base+"/security-group/agentcore-vpce/id", f.VpcEndpointSecurityGroupID, "ID of the security group of the AgentCore interface VPC endpoint")
	}
	if p.Spec.RoleArn == nil {
		role := base + "/role/bedrock-agentcore-runtime-" + runtime
		roleName := ""
		if f.RoleArn != "" {
			roleName = f.RoleName
		}
		p.parameter(naming.SSMRoleArn, role+"/arn", f.RoleArn, "ARN of the AgentCore runtime's execution role")
		p.parameter(naming.SSMRoleName, role+"/name", roleName, "Name of the AgentCore runtime's execution role")
	}
}

// parameter renders an SSM parameter once its value is known, or again with its
// last value if it exists (sticky rule).
func (p *pass) parameter(resource, path, value, description string) {
	value, ok := p.gate(value, p.Observed.ForProvider(resource, "insecureValue"), "the value of %s", resource)
	if !ok {
		return
	}
	p.add(resource, p.Target.SSMParameter(path, value, description, p.tags))
	p.out.Facts.SSMParameters = append(p.out.Facts.SSMParameters, path)
}

// alarmParameters publish each alarm's ARN and name, and the created topic's,
// at MDAA's paths, once observed.
func (p *pass) alarmParameters(base string, a *v1alpha1.Alarms) {
	for _, al := range []struct {
		resource, name string
		set            bool
	}{
		{naming.AlarmErrorRate, alarmName("error-rate", p.out.Facts.RuntimeName), a.ErrorRateThreshold != nil},
		{naming.AlarmThrottleCount, alarmName("throttle-count", p.out.Facts.RuntimeName), a.ThrottleCountThreshold != nil},
	} {
		if !al.set {
			continue
		}
		name, arn := al.name, p.Observed.AtProvider(al.resource, alarmArn)
		path := base + "/alarm/" + strings.ToLower(name)
		p.parameter("ssm-"+al.resource+"-arn", path+"/arn", arn, "ARN of the AgentCore runtime's "+al.resource)
		p.parameter("ssm-"+al.resource+"-name", path+"/name", nameIf(arn, name), "Name of the AgentCore runtime's "+al.resource)
	}
	if a.CreateNotificationTopic != nil && *a.CreateNotificationTopic {
		topic := base + "/topic/agentcore-alarms-" + strings.ToLower(p.Spec.AgentRuntimeName)
		arn := p.Observed.AtProvider(naming.AlarmTopic, topicArn)
		p.parameter("ssm-alarm-topic-arn", topic+"/arn", arn, "ARN of the AgentCore runtime's alarm topic")
		p.parameter("ssm-alarm-topic-name", topic+"/name", nameIf(arn, p.Observed.ExternalName(naming.AlarmTopic)), "Name of the AgentCore runtime's alarm topic")
	}
}

func nameIf(known, name string) string {
	if known == "" {
		return ""
	}
	return name
}

// eventRuleParameters publish each eventBridgeAlerts rule's ARN and name at
// MDAA's .../eventbridge-rule/<key>-<agentRuntimeName>/ paths.
func (p *pass) eventRuleParameters(base string) {
	e := p.Spec.EventBridgeAlerts
	if e == nil {
		return
	}
	for _, key := range slices.Sorted(maps.Keys(e.Rules)) {
		res := naming.EventRule(key)
		path := base + "/eventbridge-rule/" + strings.ToLower(key+"-"+p.Spec.AgentRuntimeName)
		arn := p.Observed.AtProvider(res.Rule, eventRuleArn)
		p.parameter(res.SSMArn, path+"/arn", arn, "ARN of the AgentCore runtime's EventBridge rule "+key)
		p.parameter(res.SSMName, path+"/name", nameIf(arn, p.Observed.ExternalName(res.Rule)), "Name of the AgentCore runtime's EventBridge rule "+key)
	}
}
