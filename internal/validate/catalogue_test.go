package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// catalogueCase is one invalid input: the MDAA minimal sample with one mutation.
type catalogueCase struct {
	reason string
	mutate func(s *v1alpha1.Spec)
	opts   func(o *Options)
	// fields are the exact error paths, in order.
	fields []string
	// contains is a substring of the error messages.
	contains string
}

// Helpers for mutations.

func container(s *v1alpha1.Spec) *v1alpha1.Container {
	return s.AgentRuntimeArtifact.ContainerConfiguration
}

func validCode() *v1alpha1.Code {
	return &v1alpha1.Code{
		S3:         v1alpha1.S3Location{Bucket: "agent-code-bucket", Prefix: "agents/agent.zip"},
		EntryPoint: []string{"main.py"},
		Runtime:    "PYTHON_3_12",
	}
}

func useCode(s *v1alpha1.Spec, mutate func(*v1alpha1.Code)) {
	cd := validCode()
	mutate(cd)
	s.AgentRuntimeArtifact = v1alpha1.Artifact{CodeConfiguration: cd}
}

func useRepository(s *v1alpha1.Spec, mutate func(*v1alpha1.Repository)) {
	r := &v1alpha1.Repository{ImageTag: "v1"}
	mutate(r)
	s.AgentRuntimeArtifact.ContainerConfiguration = &v1alpha1.Container{Repository: r}
}

func validJWT() *v1alpha1.JWT {
	return &v1alpha1.JWT{
		DiscoveryUrl:    "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test/.well-known/openid-configuration",
		AllowedAudience: []string{"test-client-id"},
	}
}

func useJWT(s *v1alpha1.Spec, mutate func(*v1alpha1.JWT)) {
	j := validJWT()
	mutate(j)
	s.AuthorizerConfiguration = &v1alpha1.Authorizer{CustomJwtAuthorizer: j}
}

func allowStatement() v1alpha1.Statement {
	return v1alpha1.Statement{
		Effect:   "Allow",
		Action:   v1alpha1.StringOrList{Values: []string{"s3:GetObject"}},
		Resource: v1alpha1.StringOrList{Values: []string{"arn:aws:s3:::test-bucket/*"}},
	}
}

func useStatement(s *v1alpha1.Spec, mutate func(*v1alpha1.Statement)) {
	st := allowStatement()
	mutate(&st)
	s.Policies = []v1alpha1.Policy{{PolicyDocument: &v1alpha1.PolicyDocument{Statement: []v1alpha1.Statement{st}}}}
}

func policyArns(arns ...string) []v1alpha1.Policy {
	out := make([]v1alpha1.Policy, 0, len(arns))
	for _, a := range arns {
		out = append(out, v1alpha1.Policy{PolicyArn: ptr(a)})
	}
	return out
}

func headerAllowlist(names ...string) *v1alpha1.RequestHeaders {
	return &v1alpha1.RequestHeaders{RequestHeaderAllowlist: names}
}

func customNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%sH%d", customHeaderPrefix, i)
	}
	return out
}

func numbered(prefix string, n int, format string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + fmt.Sprintf(format, i)
	}
	return out
}

func session(path string) v1alpha1.Filesystem {
	return v1alpha1.Filesystem{SessionStorage: &v1alpha1.Mount{MountPath: path}}
}

const (
	efsArn = "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0"
	sfArn  = "arn:aws:s3files:us-east-1:123456789012:file-system/fs-0123/access-point/ap-1"
)

const (
	pArt   = "spec.agentRuntimeArtifact"
	pCont  = "spec.agentRuntimeArtifact.containerConfiguration"
	pCode  = "spec.agentRuntimeArtifact.codeConfiguration"
	pNet   = "spec.networkConfiguration"
	pLife  = "spec.lifecycleConfiguration"
	pAuth  = "spec.authorizerConfiguration"
	pJWT   = "spec.authorizerConfiguration.customJwtAuthorizer"
	pHdr   = "spec.requestHeaderConfiguration.requestHeaderAllowlist"
	pPol   = "spec.policies"
	pStmt  = "spec.policies[0].policyDocument.Statement[0]"
	pEp    = "spec.runtimeEndpoint"
	pEps   = "spec.runtimeEndpoints"
	pFS    = "spec.filesystemConfigurations"
	pModel = "spec.allowedModelArns"
)

