package compose

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
)

func TestECRDocuments(t *testing.T) {
	cases := map[string]struct {
		got, want string
	}{
		"LifecycleKeepsLastImages": {
			got:  lifecyclePolicy(20),
			want: `{"rules":[{"action":{"type":"expire"},"description":"Keep the last images the runtime may roll back to","rulePriority":1,"selection":{"countNumber":20,"countType":"imageCountMoreThan","tagStatus":"any"}}]}`,
		},
		"PullForRoleAndAccounts": {
			got:  iam.ECRPull("arn:aws:iam::123456789012:role/r", "210987654321").JSON(),
			want: `{"Version":"2012-10-17","Statement":[{"Sid":"AgentCoreRuntimePull","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/r","210987654321"]},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}`,
		},
		"PushCommandCodePath": {
			got:  pushCommand(&v1alpha1.Container{CodePath: ptr("./runtime-src")}, "u:latest"),
			want: "docker buildx build --platform linux/arm64 -t u:latest --push ./runtime-src",
		},
		"PushCommandRepository": {
			got:  pushCommand(&v1alpha1.Container{Platform: ptr("linux/amd64"), Repository: &v1alpha1.Repository{ImageTag: "v2"}}, "u:v2"),
			want: "docker buildx build --platform linux/amd64 -t u:v2 --push .",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.got); diff != "" {
				t.Errorf("-want, +got:\n%s", diff)
			}
		})
	}
}

// TestComposeWarnings: every Warning the composer gives, and none where none is due.
func TestComposeWarnings(t *testing.T) {
	cases := map[string]struct {
		spec func(*v1alpha1.Spec)
		// subnetsMayNotReachS3 leaves the Input's subnetsReachS3 unset.
		subnetsMayNotReachS3 bool
		observed             Observed
		// want are substrings, one per expected Warning, in order.
		want []string
	}{
		"None": {},
		"VPCModeWithoutS3Gateway": {
			subnetsMayNotReachS3: true,
			want:                 []string{"spec.networkConfiguration.subnets: runtimes created in VPC mode since May 2026 get no service-managed S3 gateway: the subnets need a route to S3 in us-east-1"},
		},
		"VPCModeRuntimeExists": {
			// Once the runtime runs, its routes evidently work.
			subnetsMayNotReachS3: true,
			observed:             Observed{"runtime": obs(true, map[string]any{"agentRuntimeArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/orders-a1b2c3d4e5"}, nil)},
		},
		"PublicMode": {
			spec:                 func(s *v1alpha1.Spec) { s.NetworkConfiguration = &v1alpha1.Network{NetworkMode: ptr("PUBLIC")} },
			subnetsMayNotReachS3: true,
		},
		"CodePathMapsToRepository": {
			spec: func(s *v1alpha1.Spec) {
				s.AgentRuntimeArtifact.ContainerConfiguration = &v1alpha1.Container{CodePath: ptr("./src")}
			},
			want: []string{`codePath: a composition cannot build images; "./src" maps to the managed ECR repository agentcore/orders`},
		},
		"CrossAccountImage": {
			spec: func(s *v1alpha1.Spec) {
				s.AgentRuntimeArtifact.ContainerConfiguration.ContainerUri = ptr("210987654321.dkr.ecr.us-east-1.amazonaws.com/shared/base:1")
			},
			want: []string{`the image is in account 210987654321, not 123456789012: the repository shared/base there must allow the execution role to pull; set this repository policy in account 210987654321: {"Version":"2012-10-17","Statement":[{"Sid":"AgentCoreRuntimePull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/orders-agentcore-us-east-1"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}`},
		},
		"TransactionSearch": {
			spec: func(s *v1alpha1.Spec) { s.EnableTransactionSearch = ptr(true) },
			want: []string{"spec.enableTransactionSearch: transaction search is an account-level setting that no runtime owns: the platform applies it once per account and region (README, \"Account-level settings\"): go run ./cmd/agentcore-account --account 123456789012 --region us-east-1"},
		},
		"PoliciesOnRoleElsewhere": {
			spec: func(s *v1alpha1.Spec) { s.RoleArn = ptr("arn:aws:iam::210987654321:role/other") },
			want: []string{"spec.policies: not applied: the role arn:aws:iam::210987654321:role/other is not in this platform's account"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := baseSpec()
			if tc.spec != nil {
				tc.spec(s)
			}
			req := propertyRequest(s, tc.observed, true)
			req.Settings.SubnetsReachS3 = !tc.subnetsMayNotReachS3
			r := Compose(req)
			if len(r.Warnings) != len(tc.want) {
				t.Fatalf("want %d warnings, got %d: %q", len(tc.want), len(r.Warnings), r.Warnings)
			}
			for i, w := range tc.want {
				if !strings.Contains(r.Warnings[i].String(), w) {
					t.Errorf("warning %d:\n%s\ndoes not contain\n%s", i, r.Warnings[i], w)
				}
			}
		})
	}
}

