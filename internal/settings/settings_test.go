package settings

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
)

func ptr[T any](v T) *T { return &v }

const (
	boundaryArn = "arn:aws:iam::123456789012:policy/boundary"
	logsKeyArn  = "arn:aws:kms:us-east-1:123456789012:key/logs"
	ecrKeyArn   = "arn:aws:kms:us-east-1:123456789012:key/ecr"
)

// defaults are the settings of an Input that sets only the region.
func defaults(region string) Settings {
	return Settings{
		Region:                region,
		Partition:             "aws",
		ProviderConfigKind:    "ClusterProviderConfig",
		ProviderConfigName:    "default",
		ECRScanOnPush:         true,
		ECRImageTagMutability: "IMMUTABLE",
		ECREncryption:         "AES256",
		ECRKeepLastImages:     10,
	}
}

// fullEnv sets every key of the Input in the environment, with values that differ
// from fullInput's.
func fullEnv() map[string]any {
	return map[string]any{
		"region":                 "eu-west-1",
		"accountId":              "210987654321",
		"partition":              "aws-cn",
		"providerConfigRef":      map[string]any{"kind": "ProviderConfig", "name": "env-aws"},
		"namePrefix":             "env-{{namespace}}-",
		"tags":                   map[string]any{"cost-center": "env", "owner": "env"},
		"ssmParameterPrefix":     "/env/agentcore/",
		"allowPublicNetwork":     true,
		"logs":                   map[string]any{"retentionInDays": 90, "kmsKeyArn": "arn:aws-cn:kms:cn-north-1:210987654321:key/env"},
		"ecr":                    map[string]any{"scanOnPush": false, "imageTagMutability": "MUTABLE", "encryption": "KMS", "kmsKeyArn": "arn:aws-cn:kms:cn-north-1:210987654321:key/env-ecr", "keepLastImages": 5},
		"permissionsBoundaryArn": "arn:aws-cn:iam::210987654321:policy/env-boundary",
		// Keys of other functions sharing the environment are ignored.
		"someOtherFunction": map[string]any{"enabled": true},
	}
}

// fromEnv is fullEnv resolved for namespace team-a.
func fromEnv() Settings {
	return Settings{
		Region:                 "eu-west-1",
		AccountID:              "210987654321",
		Partition:              "aws-cn",
		ProviderConfigKind:     "ProviderConfig",
		ProviderConfigName:     "env-aws",
		NamePrefix:             "env-team-a-",
		Tags:                   map[string]string{"cost-center": "env", "owner": "env"},
		SSMParameterPrefix:     "/env/agentcore",
		AllowPublicNetwork:     true,
		LogRetentionInDays:     ptr(int32(90)),
		LogKMSKeyArn:           "arn:aws-cn:kms:cn-north-1:210987654321:key/env",
		ECRScanOnPush:          false,
		ECRImageTagMutability:  "MUTABLE",
		ECREncryption:          "KMS",
		ECRKMSKeyArn:           "arn:aws-cn:kms:cn-north-1:210987654321:key/env-ecr",
		ECRKeepLastImages:      5,
		PermissionsBoundaryArn: "arn:aws-cn:iam::210987654321:policy/env-boundary",
	}
}

