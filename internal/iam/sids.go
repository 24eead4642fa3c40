package iam

// Sids are the Sids of the execution policy's own statements (Execution). The
// user's statements are appended to the same policy, and IAM rejects a policy in
// which two statements share a Sid: validation reserves these.
var Sids = []string{
	"ECRTokenAccess", "ECRRepositoryAccess",
	"LogGroupAccess", "LogGroupDiscovery", "LogStreamWrite",
	"XRayWrite", "MetricsWrite", "GetAgentAccessToken", "BedrockModelInvocation",
}
