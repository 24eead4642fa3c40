package naming

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/internal/arn"
)

// Composition resource names: API, read by users, compositions and tests. Changing
// one deletes and recreates the cloud resource behind it. Every one lives here.
const (
	ExecutionRole             = "execution-role"
	ExecutionPolicy           = "execution-policy"
	ExecutionPolicyAttachment = "execution-policy-attachment"
	PolicyAttachmentPrefix    = "policy-attachment-"
	AgentRuntime              = "runtime"
	EndpointPrefix            = "endpoint-"

	ECRRepository       = "ecr-repository"
	ECRLifecyclePolicy  = "ecr-lifecycle-policy"
	ECRRepositoryPolicy = "ecr-repository-policy"

	RuntimeResourcePolicy = "runtime-resource-policy"

	// MDAA's vpcEndpoint: the endpoints' security group, one ingress rule per
	// runtime security group (VpcEndpointIngressPrefix + its ID), and per
	// endpoint (VpcEndpointAgentCore, then the supporting ones) its subnet
	// associations (<endpoint>-<subnet ID>) and security group association.
	VpcEndpointSecurityGroup  = "vpce-security-group"
	VpcEndpointIngressPrefix  = "vpce-ingress-"
	VpcEndpointAgentCore      = "vpce-agentcore"
	SSMVpcEndpointID          = "ssm-vpce-agentcore-id"
	SSMVpcEndpointSecurityGrp = "ssm-vpce-security-group-id"

	LogGroupDefault = "log-group-default"
	LogGroupPrefix  = "log-group-"

	SSMRuntimeArn  = "ssm-runtime-arn"
	SSMRuntimeID   = "ssm-runtime-id"
	SSMRuntimeName = "ssm-runtime-name"
	SSMRoleArn     = "ssm-role-arn"
	SSMRoleName    = "ssm-role-name"
	// SSMReferencePrefix starts the observe-only Parameter of an ssm:
	// reference: SSMReference.
	SSMReferencePrefix = "ssm-ref-"
	SSMEndpointPrefix  = "ssm-endpoint-"

	UsagePrefix = "usage-"

	// ConnectionSecret is a namespaced XR's connection Secret.
	ConnectionSecret = "connection-secret"
)

// ExecutionPolicyPart is the resource name of part k (from 1) of an execution policy
// too large for one IAM managed policy: execution-policy, execution-policy-2, ...
func ExecutionPolicyPart(k int) string {
	if k <= 1 {
		return ExecutionPolicy
	}
	return ExecutionPolicy + "-" + strconv.Itoa(k)
}

// ExecutionPolicyAttachmentPart is the resource name of the attachment of part k:
// execution-policy-attachment, execution-policy-2-attachment, ...
func ExecutionPolicyAttachmentPart(k int) string {
	if k <= 1 {
		return ExecutionPolicyAttachment
	}
	return ExecutionPolicyPart(k) + "-attachment"
}

// IsExecutionPolicyAttachment reports whether name attaches a part of the
// execution policy.
func IsExecutionPolicyAttachment(name string) bool {
	if name == ExecutionPolicyAttachment {
		return true
	}
	k, ok := strings.CutPrefix(name, ExecutionPolicy+"-")
	if !ok {
		return false
	}
	k, ok = strings.CutSuffix(k, "-attachment")
	n, err := strconv.Atoi(k)
	return ok && err == nil && n > 1 && strconv.Itoa(n) == k
}

// PolicyAttachment is the resource name of the attachment of a managed policy
// ARN when no other policy of the spec has its name.
func PolicyAttachment(policyArn string) string {
	return PolicyAttachmentPrefix + ResourceSuffix(arn.Name(policyArn))
}

// PolicyAttachments names the attachment of each managed policy ARN, in order.
// held maps an ARN to the name its attachment already has (observed): that name
// is kept, because renaming an attachment deletes the old one after the new
// one attached the same policy, which detaches it. The others are
// PolicyAttachment's name when it is free; where two ARNs end in one name
// (AWS's ReadOnlyAccess and the account's), the later one's name also holds
// its account: policy-attachment-<name>-<account or aws>.
func PolicyAttachments(arns []string, held map[string]string) []string {
	taken := map[string]bool{}
	for _, a := range arns {
		if n := held[a]; n != "" {
			taken[n] = true
		}
	}
	out := make([]string, len(arns))
	for i, a := range arns {
		switch n := PolicyAttachment(a); {
		case held[a] != "":
			out[i] = held[a]
		case !taken[n]:
			out[i] = n
		default:
			p, _ := arn.Parse(a)
			out[i] = n + "-" + ResourceSuffix(p.Account)
		}
		taken[out[i]] = true
	}
	return out
}

// Endpoint is the resource name of an endpoint, its name as written in the spec.
func Endpoint(name string) string { return EndpointPrefix + name }

// VpcEndpoint is an interface endpoint: its composition resource name and the
// AWS service it reaches.
type VpcEndpoint struct{ Resource, Service string }