func TestResolve(t *testing.T) {
	cases := map[string]struct {
		reason    string
		in        *v1beta1.Input
		env       map[string]any
		namespace string
		want      Settings
		wantErrs  []string // "<type> <field>"
	}{
		"Defaults": {
			reason: "An Input with only a region gets partition aws, ClusterProviderConfig/default and the ECR defaults.",
			in:     &v1beta1.Input{Region: "us-east-1"},
			want:   defaults("us-east-1"),
		},
		"NilInputRegionFromEnvironment": {
			reason: "Without an Input, everything comes from the environment.",
			env:    map[string]any{"region": "ap-southeast-2"},
			want:   defaults("ap-southeast-2"),
		},
		"EnvironmentFillsEveryUnsetField": {
			reason:    "Each field the Input leaves out comes from the environment, {{namespace}} included, trailing '/' trimmed.",
			in:        &v1beta1.Input{},
			env:       fullEnv(),
			namespace: "team-a",
			want:      fromEnv(),
		},
		"ForeignEnvironmentKeyOfAnotherShape": {
			reason: "Another function's key of another shape is skipped; the rest of the environment still counts.",
			in:     &v1beta1.Input{},
			env:    map[string]any{"region": "ap-southeast-2", "tags": []any{"not", "a", "map"}},
			want:   defaults("ap-southeast-2"),
		},
		"RegionInputWins":    {reason: "The Input's region wins.", in: &v1beta1.Input{Region: "us-west-2"}, env: map[string]any{"region": "eu-west-1"}, want: defaults("us-west-2")},
		"AccountIDInputWins": {reason: "The Input's accountId wins.", in: &v1beta1.Input{Region: "us-east-1", AccountID: "123456789012"}, env: map[string]any{"accountId": "210987654321"}, want: with(defaults("us-east-1"), func(s *Settings) { s.AccountID = "123456789012" })},
		"PartitionInputWins": {reason: "The Input's partition wins.", in: &v1beta1.Input{Region: "us-gov-west-1", Partition: "aws-us-gov"}, env: map[string]any{"partition": "aws-cn"}, want: with(defaults("us-gov-west-1"), func(s *Settings) { s.Partition = "aws-us-gov" })},
		"ProviderConfigRefInputWins": {
			reason: "The Input's providerConfigRef wins as a whole; a missing kind is defaulted, not taken from the environment.",
			in:     &v1beta1.Input{Region: "us-east-1", ProviderConfigRef: &v1beta1.ProviderConfigRef{Name: "input-aws"}},
			env:    map[string]any{"providerConfigRef": map[string]any{"kind": "ProviderConfig", "name": "env-aws"}},
			want:   with(defaults("us-east-1"), func(s *Settings) { s.ProviderConfigName = "input-aws" }),
		},
		"ProviderConfigKindOnly": {
			reason: "A providerConfigRef with only a kind keeps the default name.",
			in:     &v1beta1.Input{Region: "us-east-1", ProviderConfigRef: &v1beta1.ProviderConfigRef{Kind: "ProviderConfig"}},
			want:   with(defaults("us-east-1"), func(s *Settings) { s.ProviderConfigKind = "ProviderConfig" }),
		},
		"NamePrefixInputWins": {
			reason:    "The Input's namePrefix wins; {{namespace}} is the team's namespace.",
			in:        &v1beta1.Input{Region: "us-east-1", NamePrefix: "{{namespace}}-"},
			env:       map[string]any{"namePrefix": "env-"},
			namespace: "team-a",
			want:      with(defaults("us-east-1"), func(s *Settings) { s.NamePrefix = "team-a-" }),
		},
		"NamePrefixEveryNamespacePlaceholder": {
			reason:    "Every {{namespace}} is replaced.",
			in:        &v1beta1.Input{Region: "us-east-1", NamePrefix: "{{namespace}}-x-{{namespace}}-"},
			namespace: "ns",
			want:      with(defaults("us-east-1"), func(s *Settings) { s.NamePrefix = "ns-x-ns-" }),
		},
		"SSMParameterPrefixInputWins": {
			reason: "The Input's ssmParameterPrefix wins; a trailing '/' is trimmed.",
			in:     &v1beta1.Input{Region: "us-east-1", SSMParameterPrefix: "/test-org/test-domain/test-bedrock-agentcore-runtime-main/"},
			env:    map[string]any{"ssmParameterPrefix": "/env"},
			want: with(defaults("us-east-1"), func(s *Settings) {
				s.SSMParameterPrefix = "/test-org/test-domain/test-bedrock-agentcore-runtime-main"
			}),
		},
		"AllowPublicNetworkInputFalseWins": {
			reason: "An explicit false in the Input wins over true in the environment.",
			in:     &v1beta1.Input{Region: "us-east-1", AllowPublicNetwork: ptr(false)},
			env:    map[string]any{"allowPublicNetwork": true},
			want:   defaults("us-east-1"),
		},
		"AllowPublicNetworkFromEnvironment": {
			reason: "An unset allowPublicNetwork comes from the environment.",
			in:     &v1beta1.Input{Region: "us-east-1"},
			env:    map[string]any{"allowPublicNetwork": true},
			want:   with(defaults("us-east-1"), func(s *Settings) { s.AllowPublicNetwork = true }),
		},
		"LogsInputWins": {
			reason: "The Input's logs block wins as a whole: no retention from the environment when the Input sets only a key.",
			in:     &v1beta1.Input{Region: "us-east-1", Logs: &v1beta1.Logs{KMSKeyArn: logsKeyArn}},
			env:    map[string]any{"logs": map[string]any{"retentionInDays": 90}},
			want:   with(defaults("us-east-1"), func(s *Settings) { s.LogKMSKeyArn = logsKeyArn }),
		},
		"ECRInputWins": {
			reason: "The Input's ecr block wins as a whole; its unset fields get the defaults.",
			in:     &v1beta1.Input{Region: "us-east-1", ECR: &v1beta1.ECR{ScanOnPush: ptr(false), KeepLastImages: ptr(int32(1000))}},
			env:    map[string]any{"ecr": map[string]any{"imageTagMutability": "MUTABLE", "encryption": "KMS"}},
			want: with(defaults("us-east-1"), func(s *Settings) {
				s.ECRScanOnPush = false
				s.ECRKeepLastImages = 1000
			}),
		},
		"ECRKMS": {
			reason: "KMS encryption with a key.",
			in:     &v1beta1.Input{Region: "us-east-1", ECR: &v1beta1.ECR{Encryption: "KMS", KMSKeyArn: ecrKeyArn, ImageTagMutability: "MUTABLE"}},
			want: with(defaults("us-east-1"), func(s *Settings) {
				s.ECREncryption = "KMS"
				s.ECRKMSKeyArn = ecrKeyArn
				s.ECRImageTagMutability = "MUTABLE"
			}),
		},
		"PermissionsBoundaryInputWins": {
			reason: "The Input's permissionsBoundaryArn wins.",
			in:     &v1beta1.Input{Region: "us-east-1", PermissionsBoundaryArn: boundaryArn},
			env:    map[string]any{"permissionsBoundaryArn": "arn:aws:iam::123456789012:policy/env"},
			want:   with(defaults("us-east-1"), func(s *Settings) { s.PermissionsBoundaryArn = boundaryArn }),
		},
		"EveryFieldInputWins": {
			reason:    "With every field set in both, the Input wins everywhere; tags merge with the Input's winning.",
			in:        fullInput(),
			env:       fullEnv(),
			namespace: "team-a",
			want: Settings{
				Region:                 "us-east-1",
				AccountID:              "123456789012",
				Partition:              "aws",
				ProviderConfigKind:     "ClusterProviderConfig",
				ProviderConfigName:     "input-aws",
				NamePrefix:             "team-a-",
				Tags:                   map[string]string{"cost-center": "env", "owner": "input", "team": "input"},
				SSMParameterPrefix:     "/platform/agentcore",
				AllowPublicNetwork:     false,
				LogRetentionInDays:     ptr(int32(30)),
				LogKMSKeyArn:           logsKeyArn,
				ECRScanOnPush:          true,
				ECRImageTagMutability:  "IMMUTABLE",
				ECREncryption:          "KMS",
				ECRKMSKeyArn:           ecrKeyArn,
				ECRKeepLastImages:      20,
				PermissionsBoundaryArn: boundaryArn,
			},
		},
		"TagsMergedInputWins": {
			reason: "Tags from both are merged; the Input's value wins for a shared key.",
			in:     &v1beta1.Input{Region: "us-east-1", Tags: map[string]string{"owner": "input", "team": "a"}},
			env:    map[string]any{"tags": map[string]any{"owner": "env", "cost-center": "42"}},
			want: with(defaults("us-east-1"), func(s *Settings) {
				s.Tags = map[string]string{"owner": "input", "team": "a", "cost-center": "42"}
			}),
		},
		"TagsOnlyInEnvironment": {
			reason: "The environment's tags apply when the Input has none.",
			in:     &v1beta1.Input{Region: "us-east-1"},
			env:    map[string]any{"tags": map[string]any{"cost-center": "42"}},
			want:   with(defaults("us-east-1"), func(s *Settings) { s.Tags = map[string]string{"cost-center": "42"} }),
		},
		"TagsOnlyInInput": {
			reason: "The Input's tags apply when the environment has none.",
			in:     &v1beta1.Input{Region: "us-east-1", Tags: map[string]string{"team": "a"}},
			env:    map[string]any{"region": "eu-west-1"},
			want:   with(defaults("us-east-1"), func(s *Settings) { s.Tags = map[string]string{"team": "a"} }),
		},
		"MissingRegion": {
			reason:   "The region is required, from the Input or the environment.",
			in:       &v1beta1.Input{AccountID: "123456789012"},
			env:      map[string]any{"accountId": "210987654321"},
			want:     with(defaults(""), func(s *Settings) { s.AccountID = "123456789012" }),
			wantErrs: []string{"FieldValueRequired input.region"},
		},
		"MissingRegionNothingAtAll": {
			reason:   "No Input and no environment: only the region is missing, everything else has a default.",
			want:     defaults(""),
			wantErrs: []string{"FieldValueRequired input.region"},
		},
		"BadRegion": {
			reason:   "A region must look like an AWS region.",
			in:       &v1beta1.Input{Region: "us-east"},
			want:     defaults("us-east"),
			wantErrs: []string{"FieldValueInvalid input.region"},
		},
		"BadRegionFromEnvironment": {
			reason:   "The environment's values are validated as the Input's.",
			env:      map[string]any{"region": "US-EAST-1"},
			want:     defaults("US-EAST-1"),
			wantErrs: []string{"FieldValueInvalid input.region"},
		},
		"BadAccountID": {
			reason:   "An account ID is 12 digits.",
			in:       &v1beta1.Input{Region: "us-east-1", AccountID: "12345678901"},
			want:     with(defaults("us-east-1"), func(s *Settings) { s.AccountID = "12345678901" }),
			wantErrs: []string{"FieldValueInvalid input.accountId"},
		},
		"BadPartition": {
			reason:   "A partition starts with aws.",
			in:       &v1beta1.Input{Region: "us-east-1", Partition: "gcp"},
			want:     with(defaults("us-east-1"), func(s *Settings) { s.Partition = "gcp" }),
			wantErrs: []string{"FieldValueNotSupported input.partition"},
		},
		"BadProviderConfigKind": {
			reason:   "A provider config is a ProviderConfig or a ClusterProviderConfig.",
			in:       &v1beta1.Input{Region: "us-east-1", ProviderConfigRef: &v1beta1.ProviderConfigRef{Kind: "StoreConfig"}},
			want:     with(defaults("us-east-1"), func(s *Settings) { s.ProviderConfigKind = "StoreConfig" }),
			wantErrs: []string{"FieldValueNotSupported input.providerConfigRef.kind"},
		},
		"BadSSMParameterPrefixRelative": {
			reason:   "An SSM prefix is an absolute path.",
			in:       &v1beta1.Input{Region: "us-east-1", SSMParameterPrefix: "org/domain"},
			want:     with(defaults("us-east-1"), func(s *Settings) { s.SSMParameterPrefix = "org/domain" }),
			wantErrs: []string{"FieldValueInvalid input.ssmParameterPrefix"},
		},
		"BadSSMParameterPrefixEmptySegment": {
			reason:   "An SSM prefix has no empty segment.",
			in:       &v1beta1.Input{Region: "us-east-1", SSMParameterPrefix: "/org//domain"},
			want:     with(defaults("us-east-1"), func(s *Settings) { s.SSMParameterPrefix = "/org//domain" }),
			wantErrs: []string{"FieldValueInvalid input.ssmParameterPrefix"},
		},
		"BadSSMParameterPrefixCharacter": {
			reason:   "An SSM prefix has only SSM path characters.",
			in:       &v1beta1.Input{Region: "us-east-1", SSMParameterPrefix: "/org/my domain"},
			want:     with(defaults("us-east-1"), func(s *Settings) { s.SSMParameterPrefix = "/org/my domain" }),
			wantErrs: []string{"FieldValueInvalid input.ssmParameterPrefix"},
		},
		"BadRetention": {
			reason:   "The retention must be a CloudWatch Logs value.",
			in:       &v1beta1.Input{Region: "us-east-1", Logs: &v1beta1.Logs{RetentionInDays: ptr(int32(2))}},
			want:     with(defaults("us-east-1"), func(s *Settings) { s.LogRetentionInDays = ptr(int32(2)) }),
			wantErrs: []string{"FieldValueInvalid input.logs.retentionInDays"},
		},
		"BadARNs": {
			reason: "Every ARN setting must be an ARN; errors are sorted by field.",
			in: &v1beta1.Input{
				Region:                 "us-east-1",
				Logs:                   &v1beta1.Logs{KMSKeyArn: "alias/logs"},
				ECR:                    &v1beta1.ECR{Encryption: "KMS", KMSKeyArn: "0a1b2c3d-key-id"},
				PermissionsBoundaryArn: "boundary",
			},
			want: with(defaults("us-east-1"), func(s *Settings) {
				s.LogKMSKeyArn = "alias/logs"
				s.ECREncryption = "KMS"
				s.ECRKMSKeyArn = "0a1b2c3d-key-id"
				s.PermissionsBoundaryArn = "boundary"
			}),
			wantErrs: []string{
				"FieldValueInvalid input.ecr.kmsKeyArn",
				"FieldValueInvalid input.logs.kmsKeyArn",
				"FieldValueInvalid input.permissionsBoundaryArn",
			},
		},
		"BadECREnums": {
			reason: "Tag mutability and encryption are enums.",
			in:     &v1beta1.Input{Region: "us-east-1", ECR: &v1beta1.ECR{ImageTagMutability: "SOMETIMES", Encryption: "DES"}},
			want: with(defaults("us-east-1"), func(s *Settings) {
				s.ECRImageTagMutability = "SOMETIMES"
				s.ECREncryption = "DES"
			}),
			wantErrs: []string{"FieldValueNotSupported input.ecr.encryption", "FieldValueNotSupported input.ecr.imageTagMutability"},
		},
		"KeepLastImagesZero": {
			reason:   "keepLastImages 0 would expire every image: it must be 1-1000.",
			in:       &v1beta1.Input{Region: "us-east-1", ECR: &v1beta1.ECR{KeepLastImages: ptr(int32(0))}},
			want:     with(defaults("us-east-1"), func(s *Settings) { s.ECRKeepLastImages = 0 }),
			wantErrs: []string{"FieldValueInvalid input.ecr.keepLastImages"},
		},
		"KeepLastImagesTooMany": {
			reason:   "keepLastImages is at most 1000.",
			in:       &v1beta1.Input{Region: "us-east-1", ECR: &v1beta1.ECR{KeepLastImages: ptr(int32(1001))}},
			want:     with(defaults("us-east-1"), func(s *Settings) { s.ECRKeepLastImages = 1001 }),
			wantErrs: []string{"FieldValueInvalid input.ecr.keepLastImages"},
		},
		"EveryErrorAtOnce": {
			reason: "All problems are reported together, sorted by field.",
			in: &v1beta1.Input{
				AccountID:          "abc",
				SSMParameterPrefix: "x",
				Logs:               &v1beta1.Logs{RetentionInDays: ptr(int32(4))},
				ECR:                &v1beta1.ECR{KeepLastImages: ptr(int32(0))},
			},
			want: with(defaults(""), func(s *Settings) {
				s.AccountID = "abc"
				s.SSMParameterPrefix = "x"
				s.LogRetentionInDays = ptr(int32(4))
				s.ECRKeepLastImages = 0
			}),
			wantErrs: []string{
				"FieldValueInvalid input.accountId",
				"FieldValueInvalid input.ecr.keepLastImages",
				"FieldValueInvalid input.logs.retentionInDays",
				"FieldValueRequired input.region",
				"FieldValueInvalid input.ssmParameterPrefix",
			},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, errs := Resolve(tc.in, tc.env, tc.namespace)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%s\nResolve(): -want, +got:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.wantErrs, summarise(errs)); diff != "" {
				t.Errorf("%s\nResolve() errors: -want, +got:\n%s\nall errors: %v", tc.reason, diff, errs)
			}
		})
	}
}