// catalogue: every case starts from the MDAA minimal sample, which is valid.
var catalogue = map[string]catalogueCase{
	// Names and description.
	"NameMissing": {
		mutate: func(s *v1alpha1.Spec) { s.AgentRuntimeName = "" },
		fields: []string{"spec.agentRuntimeName"}, contains: "Required value",
	},
	"NameTooLong": {
		mutate: func(s *v1alpha1.Spec) { s.AgentRuntimeName = "a" + repeat("b", 48) },
		fields: []string{"spec.agentRuntimeName"}, contains: "at most 48 characters (got 49)",
	},
	"NameStartsWithDigit": {
		reason: "MDAA sanitised 123runtime to r_123runtime; the name must start with a letter here.",
		mutate: func(s *v1alpha1.Spec) { s.AgentRuntimeName = "123runtime" },
		fields: []string{"spec.agentRuntimeName"}, contains: "must start with a letter",
	},
	"NameBadCharacter": {
		reason: "MDAA sanitised my@runtime#name; only letters, digits, '_' and '-' are accepted here.",
		mutate: func(s *v1alpha1.Spec) { s.AgentRuntimeName = "my@runtime#name" },
		fields: []string{"spec.agentRuntimeName"}, contains: `Invalid value: "my@runtime#name"`,
	},
	"DescriptionTooLong": {
		mutate: func(s *v1alpha1.Spec) { s.Description = ptr(repeat("d", 1201)) },
		fields: []string{"spec.description"}, contains: "at most 1200 characters (got 1201)",
	},
	// Role.
	"RoleArnMalformed": {
		mutate: func(s *v1alpha1.Spec) { s.RoleArn = ptr("arn:aws:iam::1234:role/existing-role") },
		fields: []string{"spec.roleArn"}, contains: "must be an IAM role ARN",
	},
	"RoleArnNotARole": {
		mutate: func(s *v1alpha1.Spec) { s.RoleArn = ptr("arn:aws:iam::123456789012:user/someone") },
		fields: []string{"spec.roleArn"}, contains: "must be an IAM role ARN",
	},
	"RoleArnOtherPartition": {
		mutate: func(s *v1alpha1.Spec) { s.RoleArn = ptr("arn:aws-cn:iam::123456789012:role/existing-role") },
		fields: []string{"spec.roleArn"}, contains: `partition "aws-cn", but this platform runs in partition "aws"`,
	},
	// Artifact.
	"ArtifactMissing": {
		mutate: func(s *v1alpha1.Spec) { s.AgentRuntimeArtifact = v1alpha1.Artifact{} },
		fields: []string{pArt}, contains: "exactly one of containerConfiguration and codeConfiguration is required",
	},
	"ArtifactContainerAndCode": {
		mutate: func(s *v1alpha1.Spec) { s.AgentRuntimeArtifact.CodeConfiguration = validCode() },
		fields: []string{pArt + ".codeConfiguration"}, contains: "must not be set together with containerConfiguration",
	},
	"ContainerNoSource": {
		reason: "MDAA: ContainerConfiguration must have either containerUri or codePath specified.",
		mutate: func(s *v1alpha1.Spec) { s.AgentRuntimeArtifact.ContainerConfiguration = &v1alpha1.Container{} },
		fields: []string{pCont}, contains: "exactly one of containerUri, codePath and repository is required",
	},
	"ContainerUriAndCodePath": {
		reason: "MDAA let containerUri win silently.",
		mutate: func(s *v1alpha1.Spec) { container(s).CodePath = ptr("./runtime-src") },
		fields: []string{pCont + ".codePath"}, contains: "must not be set together with containerUri",
	},
	"ContainerUriAndRepository": {
		mutate: func(s *v1alpha1.Spec) { container(s).Repository = &v1alpha1.Repository{ImageTag: "v1"} },
		fields: []string{pCont + ".repository"}, contains: "must not be set together with containerUri",
	},
	"ContainerUriInvalidFormat": {
		reason: "MDAA test 13.",
		mutate: func(s *v1alpha1.Spec) { container(s).ContainerUri = ptr("invalid-uri-format") },
		fields: []string{pCont + ".containerUri"}, contains: "not an ECR image URI: want <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:<tag>|@<digest>]",
	},
	"ContainerUriMissingAccount": {
		reason: "MDAA test 14.",
		mutate: func(s *v1alpha1.Spec) {
			container(s).ContainerUri = ptr("dkr.ecr.us-east-1.amazonaws.com/my-repo:latest")
		},
		fields: []string{pCont + ".containerUri"}, contains: "has no account",
	},
	"ContainerUriMissingRegion": {
		reason: "MDAA test 15.",
		mutate: func(s *v1alpha1.Spec) {
			container(s).ContainerUri = ptr("123456789012.dkr.ecr.amazonaws.com/my-repo:latest")
		},
		fields: []string{pCont + ".containerUri"}, contains: "has no region",
	},
	"ContainerUriMissingRepository": {
		reason: "MDAA test 16.",
		mutate: func(s *v1alpha1.Spec) {
			container(s).ContainerUri = ptr("123456789012.dkr.ecr.us-east-1.amazonaws.com/")
		},
		fields: []string{pCont + ".containerUri"}, contains: "no repository after the host",
	},
	"ContainerUriUpperCaseRepository": {
		mutate: func(s *v1alpha1.Spec) {
			container(s).ContainerUri = ptr("123456789012.dkr.ecr.us-east-1.amazonaws.com/Test-Runtime:latest")
		},
		fields: []string{pCont + ".containerUri"}, contains: "ECR repository names are lower case",
	},
	"ContainerUriBadDigest": {
		mutate: func(s *v1alpha1.Spec) {
			container(s).ContainerUri = ptr("123456789012.dkr.ecr.us-east-1.amazonaws.com/test-runtime@sha256:abcdef")
		},
		fields: []string{pCont + ".containerUri"}, contains: "is not sha256:<64 lower-case hex digits>",
	},
	"ContainerUriOtherPartition": {
		mutate: func(s *v1alpha1.Spec) {
			container(s).ContainerUri = ptr("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/test-runtime:latest")
		},
		fields: []string{pCont + ".containerUri"}, contains: "AgentCore cannot pull across partitions",
	},
	"PlatformUnknown": {
		reason: "MDAA turned any unknown platform silently into arm64.",
		mutate: func(s *v1alpha1.Spec) { container(s).Platform = ptr("linux/386") },
		fields: []string{pCont + ".platform"}, contains: `Unsupported value: "linux/386": supported values: "linux/arm64", "linux/amd64"`,
	},
	"CodePathEmpty": {
		mutate: func(s *v1alpha1.Spec) {
			s.AgentRuntimeArtifact.ContainerConfiguration = &v1alpha1.Container{CodePath: ptr("")}
		},
		fields: []string{pCont + ".codePath"}, contains: "must not be empty",
	},
	"RepositoryImageTagMissing": {
		mutate: func(s *v1alpha1.Spec) { useRepository(s, func(r *v1alpha1.Repository) { r.ImageTag = "" }) },
		fields: []string{pCont + ".repository.imageTag"}, contains: "image tag the runtime runs is required",
	},
	"RepositoryImageTagInvalid": {
		mutate: func(s *v1alpha1.Spec) { useRepository(s, func(r *v1alpha1.Repository) { r.ImageTag = "-v1" }) },
		fields: []string{pCont + ".repository.imageTag"}, contains: `Invalid value: "-v1"`,
	},
	"RepositoryTagMutabilityUnknown": {
		mutate: func(s *v1alpha1.Spec) {
			useRepository(s, func(r *v1alpha1.Repository) { r.ImageTagMutability = ptr("SOMETIMES") })
		},
		fields: []string{pCont + ".repository.imageTagMutability"}, contains: `"MUTABLE", "IMMUTABLE"`,
	},
	"RepositoryKeepLastImagesZero": {
		mutate: func(s *v1alpha1.Spec) {
			useRepository(s, func(r *v1alpha1.Repository) { r.KeepLastImages = ptr(int32(0)) })
		},
		fields: []string{pCont + ".repository.keepLastImages"}, contains: "between 1 and 1000",
	},
	"RepositoryPullPrincipals": {
		mutate: func(s *v1alpha1.Spec) {
			useRepository(s, func(r *v1alpha1.Repository) {
				r.PullPrincipals = []string{"210987654321", "bob", "210987654321", "arn:aws:iam::210987654321:role/ci"}
			})
		},
		fields:   []string{pCont + ".repository.pullPrincipals[1]", pCont + ".repository.pullPrincipals[2]"},
		contains: "must be a 12-digit account ID or an IAM ARN",
	},
	"CodeBucketInvalid": {
		mutate: func(s *v1alpha1.Spec) { useCode(s, func(c *v1alpha1.Code) { c.S3.Bucket = "My_Bucket" }) },
		fields: []string{pCode + ".s3.bucket"}, contains: "is not a valid bucket name",
	},
	"CodeBucketIPAddress": {
		mutate: func(s *v1alpha1.Spec) { useCode(s, func(c *v1alpha1.Code) { c.S3.Bucket = "192.168.10.1" }) },
		fields: []string{pCode + ".s3.bucket"}, contains: "must not be formatted as an IP address",
	},
	"CodePrefixMissing": {
		mutate: func(s *v1alpha1.Spec) { useCode(s, func(c *v1alpha1.Code) { c.S3.Prefix = "" }) },
		fields: []string{pCode + ".s3.prefix"}, contains: "S3 key of the code zip is required",
	},
	"CodeEntryPointTooMany": {
		mutate: func(s *v1alpha1.Spec) {
			useCode(s, func(c *v1alpha1.Code) { c.EntryPoint = []string{"main.py", "--a", "--b"} })
		},
		fields: []string{pCode + ".entryPoint"}, contains: "must have at most 2 items",
	},
	"CodeEntryPointEmptyItem": {
		mutate: func(s *v1alpha1.Spec) { useCode(s, func(c *v1alpha1.Code) { c.EntryPoint = []string{" "} }) },
		fields: []string{pCode + ".entryPoint[0]"}, contains: "must not be empty",
	},
	"CodeRuntimeUnknown": {
		mutate: func(s *v1alpha1.Spec) { useCode(s, func(c *v1alpha1.Code) { c.Runtime = "PYTHON_2_7" }) },
		fields: []string{pCode + ".runtime"}, contains: `Unsupported value: "PYTHON_2_7"`,
	},
	// Environment.
	"EnvTooMany": {
		mutate: func(s *v1alpha1.Spec) {
			s.EnvironmentVariables = map[string]string{}
			for i := 0; i < 51; i++ {
				s.EnvironmentVariables[fmt.Sprintf("VAR_%02d", i)] = "x"
			}
		},
		fields: []string{"spec.environmentVariables"}, contains: "must have at most 50 items",
	},
	"EnvBadName": {
		mutate: func(s *v1alpha1.Spec) { s.EnvironmentVariables = map[string]string{"OK": "1", "1BAD-NAME": "2"} },
		fields: []string{"spec.environmentVariables[1BAD-NAME]"}, contains: "environment variable names must start with a letter or '_'",
	},
	"EnvValueTooLong": {
		mutate: func(s *v1alpha1.Spec) { s.EnvironmentVariables = map[string]string{"BIG": repeat("x", 2049)} },
		fields: []string{"spec.environmentVariables[BIG]"}, contains: "at most 2048 bytes (got 2049)",
	},
	// Network (MDAA tests 3, 4, 6 and the utils tests).
	"NetworkMissing": {
		reason: "MDAA test 3: networkConfiguration is required.",
		mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration = nil },
		fields: []string{pNet}, contains: "networkConfiguration is required: the runtime is deployed in your VPC",
	},
	"NetworkNoSecurityGroups": {
		reason: "MDAA test 4.",
		mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration.SecurityGroups = nil },
		fields: []string{pNet + ".securityGroups"}, contains: "at least 1 security group ID is required",
	},
	"NetworkNoSubnets": {
		reason: "MDAA test 6.",
		mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration.Subnets = nil },
		fields: []string{pNet + ".subnets"}, contains: "at least 1 subnet ID is required",
	},
	"NetworkTooManySecurityGroups": {
		mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration.SecurityGroups = numbered("sg-", 17, "%08x") },
		fields: []string{pNet + ".securityGroups"}, contains: "must have at most 16 items",
	},
	"NetworkTooManySubnets": {
		mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration.Subnets = numbered("subnet-", 17, "%08x") },
		fields: []string{pNet + ".subnets"}, contains: "must have at most 16 items",
	},
	"NetworkBadSecurityGroupID": {
		reason: "MDAA accepted sg-123 in its utils test; real IDs have 8 or 17 hex digits.",
		mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration.SecurityGroups = []string{"sg-123"} },
		fields: []string{pNet + ".securityGroups[0]"}, contains: `Invalid value: "sg-123"`,
	},
	"NetworkDuplicateSubnet": {
		mutate: func(s *v1alpha1.Spec) {
			s.NetworkConfiguration.Subnets = []string{"subnet-12345678", "subnet-87654321", "subnet-12345678"}
		},
		fields: []string{pNet + ".subnets[2]"}, contains: `Duplicate value: "subnet-12345678"`,
	},
	"NetworkBadVpcID": {
		mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration.VpcId = ptr("vpc-xyz") },
		fields: []string{pNet + ".vpcId"}, contains: "must be a VPC ID",
	},
	"NetworkModeUnknown": {
		mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration.NetworkMode = ptr("HYBRID") },
		fields: []string{pNet + ".networkMode"}, contains: `supported values: "VPC", "PUBLIC"`,
	},
	"NetworkPublicNotAllowed": {
		mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration = &v1alpha1.Network{NetworkMode: ptr("PUBLIC")} },
		fields: []string{pNet + ".networkMode"}, contains: "function Input sets allowPublicNetwork: true",
	},
	// Lifecycle (MDAA tests 29, 30).
	"LifecycleIdleTooShort": {
		reason: "MDAA test 29.",
		mutate: func(s *v1alpha1.Spec) {
			s.LifecycleConfiguration = &v1alpha1.Lifecycle{IdleRuntimeSessionTimeout: ptr(int32(30))}
		},
		fields: []string{pLife + ".idleRuntimeSessionTimeout"}, contains: "must be between 60 and 28800 seconds",
	},
	"LifecycleMaxTooLong": {
		reason: "MDAA test 30.",
		mutate: func(s *v1alpha1.Spec) { s.LifecycleConfiguration = &v1alpha1.Lifecycle{MaxLifetime: ptr(int32(30000))} },
		fields: []string{pLife + ".maxLifetime"}, contains: "must be between 60 and 28800 seconds",
	},
	"LifecycleIdleOverMax": {
		mutate: func(s *v1alpha1.Spec) {
			s.LifecycleConfiguration = &v1alpha1.Lifecycle{IdleRuntimeSessionTimeout: ptr(int32(7200)), MaxLifetime: ptr(int32(3600))}
		},
		fields: []string{pLife + ".idleRuntimeSessionTimeout"}, contains: "must not exceed maxLifetime (3600 seconds)",
	},
	// Authorizer (MDAA test 8 and the utils tests).
	"AuthorizerBothNames": {
		mutate: func(s *v1alpha1.Spec) {
			s.AuthorizerConfiguration = &v1alpha1.Authorizer{CustomJwtAuthorizer: validJWT(), JwtAuthorizer: validJWT()}
		},
		fields: []string{pAuth + ".jwtAuthorizer"}, contains: "must not be set together with customJwtAuthorizer",
	},
	"DiscoveryUrlMissing": {
		mutate: func(s *v1alpha1.Spec) { useJWT(s, func(j *v1alpha1.JWT) { j.DiscoveryUrl = "" }) },
		fields: []string{pJWT + ".discoveryUrl"}, contains: "DiscoveryUrl is required in CustomJwtAuthorizer (or JwtAuthorizer) configuration",
	},
	"DiscoveryUrlNoSuffix": {
		reason: "MDAA test 8.",
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) { j.DiscoveryUrl = "https://invalid-url.com" })
		},
		fields: []string{pJWT + ".discoveryUrl"}, contains: "DiscoveryUrl must match pattern",
	},
	"DiscoveryUrlNotHTTPS": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) { j.DiscoveryUrl = "http://idp.example.com/.well-known/openid-configuration" })
		},
		fields: []string{pJWT + ".discoveryUrl"}, contains: "must use https",
	},
	"JWTListEntries": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.AllowedAudience = []string{"a", "a"}
				j.AllowedClients = []string{""}
				j.AllowedScopes = []string{"read", "read"}
			})
		},
		fields:   []string{pJWT + ".allowedAudience[1]", pJWT + ".allowedClients[0]", pJWT + ".allowedScopes[1]"},
		contains: `Duplicate value: "a"`,
	},
	"ClaimEqualsNeedsString": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.CustomClaims = []v1alpha1.CustomClaim{{Name: "groups", ValueType: "STRING_ARRAY", Operator: "EQUALS", Values: []string{"admin"}}}
			})
		},
		fields: []string{pJWT + ".customClaims[0].valueType"}, contains: "operator EQUALS needs valueType STRING",
	},
	"ClaimContainsNeedsOneValue": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.CustomClaims = []v1alpha1.CustomClaim{{Name: "groups", ValueType: "STRING_ARRAY", Operator: "CONTAINS", Values: []string{"a", "b"}}}
			})
		},
		fields: []string{pJWT + ".customClaims[0].values"}, contains: "operator CONTAINS needs exactly one entry in values",
	},
	"ClaimContainsAnyNeedsValues": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.CustomClaims = []v1alpha1.CustomClaim{{Name: "groups", ValueType: "STRING_ARRAY", Operator: "CONTAINS_ANY"}}
			})
		},
		fields: []string{pJWT + ".customClaims[0].values"}, contains: "valueType STRING_ARRAY needs values",
	},
	"ClaimStringTakesValue": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.CustomClaims = []v1alpha1.CustomClaim{{Name: "tenant", ValueType: "STRING", Operator: "EQUALS", Values: []string{"acme"}}}
			})
		},
		fields:   []string{pJWT + ".customClaims[0].value", pJWT + ".customClaims[0].values"},
		contains: "valueType STRING takes value, not values",
	},
	"ClaimDuplicateNameAndUnknownOperator": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.CustomClaims = []v1alpha1.CustomClaim{
					{Name: "tenant", ValueType: "STRING", Operator: "EQUALS", Value: ptr("acme")},
					{Name: "tenant", ValueType: "STRING", Operator: "STARTS_WITH", Value: ptr("ac")},
				}
			})
		},
		fields:   []string{pJWT + ".customClaims[1].name", pJWT + ".customClaims[1].operator"},
		contains: `Duplicate value: "tenant"`,
	},
	"ClaimCharacterSets": {
		reason: "Claim names and values are 1-255 of letters, digits and _ . : / - (API, CloudFormation); a namespaced claim URL passes, spaces, @ and accents do not.",
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.CustomClaims = []v1alpha1.CustomClaim{
					{Name: "https://example.com/roles", ValueType: "STRING_ARRAY", Operator: "CONTAINS_ANY", Values: []string{"agent-admin", "team a", "ops"}},
					{Name: "custom:tenant id", ValueType: "STRING", Operator: "EQUALS", Value: ptr("acme")},
					{Name: "email", ValueType: "STRING", Operator: "EQUALS", Value: ptr("ops@example.com")},
					{Name: "dept", ValueType: "STRING", Operator: "EQUALS", Value: ptr(strings.Repeat("x", 256))},
				}
			})
		},
		fields: []string{
			pJWT + ".customClaims[0].values[1]", pJWT + ".customClaims[1].name",
			pJWT + ".customClaims[2].value", pJWT + ".customClaims[3].value",
		},
		contains: "AgentCore takes 1-255 letters, digits and _ . : / - here",
	},
	"PrivateEndpointEmpty": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) { j.PrivateEndpoint = &v1alpha1.PrivateEndpoint{} })
		},
		fields: []string{pJWT + ".privateEndpoint"}, contains: "exactly one of managedVpcResource and selfManagedLatticeResource is required",
	},
	"PrivateEndpointBoth": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.PrivateEndpoint = &v1alpha1.PrivateEndpoint{
					ManagedVpcResource:         &v1alpha1.ManagedVpcResource{VpcIdentifier: "vpc-12345678", SubnetIds: []string{"subnet-12345678"}, EndpointIpAddressType: ptr("IPV4")},
					SelfManagedLatticeResource: &v1alpha1.LatticeResource{ResourceConfigurationIdentifier: "rcfg-0123456789abcdef0"},
				}
			})
		},
		fields: []string{pJWT + ".privateEndpoint.selfManagedLatticeResource"}, contains: "must not be set together with managedVpcResource",
	},
	"PrivateEndpointManagedVpcIDs": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.PrivateEndpoint = &v1alpha1.PrivateEndpoint{ManagedVpcResource: &v1alpha1.ManagedVpcResource{
					VpcIdentifier: "my-vpc", SecurityGroupIds: []string{"sg-1"},
				}}
			})
		},
		fields: []string{
			pJWT + ".privateEndpoint.managedVpcResource.vpcIdentifier",
			pJWT + ".privateEndpoint.managedVpcResource.subnetIds",
			pJWT + ".privateEndpoint.managedVpcResource.securityGroupIds[0]",
			pJWT + ".privateEndpoint.managedVpcResource.endpointIpAddressType",
		},
		contains: `Invalid value: "my-vpc"`,
	},
	// Limits of today's API (CreateAgentRuntime, botocore 2026-11).
	"PrivateEndpointLimits": {
		reason: "endpointIpAddressType is IPV4 or IPV6 (DUALSTACK is not the API's), at most 5 security groups.",
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.PrivateEndpoint = &v1alpha1.PrivateEndpoint{ManagedVpcResource: &v1alpha1.ManagedVpcResource{
					VpcIdentifier: "vpc-12345678", SubnetIds: []string{"subnet-12345678"}, EndpointIpAddressType: ptr("DUALSTACK"),
					SecurityGroupIds: []string{"sg-10000001", "sg-10000002", "sg-10000003", "sg-10000004", "sg-10000005", "sg-10000006"},
				}}
			})
		},
		fields: []string{
			pJWT + ".privateEndpoint.managedVpcResource.securityGroupIds",
			pJWT + ".privateEndpoint.managedVpcResource.endpointIpAddressType",
		},
		contains: "must have at most 5 items",
	},
	"PrivateEndpointOverridesTooMany": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				pe := v1alpha1.PrivateEndpoint{SelfManagedLatticeResource: &v1alpha1.LatticeResource{ResourceConfigurationIdentifier: "rcfg-0123456789abcdef0"}}
				for i := range 6 {
					j.PrivateEndpointOverrides = append(j.PrivateEndpointOverrides, v1alpha1.PrivateEndpointOverride{Domain: fmt.Sprintf("idp%d.example.com", i), PrivateEndpoint: pe})
				}
			})
		},
		fields: []string{pJWT + ".privateEndpointOverrides"}, contains: "must have at most 5 items",
	},
	"WorkloadConfigurationLimits": {
		reason: "Each list holds 1-10 items.",
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				ids := make([]string, 11)
				for i := range ids {
					ids[i] = fmt.Sprintf("workload-%d", i)
				}
				j.AllowedWorkloadConfiguration = &v1alpha1.WorkloadConfiguration{HostingEnvironmentArns: []string{}, WorkloadIdentities: ids}
			})
		},
		fields: []string{
			pJWT + ".allowedWorkloadConfiguration.hostingEnvironmentArns",
			pJWT + ".allowedWorkloadConfiguration.workloadIdentities",
		},
		contains: "must have at most 10 items",
	},
	"CodeLimits": {
		reason: "An S3 version ID is 3-1024 characters, an entry point item at most 128.",
		mutate: func(s *v1alpha1.Spec) {
			useCode(s, func(cd *v1alpha1.Code) {
				cd.S3.VersionId = ptr("v1")
				cd.EntryPoint = []string{strings.Repeat("m", 129) + ".py"}
			})
		},
		fields:   []string{pCode + ".s3.versionId", pCode + ".entryPoint[0]"},
		contains: "must be an S3 object version ID of 3-1024 characters",
	},
	"PrivateEndpointBadLatticeID": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.PrivateEndpoint = &v1alpha1.PrivateEndpoint{SelfManagedLatticeResource: &v1alpha1.LatticeResource{ResourceConfigurationIdentifier: "my-config"}}
			})
		},
		fields: []string{pJWT + ".privateEndpoint.selfManagedLatticeResource.resourceConfigurationIdentifier"}, contains: "VPC Lattice resource configuration ID",
	},
	"PrivateEndpointOverrideDomain": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				pe := v1alpha1.PrivateEndpoint{SelfManagedLatticeResource: &v1alpha1.LatticeResource{ResourceConfigurationIdentifier: "rcfg-0123456789abcdef0"}}
				j.PrivateEndpointOverrides = []v1alpha1.PrivateEndpointOverride{
					{Domain: "https://idp.example.com/", PrivateEndpoint: pe},
					{Domain: "idp.example.com", PrivateEndpoint: pe},
					{Domain: "IDP.example.com", PrivateEndpoint: pe},
				}
			})
		},
		fields:   []string{pJWT + ".privateEndpointOverrides[0].domain", pJWT + ".privateEndpointOverrides[2].domain"},
		contains: "no scheme, port or path",
	},
	"WorkloadConfigurationArns": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.AllowedWorkloadConfiguration = &v1alpha1.WorkloadConfiguration{
					HostingEnvironmentArns: []string{"my-gateway", "arn:aws-cn:bedrock-agentcore:cn-north-1:123456789012:gateway/gw-1"},
					WorkloadIdentities:     []string{"arn:broken"},
				}
			})
		},
		fields: []string{
			pJWT + ".allowedWorkloadConfiguration.hostingEnvironmentArns[0]",
			pJWT + ".allowedWorkloadConfiguration.hostingEnvironmentArns[1]",
			pJWT + ".allowedWorkloadConfiguration.workloadIdentities[0]",
		},
		contains: "must be a hosting environment ARN",
	},
	// Request headers (MDAA utils tests).
	"HeadersEmptyList": {
		reason: "MDAA: an empty array throws.",
		mutate: func(s *v1alpha1.Spec) { s.RequestHeaderConfiguration = headerAllowlist([]string{}...) },
		fields: []string{pHdr}, contains: "RequestHeaderAllowlist (or AllowedHeaders) must contain 1-20 items",
	},
	"HeadersTooMany": {
		reason: "MDAA: 21 items throw.",
		mutate: func(s *v1alpha1.Spec) { s.RequestHeaderConfiguration = headerAllowlist(customNames(21)...) },
		fields: []string{pHdr}, contains: "must have at most 20 items",
	},
	"HeadersAliasTooMany": {
		mutate: func(s *v1alpha1.Spec) {
			s.RequestHeaderConfiguration = &v1alpha1.RequestHeaders{AllowedHeaders: customNames(21)}
		},
		fields: []string{"spec.requestHeaderConfiguration.allowedHeaders"}, contains: "must have at most 20 items",
	},
	"HeaderBadSyntax": {
		mutate: func(s *v1alpha1.Spec) {
			s.RequestHeaderConfiguration = headerAllowlist("Authorization", "X Bad", "X-Dotted.Name", "")
		},
		fields:   []string{pHdr + "[1]", pHdr + "[2]", pHdr + "[3]"},
		contains: "is not a valid HTTP header name",
	},
	"HeaderDuplicateIgnoringCase": {
		mutate: func(s *v1alpha1.Spec) {
			s.RequestHeaderConfiguration = headerAllowlist(customHeaderPrefix+"Tenant", strings.ToLower(customHeaderPrefix+"Tenant"))
		},
		fields: []string{pHdr + "[1]"}, contains: "Duplicate value",
	},
	"HeaderNotALetterFirst": {
		reason: "The API's HeaderName is [A-Za-z][A-Za-z0-9_-]{0,255}: RFC 7230 tokens such as these are not.",
		mutate: func(s *v1alpha1.Spec) {
			s.RequestHeaderConfiguration = headerAllowlist("1-Header", "_Trace", "X-Dotted.Name", "X-Api-Key")
		},
		fields:   []string{pHdr + "[0]", pHdr + "[1]", pHdr + "[2]"},
		contains: "a letter followed by letters, digits",
	},
	"HeaderRestrictedAndReserved": {
		reason: "The guide's restricted list (any case) and the x-amz-/x-amzn- prefixes are refused; the custom prefix needs a name after it.",
		mutate: func(s *v1alpha1.Spec) {
			s.RequestHeaderConfiguration = headerAllowlist("Content-Type", "X-Amz-Date", "X-Amzn-Trace-Id", customHeaderPrefix, "cookie", "Origin", "X-Forwarded-For", "Sec-WebSocket-Key")
		},
		fields:   []string{pHdr + "[0]", pHdr + "[1]", pHdr + "[2]", pHdr + "[3]", pHdr + "[4]", pHdr + "[5]", pHdr + "[6]", pHdr + "[7]"},
		contains: "is a restricted header",
	},
	// Protocol (MDAA had no enum).
	"ProtocolUnknown": {
		mutate: func(s *v1alpha1.Spec) { s.ProtocolConfiguration = ptr("GRPC") },
		fields: []string{"spec.protocolConfiguration"}, contains: `supported values: "HTTP", "MCP", "A2A", "AGUI"`,
	},
	// Policies.
	"PolicyEmptyEntry": {
		mutate: func(s *v1alpha1.Spec) { s.Policies = []v1alpha1.Policy{{}} },
		fields: []string{pPol + "[0]"}, contains: "exactly one of policyArn and policyDocument is required",
	},
	"PolicyArnAndDocument": {
		reason: "MDAA applied both silently.",
		mutate: func(s *v1alpha1.Spec) {
			s.Policies = []v1alpha1.Policy{{
				PolicyArn:      ptr("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"),
				PolicyDocument: &v1alpha1.PolicyDocument{Statement: []v1alpha1.Statement{allowStatement()}},
			}}
		},
		fields: []string{pPol + "[0].policyDocument"}, contains: "must not be set together with policyArn",
	},
	"PolicyArnMalformed": {
		mutate: func(s *v1alpha1.Spec) { s.Policies = policyArns("arn:aws:iam::aws:role/AmazonS3ReadOnlyAccess") },
		fields: []string{pPol + "[0].policyArn"}, contains: "must be an IAM managed policy ARN",
	},
	"PolicyArnOtherPartition": {
		mutate: func(s *v1alpha1.Spec) {
			s.Policies = policyArns("arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAccess")
		},
		fields: []string{pPol + "[0].policyArn"}, contains: `partition "aws-us-gov"`,
	},
	"PolicyArnDuplicate": {
		mutate: func(s *v1alpha1.Spec) {
			s.Policies = policyArns("arn:aws:iam::aws:policy/CloudWatchLogsFullAccess", "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess")
		},
		fields: []string{pPol + "[1].policyArn"}, contains: `Duplicate value: "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess"`,
	},
	"PolicyArnSamePolicyTwice": {
		reason: "IAM policy names are unique in an account whatever their path and case: two such ARNs name one policy. (AWS's and the account's ReadOnlyAccess are two policies: compose's TestPolicyAttachmentNames.)",
		mutate: func(s *v1alpha1.Spec) {
			s.Policies = policyArns("arn:aws:iam::123456789012:policy/ReadOnlyAccess", "arn:aws:iam::123456789012:policy/team/readonlyaccess")
		},
		fields: []string{pPol + "[1].policyArn"}, contains: "names the same policy as policies[0].policyArn",
	},
	"PolicyDocumentNoStatement": {
		mutate: func(s *v1alpha1.Spec) { s.Policies = []v1alpha1.Policy{{PolicyDocument: &v1alpha1.PolicyDocument{}}} },
		fields: []string{pPol + "[0].policyDocument.Statement"}, contains: "at least one statement is required",
	},
	"StatementEffectUnknown": {
		mutate: func(s *v1alpha1.Spec) { useStatement(s, func(st *v1alpha1.Statement) { st.Effect = "Permit" }) },
		fields: []string{pStmt + ".Effect"}, contains: `supported values: "Allow", "Deny"`,
	},
	"StatementActionMissing": {
		mutate: func(s *v1alpha1.Spec) {
			useStatement(s, func(st *v1alpha1.Statement) { st.Action = v1alpha1.StringOrList{} })
		},
		fields: []string{pStmt + ".Action"}, contains: "Action is required",
	},
	"StatementActionMalformed": {
		mutate: func(s *v1alpha1.Spec) {
			useStatement(s, func(st *v1alpha1.Statement) { st.Action = v1alpha1.StringOrList{Malformed: true} })
		},
		fields: []string{pStmt + ".Action"}, contains: "Action must be a string or a list of strings",
	},
	"StatementActionSyntax": {
		mutate: func(s *v1alpha1.Spec) {
			useStatement(s, func(st *v1alpha1.Statement) {
				st.Action = v1alpha1.StringOrList{Values: []string{"s3:GetObject", "s3GetObject", ""}}
			})
		},
		fields:   []string{pStmt + ".Action[1]", pStmt + ".Action[2]"},
		contains: "must be an IAM action <service>:<action>",
	},
	"StatementResourceNotArn": {
		mutate: func(s *v1alpha1.Spec) {
			useStatement(s, func(st *v1alpha1.Statement) { st.Resource = v1alpha1.StringOrList{Values: []string{"test-bucket"}} })
		},
		fields: []string{pStmt + ".Resource"}, contains: "must be an ARN",
	},
	"StatementSidInvalidAndReserved": {
		mutate: func(s *v1alpha1.Spec) {
			a, b := allowStatement(), allowStatement()
			a.Sid, b.Sid = "allow-s3", "ECRTokenAccess"
			s.Policies = []v1alpha1.Policy{{PolicyDocument: &v1alpha1.PolicyDocument{Statement: []v1alpha1.Statement{a, b}}}}
		},
		fields:   []string{pPol + "[0].policyDocument.Statement[0].Sid", pPol + "[0].policyDocument.Statement[1].Sid"},
		contains: "must contain only letters and digits",
	},
	"StatementSidDuplicateAcrossDocuments": {
		reason: "All user statements end up in one policy, where IAM needs unique Sids.",
		mutate: func(s *v1alpha1.Spec) {
			a := allowStatement()
			a.Sid = "ReadBucket"
			doc := &v1alpha1.PolicyDocument{Statement: []v1alpha1.Statement{a}}
			s.Policies = []v1alpha1.Policy{{PolicyDocument: doc}, {PolicyDocument: doc}}
		},
		fields: []string{pPol + "[1].policyDocument.Statement[0].Sid"}, contains: `Duplicate value: "ReadBucket"`,
	},
	"StatementConditionMalformed": {
		mutate: func(s *v1alpha1.Spec) {
			useStatement(s, func(st *v1alpha1.Statement) {
				st.Condition = map[string]map[string]v1alpha1.StringOrList{
					"Bool":       {"aws:SecureTransport": {Malformed: true}},
					"Not An Op":  {"aws:SourceVpc": {Values: []string{"vpc-12345678"}}},
					"StringLike": {},
				}
			})
		},
		fields: []string{
			pStmt + ".Condition[Bool][aws:SecureTransport]",
			pStmt + ".Condition[Not An Op]",
			pStmt + ".Condition[StringLike]",
		},
		contains: "quote numbers and booleans",
	},
	// Endpoints.
	"EndpointNameBadCharacters": {
		reason: "Only '-' is sanitised (as MDAA); other characters and a leading digit are errors.",
		mutate: func(s *v1alpha1.Spec) { s.RuntimeEndpoint = &v1alpha1.Endpoint{Name: ptr("my.endpoint")} },
		fields: []string{pEp + ".name"}, contains: "letters, digits and '_'",
	},
	"EndpointNamesCollideOnceSanitised": {
		reason: "my-canary and my_canary are one AgentCore endpoint name.",
		mutate: func(s *v1alpha1.Spec) {
			s.RuntimeEndpoints = []v1alpha1.Endpoint{{Name: ptr("my_canary")}, {Name: ptr("my-canary")}}
		},
		fields: []string{"spec.runtimeEndpoints[1].name"}, contains: `Duplicate value: "my-canary"`,
	},
	"EndpointVersionNotANumber": {
		reason: "A dotted version such as MDAA's 1.0.0 is only a Warning (not pinned); anything else is an error.",
		mutate: func(s *v1alpha1.Spec) { s.RuntimeEndpoint = &v1alpha1.Endpoint{AgentRuntimeVersion: ptr("latest")} },
		fields: []string{pEp + ".agentRuntimeVersion"}, contains: "must be a runtime version number",
	},
	"EndpointVersionLeadingZero": {
		mutate: func(s *v1alpha1.Spec) {
			s.RuntimeEndpoints = []v1alpha1.Endpoint{{Name: ptr("canary"), AgentRuntimeVersion: ptr("01")}}
		},
		fields: []string{"spec.runtimeEndpoints[0].agentRuntimeVersion"}, contains: "no leading zeros",
	},
	"EndpointDescriptionTooLong": {
		mutate: func(s *v1alpha1.Spec) { s.RuntimeEndpoint = &v1alpha1.Endpoint{Description: ptr(repeat("e", 257))} },
		fields: []string{pEp + ".description"}, contains: "at most 256 characters",
	},
	"EndpointsNameMissing": {
		mutate: func(s *v1alpha1.Spec) { s.RuntimeEndpoints = []v1alpha1.Endpoint{{AgentRuntimeVersion: ptr("2")}} },
		fields: []string{pEps + "[0].name"}, contains: "every runtimeEndpoints entry needs a name",
	},
	"EndpointsDuplicateNames": {
		mutate: func(s *v1alpha1.Spec) {
			s.RuntimeEndpoint = &v1alpha1.Endpoint{Name: ptr("prod")}
			s.RuntimeEndpoints = []v1alpha1.Endpoint{{Name: ptr("canary")}, {Name: ptr("prod")}, {Name: ptr("canary")}}
		},
		fields: []string{pEps + "[1].name", pEps + "[2].name"}, contains: `Duplicate value: "prod"`,
	},
	"EndpointsDefaultNameTaken": {
		mutate: func(s *v1alpha1.Spec) {
			s.RuntimeEndpoint = &v1alpha1.Endpoint{}
			s.RuntimeEndpoints = []v1alpha1.Endpoint{{Name: ptr("testAgentRuntime_endpoint")}}
		},
		fields: []string{pEps + "[0].name"}, contains: "is the default name of runtimeEndpoint",
	},
	"EndpointsReservedDefault": {
		mutate: func(s *v1alpha1.Spec) { s.RuntimeEndpoints = []v1alpha1.Endpoint{{Name: ptr("DEFAULT")}} },
		fields: []string{pEps + "[0].name"}, contains: "DEFAULT is the runtime's built-in endpoint",
	},
	"EndpointsTooMany": {
		mutate: func(s *v1alpha1.Spec) {
			for i := 0; i < 11; i++ {
				s.RuntimeEndpoints = append(s.RuntimeEndpoints, v1alpha1.Endpoint{Name: ptr(fmt.Sprintf("ep%d", i))})
			}
		},
		fields: []string{pEps}, contains: "must have at most 10 items",
	},
	// Models.
	"ModelArnsEmpty": {
		mutate: func(s *v1alpha1.Spec) { s.AllowedModelArns = []string{} },
		fields: []string{pModel}, contains: "at least one model ARN is required",
	},
	"ModelArnsInvalid": {
		mutate: func(s *v1alpha1.Spec) {
			s.AllowedModelArns = []string{
				"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-*",
				"anthropic.claude-haiku",
				"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-*",
				"arn:aws-cn:bedrock:*::foundation-model/*",
				"arn:aws:s3:::bucket",
			}
		},
		fields:   []string{pModel + "[1]", pModel + "[2]", pModel + "[3]", pModel + "[4]"},
		contains: "must be a Bedrock ARN",
	},
	// enforceVpcOnly.
	"EnforceVpcOnlyWithoutVpcID": {
		reason: "MDAA v1.7.0.",
		mutate: func(s *v1alpha1.Spec) { s.EnforceVpcOnly = ptr(true) },
		fields: []string{pNet + ".vpcId"}, contains: "networkConfiguration.vpcId is required when enforceVpcOnly is true",
	},
	"EnforceVpcOnlyPublic": {
		mutate: func(s *v1alpha1.Spec) {
			s.EnforceVpcOnly = ptr(true)
			s.NetworkConfiguration = &v1alpha1.Network{NetworkMode: ptr("PUBLIC"), VpcId: ptr("vpc-12345678")}
		},
		opts:   func(o *Options) { o.AllowPublicNetwork = true },
		fields: []string{"spec.enforceVpcOnly"}, contains: "enforceVpcOnly needs networkMode VPC",
	},
	"DataProtectionIdentifiers": {
		reason: "Managed data identifier names; MDAA checks nothing and fails at deploy.",
		mutate: func(s *v1alpha1.Spec) {
			s.DataProtection = &v1alpha1.DataProtection{AdditionalIdentifiers: []string{"AwsSecretKey", "aws secret key", "AwsSecretKey"}}
		},
		fields:   []string{"spec.dataProtection.additionalIdentifiers[1]", "spec.dataProtection.additionalIdentifiers[2]"},
		contains: "must be a CloudWatch Logs managed data identifier name",
	},
	// alarms (MDAA dev, its messages).
	"AlarmsWithoutTargetOrThreshold": {
		mutate:   func(s *v1alpha1.Spec) { s.Alarms = &v1alpha1.Alarms{} },
		fields:   []string{"spec.alarms", "spec.alarms"},
		contains: "Alarms require a notification target: set either alarms.notificationTopicArn (existing topic) or alarms.createNotificationTopic: true.",
	},
	"AlarmsBothTargetsEmailsAndPeriod": {
		mutate: func(s *v1alpha1.Spec) {
			s.Alarms = &v1alpha1.Alarms{
				ThrottleCountThreshold: ptr(int32(1)), NotificationTopicArn: ptr("arn:aws:sns:us-east-1:123456789012:ops"), CreateNotificationTopic: ptr(true),
				NotificationEmails: []string{"ops@example.com", "not an address"}, PeriodSeconds: ptr(int32(45)),
				EvaluationPeriods: ptr(int32(2)), DatapointsToAlarm: ptr(int32(3)),
			}
		},
		fields:   []string{"spec.alarms.notificationTopicArn", "spec.alarms.notificationEmails", "spec.alarms.notificationEmails[1]", "spec.alarms.periodSeconds", "spec.alarms.datapointsToAlarm"},
		contains: "alarms.periodSeconds must be 1, 5, 10, 30, or a multiple of 60 seconds (got 45). CloudWatch rejects other values.",
	},
	"AlarmsDuplicateEmail": {
		reason: "One subscription per address, whatever its case.",
		mutate: func(s *v1alpha1.Spec) {
			s.Alarms = &v1alpha1.Alarms{ErrorRateThreshold: ptr(int32(5)), CreateNotificationTopic: ptr(true), NotificationEmails: []string{"ops@example.com", " Ops@Example.com"}}
		},
		fields: []string{"spec.alarms.notificationEmails[1]"}, contains: "Duplicate value",
	},
	"AlarmsTopicArnMalformed": {
		mutate: func(s *v1alpha1.Spec) {
			s.Alarms = &v1alpha1.Alarms{ErrorRateThreshold: ptr(int32(5)), NotificationTopicArn: ptr("arn:aws:sqs:us-east-1:123456789012:q")}
		},
		fields: []string{"spec.alarms.notificationTopicArn"}, contains: "must be an SNS topic ARN",
	},
	// cognito (MDAA dev).
	"CognitoWithDiscoveryURLAndClients": {
		reason: "MDAA dev: discoveryUrl XOR cognito, and no allowedClients with cognito (Cognito's access tokens carry no aud); their exact messages.",
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) { j.Cognito = &v1alpha1.Cognito{}; j.AllowedClients = []string{"c"} })
		},
		fields:   []string{pJWT + ".discoveryUrl", pJWT + ".allowedClients"},
		contains: "authorizerConfiguration.customJwtAuthorizer accepts either discoveryUrl or cognito, not both.",
	},
	"CognitoBadSettings": {
		reason: "MDAA dev's limits and messages: token validity 5-60, hosted UI URLs https or http://localhost, the domain prefix's form (and the words Cognito refuses, which MDAA misses), federation needs the hosted UI, one provider, https URLs, the OIDC client's ID and secret.",
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.DiscoveryUrl = ""
				j.Cognito = &v1alpha1.Cognito{
					IdTokenValidityMinutes: ptr(int32(90)),
					HostedUi: &v1alpha1.CognitoHostedUI{
						CallbackUrls: []string{"http://example.com/cb", "http://localhost:8080/cb"}, LogoutUrls: []string{"ftp://x"},
						CognitoDomainPrefix: ptr("my-aws-agents"),
					},
					Federation: &v1alpha1.CognitoFederation{
						Saml: &v1alpha1.CognitoSAML{MetadataUrl: "http://idp.example.com/md"},
						Oidc: &v1alpha1.CognitoOIDC{IssuerUrl: "https://login.example.com", ClientId: "c"},
					},
				}
			})
		},
		fields: []string{
			pJWT + ".cognito.idTokenValidityMinutes", pJWT + ".cognito.hostedUi.callbackUrls[0]", pJWT + ".cognito.hostedUi.logoutUrls[0]",
			pJWT + ".cognito.hostedUi.cognitoDomainPrefix", pJWT + ".cognito.federation.oidc", pJWT + ".cognito.federation.saml.metadataUrl",
			pJWT + ".cognito.federation.oidc",
		},
		contains: "cognito.idTokenValidityMinutes must be a whole number of minutes between 5 and 60 (received 90).",
	},
	"CognitoFederationWithoutHostedUI": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.DiscoveryUrl = ""
				j.Cognito = &v1alpha1.Cognito{Federation: &v1alpha1.CognitoFederation{}, HostedUi: nil}
			})
		},
		fields:   []string{pJWT + ".cognito.hostedUi", pJWT + ".cognito.federation"},
		contains: "cognito.federation requires cognito.hostedUi.",
	},
	"CognitoHostedUIWithoutCallbacks": {
		mutate: func(s *v1alpha1.Spec) {
			useJWT(s, func(j *v1alpha1.JWT) {
				j.DiscoveryUrl = ""
				j.Cognito = &v1alpha1.Cognito{HostedUi: &v1alpha1.CognitoHostedUI{}}
			})
		},
		fields: []string{pJWT + ".cognito.hostedUi.callbackUrls"}, contains: "cognito.hostedUi.callbackUrls is required and must contain at least one URL.",
	},
	// eventBridgeAlerts (MDAA dev).
	"EventBridgeAlertsWithoutAlarms": {
		reason: "MDAA dev: the rules target the alarms' topic (its exact message).",
		mutate: func(s *v1alpha1.Spec) {
			s.EventBridgeAlerts = &v1alpha1.EventBridgeAlerts{Rules: map[string]v1alpha1.EventBridgeRule{"denied": {ErrorCodes: []string{"AccessDenied"}}}}
		},
		fields: []string{"spec.eventBridgeAlerts"}, contains: "eventBridgeAlerts requires an alarms block to supply the notification topic that the rules target.",
	},
	"EventBridgeAlertsWithoutRules": {
		mutate: func(s *v1alpha1.Spec) {
			s.Alarms = &v1alpha1.Alarms{ErrorRateThreshold: ptr(int32(5)), CreateNotificationTopic: ptr(true), NotificationEmails: []string{"ops@example.com"}}
			s.EventBridgeAlerts = &v1alpha1.EventBridgeAlerts{}
		},
		fields: []string{"spec.eventBridgeAlerts.rules"}, contains: "eventBridgeAlerts.rules must define at least one rule. Omit the block entirely to create none.",
	},
	"EventBridgeRulesBad": {
		reason: "MDAA dev: a rule must narrow the events (its exact message); keys are part of rule names (unique whatever their case), " +
			"the description heads a template that reads <...>, and a rule invokes Lambda functions of its own region.",
		mutate: func(s *v1alpha1.Spec) {
			s.Alarms = &v1alpha1.Alarms{ErrorRateThreshold: ptr(int32(5)), CreateNotificationTopic: ptr(true), NotificationEmails: []string{"ops@example.com"}}
			s.EventBridgeAlerts = &v1alpha1.EventBridgeAlerts{Rules: map[string]v1alpha1.EventBridgeRule{
				"all":        {},
				"Denied":     {ErrorCodes: []string{"AccessDenied", "AccessDenied"}},
				"denied":     {ErrorCodes: []string{"AccessDenied"}, Description: ptr("<b>denied</b>")},
				"has space":  {EventNames: []string{"UpdateAgentRuntime"}},
				"far-lambda": {EventNames: []string{""}, TargetLambdaArn: ptr("arn:aws:lambda:eu-west-1:123456789012:function:alerts")},
				"not-lambda": {EventNames: []string{"DeleteAgentRuntime"}, TargetLambdaArn: ptr("arn:aws:sns:us-east-1:123456789012:ops")},
			}}
		},
		fields: []string{
			"spec.eventBridgeAlerts.rules[Denied].errorCodes[1]", "spec.eventBridgeAlerts.rules[all]",
			"spec.eventBridgeAlerts.rules[denied]", "spec.eventBridgeAlerts.rules[denied].description",
			"spec.eventBridgeAlerts.rules[far-lambda].eventNames[0]", "spec.eventBridgeAlerts.rules[far-lambda].targetLambdaArn",
			"spec.eventBridgeAlerts.rules[has space]", "spec.eventBridgeAlerts.rules[not-lambda].targetLambdaArn",
		},
		contains: "eventBridgeAlerts.rules.all must set errorCodes and/or eventNames. A rule with neither would match every API call for the resource.",
	},
	// vpcEndpoint (MDAA dev).
	"VpcEndpointWithoutVpcID": {
		reason: "MDAA dev: vpcId identifies the VPC of the endpoint (its exact message).",
		mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration.VpcEndpoint = &v1alpha1.VpcEndpoint{} },
		fields: []string{pNet + ".vpcId"}, contains: "networkConfiguration.vpcId is required when networkConfiguration.vpcEndpoint is configured",
	},
	"VpcEndpointPublicAndBadPrincipals": {
		reason: "The endpoint sits in the runtime's subnets (VPC mode only); its principals are IAM ones.",
		mutate: func(s *v1alpha1.Spec) {
			s.NetworkConfiguration = &v1alpha1.Network{NetworkMode: ptr("PUBLIC"), VpcId: ptr("vpc-12345678"), VpcEndpoint: &v1alpha1.VpcEndpoint{
				EndpointPolicy: &v1alpha1.VpcEndpointPolicy{AllowPrincipals: []string{"arn:aws:iam::123456789012:role/caller", "everyone"}},
			}}
		},
		opts:     func(o *Options) { o.AllowPublicNetwork = true },
		fields:   []string{pNet + ".vpcEndpoint", pNet + ".vpcEndpoint.endpointPolicy.allowPrincipals[1]"},
		contains: "vpcEndpoint needs networkMode VPC",
	},
	"ServiceEndpointsWithoutVpcIDAndBadRouteTable": {
		mutate: func(s *v1alpha1.Spec) {
			s.NetworkConfiguration.ServiceEndpoints = &v1alpha1.ServiceEndpoints{RouteTableIds: []string{"rtb-12345678", "table-1"}}
		},
		fields:   []string{pNet + ".vpcId", pNet + ".serviceEndpoints.routeTableIds[1]"},
		contains: "networkConfiguration.vpcId is required when networkConfiguration.serviceEndpoints is configured",
	},
	"InvokePrincipals": {
		mutate: func(s *v1alpha1.Spec) {
			s.EnforceVpcOnly = ptr(true)
			s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
			s.InvokePrincipals = []string{"210987654321", "arn:aws:iam::210987654321:role/caller", "caller", "210987654321", "arn:aws-cn:iam::210987654321:root"}
		},
		fields:   []string{"spec.invokePrincipals[2]", "spec.invokePrincipals[3]", "spec.invokePrincipals[4]"},
		contains: `Invalid value: "caller": must be a 12-digit account ID or an IAM ARN`,
	},
	"InvokePrincipalsTooMany": {
		mutate: func(s *v1alpha1.Spec) {
			s.EnforceVpcOnly = ptr(true)
			s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
			s.InvokePrincipals = numbered("2109876543", 21, "%02d")
		},
		fields: []string{"spec.invokePrincipals"}, contains: "must have at most 20 items",
	},
	// Logs.
	"LogRetentionNotAllowed": {
		mutate: func(s *v1alpha1.Spec) { s.LogRetentionDays = ptr(int32(2)) },
		fields: []string{"spec.logRetentionDays"}, contains: `Unsupported value: 2: supported values: "1", "3"`,
	},
	"LogRetentionNeverExpire": {
		mutate: func(s *v1alpha1.Spec) { s.LogRetentionDays = ptr(int32(9999)) },
		fields: []string{"spec.logRetentionDays"}, contains: "MDAA's 9999 (never expire)",
	},
	// Filesystems.
	"FilesystemsTooMany": {
		mutate: func(s *v1alpha1.Spec) {
			for i := 0; i < 6; i++ {
				s.FilesystemConfigurations = append(s.FilesystemConfigurations, session(fmt.Sprintf("/mnt/d%d", i)))
			}
		},
		fields: []string{pFS}, contains: "must have at most 5 items",
	},
	"FilesystemKinds": {
		mutate: func(s *v1alpha1.Spec) {
			s.FilesystemConfigurations = []v1alpha1.Filesystem{
				{},
				{
					SessionStorage: &v1alpha1.Mount{MountPath: "/mnt/a"},
					EfsAccessPoint: &v1alpha1.AccessPointMount{AccessPointArn: efsArn, MountPath: "/mnt/b"},
				},
			}
		},
		fields:   []string{pFS + "[0]", pFS + "[1].efsAccessPoint"},
		contains: "exactly one of sessionStorage, efsAccessPoint and s3FilesAccessPoint is required",
	},
	"FilesystemMountPaths": {
		mutate: func(s *v1alpha1.Spec) {
			s.FilesystemConfigurations = []v1alpha1.Filesystem{
				session("/data"),
				session("/mnt/data"),
				{S3FilesAccessPoint: &v1alpha1.AccessPointMount{AccessPointArn: sfArn, MountPath: "/mnt/data"}},
				session("/mnt/.."),
			}
		},
		fields: []string{
			pFS + "[0].sessionStorage.mountPath",
			pFS + "[2].s3FilesAccessPoint.mountPath",
			pFS + "[3].sessionStorage.mountPath",
		},
		contains: "must be /mnt/<name>",
	},
	"FilesystemAccessPointArns": {
		mutate: func(s *v1alpha1.Spec) {
			s.FilesystemConfigurations = []v1alpha1.Filesystem{
				{EfsAccessPoint: &v1alpha1.AccessPointMount{AccessPointArn: "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-12345678", MountPath: "/mnt/efs"}},
				{S3FilesAccessPoint: &v1alpha1.AccessPointMount{AccessPointArn: "arn:aws:ec2:us-east-1:123456789012:volume/vol-1", MountPath: "/mnt/s3"}},
			}
		},
		fields:   []string{pFS + "[0].efsAccessPoint.accessPointArn", pFS + "[1].s3FilesAccessPoint.accessPointArn"},
		contains: "must be an EFS access point ARN",
	},
	// Tags.
	"TagsTooMany": {
		mutate: func(s *v1alpha1.Spec) {
			s.Tags = map[string]string{}
			for i := 0; i < 41; i++ {
				s.Tags[fmt.Sprintf("k%02d", i)] = "v"
			}
		},
		fields: []string{"spec.tags"}, contains: "must have at most 40 items",
	},
	"TagKeysAndValues": {
		mutate: func(s *v1alpha1.Spec) {
			s.Tags = map[string]string{
				"aws:createdBy":  "me",
				repeat("k", 129): "v",
				"team":           repeat("v", 257),
				"bad<key>":       "v",
			}
		},
		fields: []string{
			"spec.tags[aws:createdBy]",
			"spec.tags[bad<key>]",
			"spec.tags[" + repeat("k", 129) + "]",
			"spec.tags[team]",
		},
		contains: "a tag value must be at most 256 characters (got 257)",
	},
	// Connection secret.
	"ConnectionSecretName": {
		mutate: func(s *v1alpha1.Spec) { s.WriteConnectionSecretToRef = &v1alpha1.SecretRef{Name: "My_Secret"} },
		fields: []string{"spec.writeConnectionSecretToRef.name"}, contains: "must be a Secret name",
	},
}

func TestBaselineIsValid(t *testing.T) {
	errs, warns := Spec(baseline(), testOptions())
	if len(errs) != 0 || len(warns) != 0 {
		t.Fatalf("baseline: want no errors and no warnings, got %v, %v", errs, warns)
	}
}

func TestCatalogue(t *testing.T) {
	if len(catalogue) < 45 {
		t.Fatalf("the catalogue has %d cases, want at least 45", len(catalogue))
	}
	for name, tc := range catalogue {
		t.Run(name, func(t *testing.T) {
			s := baseline()
			tc.mutate(s)
			o := testOptions()
			if tc.opts != nil {
				tc.opts(&o)
			}
			errs, _ := Spec(s, o)
			if diff := cmp.Diff(tc.fields, fields(errs)); diff != "" {
				t.Errorf("%s\nSpec(): error fields -want +got:\n%s\nerrors: %v", tc.reason, diff, errs)
			}
			all := errs.ToAggregate()
			if all == nil || !strings.Contains(all.Error(), tc.contains) {
				t.Errorf("%s\nSpec(): errors %v do not contain %q", tc.reason, all, tc.contains)
			}
		})
	}
}
