package render

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	repoName      = "agentcore/team-a-orders"
	ecrKey        = "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-1111-2222-333344445555"
	lifecycleDoc  = `{"rules":[{"action":{"type":"expire"},"description":"Keep the last images the runtime may roll back to","rulePriority":1,"selection":{"countNumber":10,"countType":"imageCountMoreThan","tagStatus":"any"}}]}`
	repoPolicyDoc = `{"Version":"2012-10-17","Statement":[{"Sid":"AgentCoreRuntimePull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/r"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}`
)

func TestECRRepository(t *testing.T) {
	aes := RepositoryInput{Name: repoName, ScanOnPush: true, TagMutability: "IMMUTABLE", Encryption: "AES256"}
	aesFP := func(region string) map[string]any {
		return map[string]any{
			"region":                     region,
			"imageScanningConfiguration": map[string]any{"scanOnPush": true},
			"imageTagMutability":         "IMMUTABLE",
			"encryptionConfiguration":    []any{map[string]any{"encryptionType": "AES256"}},
		}
	}
	kms := RepositoryInput{Name: repoName, ScanOnPush: false, TagMutability: "MUTABLE", Encryption: "KMS", KMSKeyArn: ecrKey, Tags: map[string]string{"team": "a"}}
	kmsFP := func(region string) map[string]any {
		return map[string]any{
			"region":                     region,
			"imageScanningConfiguration": map[string]any{"scanOnPush": false},
			"imageTagMutability":         "MUTABLE",
			"encryptionConfiguration":    []any{map[string]any{"encryptionType": "KMS", "kmsKey": ecrKey}},
			"tags":                       map[string]any{"team": "a"},
		}
	}

	cases := map[string]struct {
		reason string
		target Target
		in     RepositoryInput
		want   map[string]any
	}{
		"NamespacedAES256": {
			reason: "The repository is named through its external name; AES256 has no key; tags are left out when unset.",
			target: namespaced,
			in:     aes,
			want:   wantNS("ecr.aws.m.upbound.io/v1beta1", "Repository", extName(repoName), aesFP("us-east-1")),
		},
		"ClusterAES256": {
			reason: "The cluster-scoped repository uses its storage version v1beta2, whose imageScanningConfiguration is an object.",
			target: cluster,
			in:     aes,
			want:   wantCluster("ecr.aws.upbound.io/v1beta2", "Repository", extName(repoName), aesFP("eu-west-1")),
		},
		"AES256IgnoresKey": {
			reason: "A KMS key is only rendered with KMS encryption.",
			target: namespaced,
			in:     RepositoryInput{Name: repoName, ScanOnPush: true, TagMutability: "IMMUTABLE", Encryption: "AES256", KMSKeyArn: ecrKey},
			want:   wantNS("ecr.aws.m.upbound.io/v1beta1", "Repository", extName(repoName), aesFP("us-east-1")),
		},
		"NamespacedKMS": {
			reason: "KMS encryption with the key, scanOnPush false is rendered (not left out), and tags.",
			target: namespaced,
			in:     kms,
			want:   wantNS("ecr.aws.m.upbound.io/v1beta1", "Repository", extName(repoName), kmsFP("us-east-1")),
		},
		"ClusterKMS": {
			reason: "The KMS repository in the cluster-scoped API.",
			target: cluster,
			in:     kms,
			want:   wantCluster("ecr.aws.upbound.io/v1beta2", "Repository", extName(repoName), kmsFP("eu-west-1")),
		},
		"KMSWithoutKey": {
			reason: "KMS without a key uses the AWS managed key: kmsKey is left out.",
			target: namespaced,
			in:     RepositoryInput{Name: repoName, TagMutability: "IMMUTABLE", Encryption: "KMS"},
			want: wantNS("ecr.aws.m.upbound.io/v1beta1", "Repository", extName(repoName), map[string]any{
				"region":                     "us-east-1",
				"imageScanningConfiguration": map[string]any{"scanOnPush": false},
				"imageTagMutability":         "IMMUTABLE",
				"encryptionConfiguration":    []any{map[string]any{"encryptionType": "KMS"}},
			}),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.target.ECRRepository(tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nECRRepository(): -want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}

func TestECRPolicies(t *testing.T) {
	cases := map[string]struct {
		reason string
		render func(Target) map[string]any
		target Target
		want   map[string]any
	}{
		"LifecyclePolicyNamespaced": {
			reason: "The lifecycle policy names its repository; no external name.",
			render: func(t Target) map[string]any { return t.ECRLifecyclePolicy(repoName, lifecycleDoc) },
			target: namespaced,
			want: wantNS("ecr.aws.m.upbound.io/v1beta1", "LifecyclePolicy", nil, map[string]any{
				"region": "us-east-1", "repository": repoName, "policy": lifecycleDoc,
			}),
		},
		"LifecyclePolicyCluster": {
			reason: "The lifecycle policy in the cluster-scoped API (v1beta1).",
			render: func(t Target) map[string]any { return t.ECRLifecyclePolicy(repoName, lifecycleDoc) },
			target: cluster,
			want: wantCluster("ecr.aws.upbound.io/v1beta1", "LifecyclePolicy", nil, map[string]any{
				"region": "eu-west-1", "repository": repoName, "policy": lifecycleDoc,
			}),
		},
		"RepositoryPolicyNamespaced": {
			reason: "The repository policy names its repository; no external name.",
			render: func(t Target) map[string]any { return t.ECRRepositoryPolicy(repoName, repoPolicyDoc) },
			target: namespaced,
			want: wantNS("ecr.aws.m.upbound.io/v1beta1", "RepositoryPolicy", nil, map[string]any{
				"region": "us-east-1", "repository": repoName, "policy": repoPolicyDoc,
			}),
		},
		"RepositoryPolicyCluster": {
			reason: "The repository policy in the cluster-scoped API (v1beta1).",
			render: func(t Target) map[string]any { return t.ECRRepositoryPolicy(repoName, repoPolicyDoc) },
			target: cluster,
			want: wantCluster("ecr.aws.upbound.io/v1beta1", "RepositoryPolicy", nil, map[string]any{
				"region": "eu-west-1", "repository": repoName, "policy": repoPolicyDoc,
			}),
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := tc.render(tc.target)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\n-want, +got:\n%s", tc.reason, diff)
			}
			checkCRD(t, got)
		})
	}
}