// TestResolveDoesNotModifyInput guards the Input shared by every request of a
// Composition: merging the environment's tags must work on a copy.
func TestResolveDoesNotModifyInput(t *testing.T) {
	in := &v1beta1.Input{Region: "us-east-1", Tags: map[string]string{"team": "a"}}
	_, _ = Resolve(in, map[string]any{"tags": map[string]any{"cost-center": "42"}, "accountId": "123456789012"}, "team-a")
	want := &v1beta1.Input{Region: "us-east-1", Tags: map[string]string{"team": "a"}}
	if diff := cmp.Diff(want, in); diff != "" {
		t.Errorf("Resolve() modified its Input: -want, +got:\n%s", diff)
	}
}

func TestValidRetention(t *testing.T) {
	cases := map[string]struct {
		reason string
		days   int32
		want   bool
	}{
		"One":       {reason: "The smallest retention.", days: 1, want: true},
		"Month":     {reason: "A month.", days: 30, want: true},
		"TenYears":  {reason: "The largest retention.", days: 3653, want: true},
		"Zero":      {reason: "0 is not a retention (never expire is no retention).", days: 0},
		"Two":       {reason: "2 is not a CloudWatch Logs value.", days: 2},
		"Negative":  {reason: "A negative number is not a retention.", days: -1},
		"TooLong":   {reason: "Beyond ten years is not a value.", days: 3654},
		"FiveYears": {reason: "1827 days is a value.", days: 1827, want: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := ValidRetention(tc.days); got != tc.want {
				t.Errorf("%s\nValidRetention(%d) = %v, want %v", tc.reason, tc.days, got, tc.want)
			}
		})
	}
}

