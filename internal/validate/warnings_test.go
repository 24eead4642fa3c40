package validate

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

func TestWarnings(t *testing.T) {
	type warning struct{ field, contains string }
	cases := map[string]struct {
		mutate func(s *v1alpha1.Spec)
		opts   func(o *Options)
		want   []warning
	}{
		"None": {
			mutate: func(*v1alpha1.Spec) {},
			want:   []warning{},
		},
		"PlatformAmd64": {
			mutate: func(s *v1alpha1.Spec) { container(s).Platform = ptr("linux/amd64") },
			want:   []warning{{pCont + ".platform", "AgentCore Runtime runs linux/arm64 images only"}},
		},
		"CognitoHostedUIDomain": {
			mutate: func(s *v1alpha1.Spec) {
				useJWT(s, func(j *v1alpha1.JWT) {
					j.DiscoveryUrl = "https://orders-login.auth.us-east-1.amazoncognito.com/.well-known/openid-configuration"
				})
			},
			want: []warning{{pJWT + ".discoveryUrl", "use https://cognito-idp.<region>.amazonaws.com/<user pool id>/.well-known/openid-configuration"}},
		},
		"CognitoIssuer": {
			mutate: func(s *v1alpha1.Spec) { useJWT(s, func(*v1alpha1.JWT) {}) },
			want:   []warning{},
		},
		"PlatformArm64": {
			mutate: func(s *v1alpha1.Spec) { container(s).Platform = ptr("linux/arm64") },
			want:   []warning{},
		},
		"CodePath": {
			mutate: func(s *v1alpha1.Spec) {
				s.AgentRuntimeArtifact.ContainerConfiguration = &v1alpha1.Container{CodePath: ptr("./src")}
			},
			want: []warning{}, // the composer warns, naming the managed repository
		},
		"JwtAuthorizerAlias": {
			mutate: func(s *v1alpha1.Spec) {
				s.AuthorizerConfiguration = &v1alpha1.Authorizer{JwtAuthorizer: validJWT()}
			},
			want: []warning{{pAuth + ".jwtAuthorizer", "jwtAuthorizer is deprecated: rename it to customJwtAuthorizer"}},
		},
		"JWTWithoutRestrictions": {
			mutate: func(s *v1alpha1.Spec) { useJWT(s, func(j *v1alpha1.JWT) { j.AllowedAudience = nil }) },
			want:   []warning{{pJWT, "any token signed by the identity provider is accepted"}},
		},
		"JWTWithClaimsOnly": {
			mutate: func(s *v1alpha1.Spec) {
				useJWT(s, func(j *v1alpha1.JWT) {
					j.AllowedAudience = nil
					j.CustomClaims = []v1alpha1.CustomClaim{{Name: "groups", ValueType: "STRING_ARRAY", Operator: "CONTAINS", Values: []string{"agents"}}}
				})
			},
			want: []warning{},
		},
		"AllowedHeadersAlias": {
			mutate: func(s *v1alpha1.Spec) {
				s.RequestHeaderConfiguration = &v1alpha1.RequestHeaders{AllowedHeaders: []string{"X-Custom-Header"}}
			},
			want: []warning{
				{"spec.requestHeaderConfiguration.allowedHeaders", "allowedHeaders is deprecated"},
			},
		},
		"BothHeaderLists": {
			mutate: func(s *v1alpha1.Spec) {
				s.RequestHeaderConfiguration = &v1alpha1.RequestHeaders{
					RequestHeaderAllowlist: []string{customHeaderPrefix + "Tenant"},
					AllowedHeaders:         []string{"Content-Type"},
				}
			},
			want: []warning{{"spec.requestHeaderConfiguration.allowedHeaders", "ignored: requestHeaderAllowlist is set"}},
		},
		"CodeRuntimesOfToday": {
			// AWS offers PYTHON_3_14 and NODE_22 (no Warning) and blocks
			// creating or updating runtimes on PYTHON_3_10 and 3_11.
			mutate: func(s *v1alpha1.Spec) {
				useCode(s, func(c *v1alpha1.Code) { c.Runtime = "PYTHON_3_11" })
			},
			want: []warning{{"spec.agentRuntimeArtifact.codeConfiguration.runtime", "AWS refuses to create or update runtimes on it since 2026-08-31"}},
		},
		"CodeRuntimeNode22": {
			mutate: func(s *v1alpha1.Spec) {
				useCode(s, func(c *v1alpha1.Code) { c.Runtime = "NODE_22"; c.EntryPoint = []string{"index.js"} })
			},
			want: []warning{},
		},
		"CodeRuntimePython314": {
			mutate: func(s *v1alpha1.Spec) { useCode(s, func(c *v1alpha1.Code) { c.Runtime = "PYTHON_3_14" }) },
			want:   []warning{},
		},
		"EndpointNameHyphens": {
			// MDAA's own tests name an endpoint my-endpoint-name and sanitise it.
			mutate: func(s *v1alpha1.Spec) {
				s.RuntimeEndpoint = &v1alpha1.Endpoint{Name: ptr("my-endpoint-name")}
				s.RuntimeEndpoints = []v1alpha1.Endpoint{{Name: ptr("canary")}}
			},
			want: []warning{{"spec.runtimeEndpoint.name", "the endpoint is named my_endpoint_name"}},
		},
		"HeaderNames": {
			// Since May 2026 AgentCore passes any name outside its restricted list and
			// reserved prefixes: only Authorization without a JWT authorizer is worth a Warning.
			mutate: func(s *v1alpha1.Spec) {
				s.RequestHeaderConfiguration = headerAllowlist("Authorization", customHeaderPrefix+"Tenant", "traceparent", "X-Api-Key", "X_Custom_Signature")
			},
			want: []warning{
				{pHdr + "[0]", "passed only to runtimes with a customJwtAuthorizer"},
			},
		},
		"AuthorizationWithJWT": {
			mutate: func(s *v1alpha1.Spec) {
				useJWT(s, func(*v1alpha1.JWT) {})
				s.RequestHeaderConfiguration = headerAllowlist("Authorization")
			},
			want: []warning{},
		},
		"WildcardGrants": {
			mutate: func(s *v1alpha1.Spec) {
				allowAll := allowStatement()
				allowAll.Action = v1alpha1.StringOrList{Values: []string{"s3:GetObject", "s3:*", "*", "s3:Get*"}}
				allowAll.Resource = v1alpha1.StringOrList{Values: []string{"*"}}
				denyAll := allowStatement()
				denyAll.Effect = "Deny"
				denyAll.Action = v1alpha1.StringOrList{Values: []string{"*"}}
				denyAll.Resource = v1alpha1.StringOrList{Values: []string{"*"}}
				s.Policies = []v1alpha1.Policy{{PolicyDocument: &v1alpha1.PolicyDocument{Statement: []v1alpha1.Statement{allowAll, denyAll}}}}
			},
			want: []warning{
				{pStmt + ".Action", `wildcard actions ["s3:*" "*"]`},
				{pStmt + ".Resource", `Allow on Resource "*"`},
			},
		},
		"EnforceVpcOnly": {
			mutate: func(s *v1alpha1.Spec) {
				s.EnforceVpcOnly = ptr(true)
				s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
			},
			want: []warning{{"spec.enforceVpcOnly", "interface VPC endpoint com.amazonaws.us-east-1.bedrock-agentcore in that VPC"}},
		},
		"EnforceVpcOnlyChina": {
			mutate: func(s *v1alpha1.Spec) {
				s.EnforceVpcOnly = ptr(true)
				s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
				container(s).ContainerUri = ptr("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/test-runtime:latest")
			},
			opts: func(o *Options) { o.Partition, o.Region = "aws-cn", "cn-north-1" },
			want: []warning{{"spec.enforceVpcOnly", "cn.com.amazonaws.cn-north-1.bedrock-agentcore"}},
		},
		"InvokePrincipalsWithoutEnforceVpcOnly": {
			mutate: func(s *v1alpha1.Spec) { s.InvokePrincipals = []string{"210987654321"} },
			want:   []warning{{"spec.invokePrincipals", "created only with enforceVpcOnly: true"}},
		},
		"EnforceVpcOnlyWithVpcEndpoint": {
			// The function creates the endpoint: nothing to check by hand.
			mutate: func(s *v1alpha1.Spec) {
				s.EnforceVpcOnly = ptr(true)
				s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
				s.NetworkConfiguration.VpcEndpoint = &v1alpha1.VpcEndpoint{EndpointPolicy: &v1alpha1.VpcEndpointPolicy{AllowPrincipals: []string{"123456789012"}}}
			},
			want: []warning{},
		},
		"VpcEndpointWildcardPrincipal": {
			mutate: func(s *v1alpha1.Spec) {
				s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
				s.NetworkConfiguration.VpcEndpoint = &v1alpha1.VpcEndpoint{}
			},
			want: []warning{{"spec.networkConfiguration.vpcEndpoint.endpointPolicy.allowPrincipals", `the endpoint's policy allows any principal ("*")`}},
		},
		"VpcEndpointPrincipalsWithJWT": {
			mutate: func(s *v1alpha1.Spec) {
				useJWT(s, func(*v1alpha1.JWT) {})
				s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
				s.NetworkConfiguration.VpcEndpoint = &v1alpha1.VpcEndpoint{EndpointPolicy: &v1alpha1.VpcEndpointPolicy{AllowPrincipals: []string{"123456789012"}}}
			},
			want: []warning{{"spec.networkConfiguration.vpcEndpoint.endpointPolicy.allowPrincipals", "OAuth callers of a JWT-authorised runtime have no IAM principal"}},
		},
		"DataProtection": {
			// provider-aws cannot put the policy on a log group: the Warning
			// points at the account-level one.
			mutate: func(s *v1alpha1.Spec) {
				s.DataProtection = &v1alpha1.DataProtection{AdditionalIdentifiers: []string{"AwsSecretKey"}}
			},
			want: []warning{{"spec.dataProtection", "the platform applies the account-level policy once per account and region"}},
		},
		"ServiceEndpoints": {
			mutate: func(s *v1alpha1.Spec) {
				s.NetworkConfiguration.VpcId = ptr("vpc-12345678")
				s.NetworkConfiguration.ServiceEndpoints = &v1alpha1.ServiceEndpoints{}
			},
			want: []warning{{"spec.networkConfiguration.serviceEndpoints", "only one runtime (or the platform) may bring them to a VPC"}},
		},
		"AlarmTopicWithoutSubscribers": {
			mutate: func(s *v1alpha1.Spec) {
				s.Alarms = &v1alpha1.Alarms{ErrorRateThreshold: ptr(int32(5)), CreateNotificationTopic: ptr(true)}
			},
			want: []warning{{"spec.alarms.createNotificationTopic", "the alarms' topic has no subscribers"}},
		},
		"AlarmsImportedTopic": {
			mutate: func(s *v1alpha1.Spec) {
				s.Alarms = &v1alpha1.Alarms{ErrorRateThreshold: ptr(int32(5)), NotificationTopicArn: ptr("arn:aws:sns:us-east-1:123456789012:ops")}
			},
			want: []warning{{"spec.alarms.notificationTopicArn", "cloudwatch.amazonaws.com may sns:Publish to it"}},
		},
		"EventBridgeAlertsImportedTopic": {
			mutate: func(s *v1alpha1.Spec) {
				s.Alarms = &v1alpha1.Alarms{ErrorRateThreshold: ptr(int32(5)), NotificationTopicArn: ptr("arn:aws:sns:us-east-1:123456789012:ops")}
				s.EventBridgeAlerts = &v1alpha1.EventBridgeAlerts{Rules: map[string]v1alpha1.EventBridgeRule{"denied": {ErrorCodes: []string{"AccessDenied"}}}}
			},
			want: []warning{
				{"spec.alarms.notificationTopicArn", "cloudwatch.amazonaws.com may sns:Publish to it"},
				{"spec.eventBridgeAlerts", "make sure the topic's policy does not deny those roles"},
			},
		},
		"CognitoRequiredMfaWithoutHostedUI": {
			mutate: func(s *v1alpha1.Spec) {
				s.AuthorizerConfiguration = &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{Cognito: &v1alpha1.Cognito{}}}
			},
			want: []warning{{"spec.authorizerConfiguration.customJwtAuthorizer.cognito.mfa", "your application must drive the MFA setup itself"}},
		},
		"CognitoMfaOffAndOIDCSecret": {
			mutate: func(s *v1alpha1.Spec) {
				s.AuthorizerConfiguration = &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{Cognito: &v1alpha1.Cognito{
					Mfa:        ptr("off"),
					HostedUi:   &v1alpha1.CognitoHostedUI{CallbackUrls: []string{"https://example.com/cb"}},
					Federation: &v1alpha1.CognitoFederation{Oidc: &v1alpha1.CognitoOIDC{IssuerUrl: "https://login.example.com", ClientId: "c", ClientSecret: "s"}},
				}}}
			},
			// Federated: MFA is the identity provider's; the secret sits in the spec.
			want: []warning{
				{"spec.authorizerConfiguration.customJwtAuthorizer.cognito.hostedUi", "the hosted UI is Cognito's classic one"},
				{"spec.authorizerConfiguration.customJwtAuthorizer.cognito.federation.oidc.clientSecret", "stored as given in the spec"},
			},
		},
		"CognitoMfaOff": {
			mutate: func(s *v1alpha1.Spec) {
				s.AuthorizerConfiguration = &v1alpha1.Authorizer{CustomJwtAuthorizer: &v1alpha1.JWT{Cognito: &v1alpha1.Cognito{Mfa: ptr("off")}}}
			},
			want: []warning{{"spec.authorizerConfiguration.customJwtAuthorizer.cognito.mfa", "MFA is off"}},
		},
		"EnforceVpcOnlyFalse": {
			mutate: func(s *v1alpha1.Spec) { s.EnforceVpcOnly = ptr(false) },
			want:   []warning{},
		},
		"RoleInOtherAccount": {
			mutate: func(s *v1alpha1.Spec) {
				s.RoleArn = ptr("arn:aws:iam::210987654321:role/shared")
				s.Policies = policyArns("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
			},
			// The composer warns that the policies are not attached.
			want: []warning{{"spec.roleArn", "the role is in account 210987654321, not in this platform's account 123456789012"}},
		},
		"RoleInOtherAccountUnknownPlatformAccount": {
			mutate: func(s *v1alpha1.Spec) {
				s.RoleArn = ptr("arn:aws:iam::210987654321:role/shared")
				s.Policies = policyArns("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
			},
			opts: func(o *Options) { o.AccountID = "" },
			want: []warning{},
		},
		"PublicWithIDs": {
			mutate: func(s *v1alpha1.Spec) { s.NetworkConfiguration.NetworkMode = ptr("PUBLIC") },
			opts:   func(o *Options) { o.AllowPublicNetwork = true },
			want:   []warning{{pNet, "ignored in networkMode PUBLIC"}},
		},
		"EfsInOtherRegion": {
			mutate: func(s *v1alpha1.Spec) {
				s.FilesystemConfigurations = []v1alpha1.Filesystem{{EfsAccessPoint: &v1alpha1.AccessPointMount{
					AccessPointArn: "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123456789abcdef0", MountPath: "/mnt/efs",
				}}}
			},
			want: []warning{{pFS + "[0].efsAccessPoint.accessPointArn", "is in region eu-west-1, but the runtime runs in us-east-1"}},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := baseline()
			tc.mutate(s)
			o := testOptions()
			if tc.opts != nil {
				tc.opts(&o)
			}
			errs, ws := Spec(s, o)
			if len(errs) != 0 {
				t.Fatalf("Spec(): want no errors, got %v", errs)
			}
			want := make([]string, 0, len(tc.want))
			for _, w := range tc.want {
				want = append(want, w.field)
			}
			if diff := cmp.Diff(want, warningFields(ws)); diff != "" {
				t.Fatalf("Spec(): warning fields -want +got:\n%s\nwarnings: %v", diff, ws)
			}
			for i, w := range tc.want {
				if !strings.Contains(ws[i].Message, w.contains) {
					t.Errorf("warning %d %q does not contain %q", i, ws[i], w.contains)
				}
			}
		})
	}
}

func TestWarningString(t *testing.T) {
	w := Warning{Field: "spec.agentRuntimeArtifact.containerConfiguration.platform", Message: "use linux/arm64"}
	if diff := cmp.Diff("spec.agentRuntimeArtifact.containerConfiguration.platform: use linux/arm64", w.String()); diff != "" {
		t.Errorf("String(): -want +got:\n%s", diff)
	}
}
