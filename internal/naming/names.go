package naming

// Composition resource names: API, read by users, compositions and tests. Changing
// one deletes and recreates the cloud resource behind it.
const (
	ExecutionRole             = "execution-role"
	ExecutionPolicy           = "execution-policy"
	ExecutionPolicyAttachment = "execution-policy-attachment"
	PolicyAttachmentPrefix    = "policy-attachment-"
	AgentRuntime              = "runtime"
	EndpointPrefix            = "endpoint-"
)

// PolicyAttachment is the resource name of the attachment of a managed policy ARN.
func PolicyAttachment(policyArn string) string {
	return PolicyAttachmentPrefix + ResourceSuffix(lastSegment(policyArn))
}

// Endpoint is the resource name of an endpoint, its name as written in the spec.
func Endpoint(name string) string { return EndpointPrefix + name }

func lastSegment(arn string) string {
	for i := len(arn) - 1; i >= 0; i-- {
		if arn[i] == '/' {
			return arn[i+1:]
		}
	}
	return arn
}