func fullInput() *v1beta1.Input {
	return &v1beta1.Input{
		Region:                 "us-east-1",
		AccountID:              "123456789012",
		Partition:              "aws",
		ProviderConfigRef:      &v1beta1.ProviderConfigRef{Kind: "ClusterProviderConfig", Name: "input-aws"},
		NamePrefix:             "{{namespace}}-",
		Tags:                   map[string]string{"owner": "input", "team": "input"},
		SSMParameterPrefix:     "/platform/agentcore",
		AllowPublicNetwork:     ptr(false),
		Logs:                   &v1beta1.Logs{RetentionInDays: ptr(int32(30)), KMSKeyArn: logsKeyArn},
		ECR:                    &v1beta1.ECR{ScanOnPush: ptr(true), ImageTagMutability: "IMMUTABLE", Encryption: "KMS", KMSKeyArn: ecrKeyArn, KeepLastImages: ptr(int32(20))},
		PermissionsBoundaryArn: boundaryArn,
	}
}

// with returns s changed by f.
func with(s Settings, f func(*Settings)) Settings {
	f(&s)
	return s
}

// summarise keeps the type and field of each error: the wording is the
// apimachinery's.
func summarise(errs field.ErrorList) []string {
	var out []string
	for _, e := range errs {
		out = append(out, string(e.Type)+" "+e.Field)
	}
	return out
}
