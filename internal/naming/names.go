package naming

import (
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
	XRayLogResourcePolicy = "xray-log-resource-policy"

	LogGroupDefault = "log-group-default"
	LogGroupPrefix  = "log-group-"

	SSMRuntimeArn     = "ssm-runtime-arn"
	SSMRuntimeID      = "ssm-runtime-id"
	SSMRuntimeName    = "ssm-runtime-name"
	SSMRoleArn        = "ssm-role-arn"
	SSMRoleName       = "ssm-role-name"
	SSMEndpointPrefix = "ssm-endpoint-"

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

// PolicyAttachment is the resource name of the attachment of a managed policy ARN.
func PolicyAttachment(policyArn string) string {
	return PolicyAttachmentPrefix + ResourceSuffix(arn.Name(policyArn))
}

// Endpoint is the resource name of an endpoint, its name as written in the spec.
func Endpoint(name string) string { return EndpointPrefix + name }