// TestUserIDTokens: a JWT runtime leaves GetWorkloadAccessTokenForUserId out unless
// allowUserIdAccessTokens asks for it.
func TestUserIDTokens(t *testing.T) {
	jwt := &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{DiscoveryUrl: "https://idp.example.com/.well-known/openid-configuration"}}
	cases := map[string]struct {
		spec func(*v1alpha1.Spec)
		want bool
	}{
		"IAMInbound":       {want: true},
		"JWT":              {spec: func(s *v1alpha1.Spec) { s.AuthorizerConfiguration = jwt }, want: false},
		"JWTAskedFor":      {spec: func(s *v1alpha1.Spec) { s.AuthorizerConfiguration = jwt; s.AllowUserIDAccessTokens = ptr(true) }, want: true},
		"JWTExplicitFalse": {spec: func(s *v1alpha1.Spec) { s.AuthorizerConfiguration = jwt; s.AllowUserIDAccessTokens = ptr(false) }, want: false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := baseSpec()
			if tc.spec != nil {
				tc.spec(s)
			}
			r := Compose(propertyRequest(s, nil, true))
			var policy string
			for _, res := range r.Resources {
				if res.Name == "execution-policy" {
					policy = res.Object["spec"].(map[string]any)["forProvider"].(map[string]any)["policy"].(string)
				}
			}
			if got := strings.Contains(policy, "GetWorkloadAccessTokenForUserId"); got != tc.want {
				t.Errorf("GetWorkloadAccessTokenForUserId in the policy: want %v, got %v", tc.want, got)
			}
		})
	}
}

// TestRepositoryEncryption: a repository keeps the encryption it was created
// with when the platform changes the Input's (ECR cannot change it; the
// provider refuses the update forever), with a Warning; a new repository takes
// the Input's.
func TestRepositoryEncryption(t *testing.T) {
	const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	created := func(enc map[string]any) Observed {
		return Observed{"ecr-repository": obs(true, map[string]any{"repositoryUrl": "123456789012.dkr.ecr.us-east-1.amazonaws.com/agentcore/orders"},
			map[string]any{"encryptionConfiguration": []any{enc}})}
	}
	cases := map[string]struct {
		observed    Observed
		inputKMS    bool
		want        map[string]any
		wantWarning string
	}{
		"NewRepositoryTakesTheInput": {
			inputKMS: true,
			want:     map[string]any{"encryptionType": "KMS", "kmsKey": key},
		},
		"InputUnchanged": {
			observed: created(map[string]any{"encryptionType": "AES256"}),
			want:     map[string]any{"encryptionType": "AES256"},
		},
		"InputChangedToKMS": {
			observed:    created(map[string]any{"encryptionType": "AES256"}),
			inputKMS:    true,
			want:        map[string]any{"encryptionType": "AES256"},
			wantWarning: "the repository agentcore/orders keeps its encryption AES256: ECR cannot change a repository's encryption, so the Input's ecr.encryption KMS (" + key + ") applies to new repositories only",
		},
		"KMSKeyLateInitialised": {
			// KMS without a key: AWS picks its managed key and the provider
			// writes it into forProvider. Nothing changed: no Warning.
			observed: created(map[string]any{"encryptionType": "KMS", "kmsKey": "arn:aws:kms:us-east-1:123456789012:key/aws-managed"}),
			want:     map[string]any{"encryptionType": "KMS", "kmsKey": "arn:aws:kms:us-east-1:123456789012:key/aws-managed"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := baseSpec()
			s.AgentRuntimeArtifact.ContainerConfiguration = &v1alpha1.Container{Repository: &v1alpha1.Repository{ImageTag: "v1"}}
			req := propertyRequest(s, tc.observed, true)
			if tc.inputKMS || name == "KMSKeyLateInitialised" {
				req.Settings.ECREncryption = "KMS"
			}
			if tc.inputKMS {
				req.Settings.ECRKMSKeyArn = key
			}
			r := Compose(req)
			var got any
			for _, res := range r.Resources {
				if res.Name == "ecr-repository" {
					enc, _ := Lookup(res.Object, "spec", "forProvider", "encryptionConfiguration").([]any)
					got = enc[0]
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("encryptionConfiguration[0]: -want +got:\n%s", diff)
			}
			var warnings []string
			for _, w := range r.Warnings {
				if strings.Contains(w.Message, "encryption") {
					warnings = append(warnings, w.Message)
				}
			}
			var want []string
			if tc.wantWarning != "" {
				want = []string{tc.wantWarning}
			}
			if diff := cmp.Diff(want, warnings); diff != "" {
				t.Errorf("encryption Warnings: -want +got:\n%s", diff)
			}
		})
	}
}
