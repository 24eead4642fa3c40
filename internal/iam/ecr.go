package iam

// ECRPull is the repository policy that lets principals (IAM ARNs or account
// IDs) pull the repository's images: the managed repository's policy, and
// the one a repository in another account needs for the execution role.
func ECRPull(principals ...string) Document {
	return Document{Version: Version, Statement: []Statement{{
		Sid:       "AgentCoreRuntimePull",
		Effect:    Allow,
		Principal: map[string]any{"AWS": Values(principals)},
		Action:    Values{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"},
	}}}
}