// VpcEndpoints are the interface endpoints (resource vpce-<service, '.' as
// '-'>): AgentCore's (MDAA's vpcEndpoint), with supporting the ones MDAA's
// createSupportingEndpoints adds (ecr.api, ecr.dkr, sts, logs), with service
// those a VPC without NAT needs (serviceEndpoints: also bedrock-runtime, ssm,
// xray). Each once, in order.
func VpcEndpoints(agentCore, supporting, service bool) []VpcEndpoint {
	var services []string
	if agentCore {
		services = append(services, "bedrock-agentcore")
	}
	if supporting || service {
		services = append(services, "ecr.api", "ecr.dkr", "sts", "logs")
	}
	if service {
		services = append(services, "bedrock-runtime", "ssm", "xray")
	}
	out := make([]VpcEndpoint, 0, len(services))
	for _, s := range services {
		name := "vpce-" + strings.ReplaceAll(s, ".", "-")
		if s == "bedrock-agentcore" {
			name = VpcEndpointAgentCore
		}
		out = append(out, VpcEndpoint{Resource: name, Service: s})
	}
	return out
}

// allVpcEndpoints are every interface endpoint there may be, for IsVpcEndpoint.
var allVpcEndpoints = VpcEndpoints(true, true, true)

// VpcEndpointS3 is the S3 gateway endpoint of serviceEndpoints.routeTableIds;
// VpcEndpointRouteTable its association with a route table.
const VpcEndpointS3 = "vpce-s3"

// VpcEndpointRouteTable is the association of the S3 gateway with a route table.
func VpcEndpointRouteTable(routeTableID string) string { return VpcEndpointS3 + "-" + routeTableID }

// VpcEndpointSubnet is the association of an endpoint with a subnet.
func VpcEndpointSubnet(endpoint, subnetID string) string { return endpoint + "-" + subnetID }

// VpcEndpointSecurityGroupAssociation is the association of an endpoint with
// the endpoints' security group.
func VpcEndpointSecurityGroupAssociation(endpoint string) string { return endpoint + "-security-group" }

// IsVpcEndpoint reports whether name is one of VpcEndpoints.
func IsVpcEndpoint(name string) bool {
	return slices.ContainsFunc(allVpcEndpoints, func(e VpcEndpoint) bool { return e.Resource == name })
}

// SSMReferenceSecret is the Secret in which the provider publishes the value
// of the parameter a reference of the XR xrName reads.
func SSMReferenceSecret(xrName, parameter string) string {
	return xrName + "-" + SSMReference(parameter)
}

// SSMReference is the resource name of the observe-only Parameter that reads
// an ssm: reference's parameter: a hash, since paths are long and may hold
// characters resource names may not.
func SSMReference(parameter string) string {
	sum := sha256.Sum256([]byte(parameter))
	return SSMReferencePrefix + hex.EncodeToString(sum[:5])
}

// Composition resource names of MDAA's alarms.
const (
	AlarmErrorRate     = "alarm-error-rate"
	AlarmThrottleCount = "alarm-throttle-count"
	AlarmTopic         = "alarm-topic"
	AlarmTopicPolicy   = "alarm-topic-policy"
)

// AlarmSubscription is the email subscription of address to the alarm topic.
func AlarmSubscription(address string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(address)))
	return "alarm-subscription-" + hex.EncodeToString(sum[:5])
}

// EventResources are the composition resource names of one eventBridgeAlerts
// rule, by its key (lower case: validation refuses keys equal but for case).
type EventResources struct {
	Rule, Target, Role, RolePolicy, LambdaTarget, LambdaPermission, SSMArn, SSMName string
}

// EventRule are the composition resource names of the rule key.
func EventRule(key string) EventResources {
	k := strings.ToLower(key)
	return EventResources{
		Rule: "eventbridge-rule-" + k, Target: "eventbridge-target-" + k,
		Role: "eventbridge-role-" + k, RolePolicy: "eventbridge-role-policy-" + k,
		LambdaTarget: "eventbridge-lambda-target-" + k, LambdaPermission: "eventbridge-lambda-permission-" + k,
		SSMArn: "ssm-eventbridge-rule-" + k + "-arn", SSMName: "ssm-eventbridge-rule-" + k + "-name",
	}
}

// Composition resource names of MDAA's cognito.
const (
	CognitoUserPool         = "cognito-user-pool"
	CognitoClient           = "cognito-user-pool-client"
	CognitoDomain           = "cognito-user-pool-domain"
	CognitoIdentityProvider = "cognito-identity-provider"
	SSMCognitoUserPoolID    = "ssm-cognito-user-pool-id"
	SSMCognitoClientID      = "ssm-cognito-client-id"
	SSMCognitoDiscoveryURL  = "ssm-cognito-discovery-url"
	SSMCognitoDomain        = "ssm-cognito-domain"
)
