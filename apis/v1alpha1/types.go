package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// XAgentCoreRuntime is one Amazon Bedrock AgentCore Runtime with everything it needs.
// Only its schema is used: the generator turns it into the two XRDs.
// +kubebuilder:object:root=true
type XAgentCoreRuntime struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   Spec   `json:"spec"`
	Status Status `json:"status,omitempty"`
}

// Spec is the MDAA bedrock-agentcore-runtime module config, plus what MDAA lacks.
// +kubebuilder:validation:XValidation:rule="!has(self.enforceVpcOnly) || !self.enforceVpcOnly || (has(self.networkConfiguration) && has(self.networkConfiguration.vpcId))",message="networkConfiguration.vpcId is required when enforceVpcOnly is true"
// +kubebuilder:validation:XValidation:rule="!has(self.runtimeEndpoint) || !has(self.runtimeEndpoints) || self.runtimeEndpoints.all(e, !has(self.runtimeEndpoint.name) || e.name != self.runtimeEndpoint.name)",message="runtimeEndpoints names must differ from runtimeEndpoint.name"
type Spec struct {
	// AgentRuntimeName is the runtime's name. The physical name is the Input's namePrefix
	// plus this name, with every character other than letters, digits and '_' turned into '_'.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=48
	// +kubebuilder:validation:Pattern=`^([a-zA-Z][a-zA-Z0-9_-]*|.*\{\{[^{}]+\}\}.*|ssm:.+)$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="agentRuntimeName cannot change: the runtime's name is its identity, and provider-aws refuses changes that need a new runtime; create a new runtime instead"
	AgentRuntimeName string `json:"agentRuntimeName"`

	// Description of the runtime.
	// +kubebuilder:validation:MaxLength=1200
	// +optional
	Description *string `json:"description,omitempty"`

	// RoleArn of an existing execution role. Without it the function creates the role
	// and its least-privilege policy.
	// +kubebuilder:validation:Pattern=`^arn:(aws[a-z-]*|\{\{partition\}\}):iam::([0-9]{12}|\{\{account\}\}):role/.+$`
	// +optional
	RoleArn *string `json:"roleArn,omitempty"`

	// AgentRuntimeArtifact is the code the runtime runs: a container image or an S3 zip.
	AgentRuntimeArtifact Artifact `json:"agentRuntimeArtifact"`

	// EnvironmentVariables passed to the runtime (at most 50).
	// +kubebuilder:validation:MaxProperties=50
	// +optional
	EnvironmentVariables map[string]string `json:"environmentVariables,omitempty"`

	// NetworkConfiguration of the runtime. VPC mode unless networkMode says PUBLIC.
	NetworkConfiguration *Network `json:"networkConfiguration"`

	// LifecycleConfiguration of runtime sessions.
	// +optional
	LifecycleConfiguration *Lifecycle `json:"lifecycleConfiguration,omitempty"`

	// AuthorizerConfiguration: inbound JWT authorization. Without it callers use IAM (SigV4).
	// +optional
	AuthorizerConfiguration *Authorizer `json:"authorizerConfiguration,omitempty"`

	// RequestHeaderConfiguration lists the request headers passed to the runtime.
	// +optional
	RequestHeaderConfiguration *RequestHeaders `json:"requestHeaderConfiguration,omitempty"`

	// ProtocolConfiguration is the server protocol of the runtime.
	// +kubebuilder:validation:Enum=HTTP;MCP;A2A;AGUI
	// +optional
	ProtocolConfiguration *string `json:"protocolConfiguration,omitempty"`

	// Policies added to the execution role: managed policy ARNs or policy documents.
	// +kubebuilder:validation:MaxItems=20
	// +optional
	Policies []Policy `json:"policies,omitempty"`

	// RuntimeEndpoint is MDAA's single endpoint.
	// +optional
	RuntimeEndpoint *Endpoint `json:"runtimeEndpoint,omitempty"`

	// RuntimeEndpoints are further endpoints, each with its own version pin.
	// +kubebuilder:validation:MaxItems=10
	// +kubebuilder:validation:XValidation:rule="self.all(e, has(e.name))",message="every runtimeEndpoints entry needs a name"
	// +optional
	RuntimeEndpoints []Endpoint `json:"runtimeEndpoints,omitempty"`

	// EnableTransactionSearch adds the CloudWatch Logs resource policy X-Ray needs.
	// Default false: the account-level setting is a singleton (MDAA defaults to true).
	// +optional
	EnableTransactionSearch *bool `json:"enableTransactionSearch,omitempty"`

	// AllowedModelArns replaces the model wildcard in the execution policy.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=50
	// +optional
	AllowedModelArns []string `json:"allowedModelArns,omitempty"`

	// EnforceVpcOnly allows invocation only from networkConfiguration.vpcId.
	// +optional
	EnforceVpcOnly *bool `json:"enforceVpcOnly,omitempty"`

	// AllowUserIDAccessTokens keeps bedrock-agentcore:GetWorkloadAccessTokenForUserId in
	// the execution policy of a runtime with a JWT authorizer, where it is left out by
	// default (the user's identity comes from the token; AWS advises against it there).
	// +optional
	AllowUserIDAccessTokens *bool `json:"allowUserIdAccessTokens,omitempty"`

	// InvokePrincipals are further accounts (12 digits) or IAM principal ARNs allowed to
	// invoke the runtime through its resource policy (with enforceVpcOnly).
	// +kubebuilder:validation:MaxItems=20
	// +optional
	InvokePrincipals []string `json:"invokePrincipals,omitempty"`

	// LogRetentionDays of the runtime's log groups (a CloudWatch Logs retention value).
	// +kubebuilder:validation:Enum=1;3;5;7;14;30;60;90;120;150;180;365;400;545;731;1096;1827;2192;2557;2922;3288;3653
	// +optional
	LogRetentionDays *int32 `json:"logRetentionDays,omitempty"`

	// DataProtection is MDAA's log data protection (v1.7): identifiers masked
	// in the runtime's logs on top of MDAA's built-in ones. provider-aws has no
	// per-log-group data protection kind: the account-level policy of
	// cmd/agentcore-account applies them, and a Warning says so.
	// +optional
	DataProtection *DataProtection `json:"dataProtection,omitempty"`

	// Alarms are MDAA's CloudWatch alarms on the runtime's error rate and
	// throttles, notifying an SNS topic (an existing one, or one created).
	// +optional
	Alarms *Alarms `json:"alarms,omitempty"`

	// EventBridgeAlerts are MDAA's EventBridge rules on the runtime's CloudTrail
	// events (API errors, control-plane changes), notifying the alarms' topic
	// and optionally a Lambda function. They need an alarms block with a topic.
	// +optional
	EventBridgeAlerts *EventBridgeAlerts `json:"eventBridgeAlerts,omitempty"`

	// FilesystemConfigurations mounted into the runtime (at most 5).
	// +kubebuilder:validation:MaxItems=5
	// +optional
	FilesystemConfigurations []Filesystem `json:"filesystemConfigurations,omitempty"`

	// Tags for every AWS resource of this runtime, over the Input's tags.
	// +kubebuilder:validation:MaxProperties=40
	// +optional
	Tags map[string]string `json:"tags,omitempty"`

	// WriteConnectionSecretToRef names the connection Secret of a namespaced XR
	// (default <xr name>-connection). Legacy XRs get Crossplane's own field.
	// +optional
	WriteConnectionSecretToRef *SecretRef `json:"writeConnectionSecretToRef,omitempty"`
}

// SecretRef names a Secret in the XR's namespace.
type SecretRef struct {
	// +kubebuilder:validation:MaxLength=253
	Name string `json:"name"`
}

// Artifact is what the runtime runs: exactly one of a container or S3 code.
// +kubebuilder:validation:XValidation:rule="has(self.containerConfiguration) != has(self.codeConfiguration)",message="exactly one of containerConfiguration and codeConfiguration is required"
// +kubebuilder:validation:XValidation:rule="has(self.containerConfiguration) == has(oldSelf.containerConfiguration)",message="the artifact cannot change between containerConfiguration and codeConfiguration: provider-aws refuses changes that need a new runtime; create a new runtime instead"
type Artifact struct {
	// +optional
	ContainerConfiguration *Container `json:"containerConfiguration,omitempty"`
	// +optional
	CodeConfiguration *Code `json:"codeConfiguration,omitempty"`
}

// Container is an image: a pre-built URI, a managed repository, or MDAA's codePath.
// +kubebuilder:validation:XValidation:rule="[has(self.containerUri), has(self.codePath), has(self.repository)].filter(x, x).size() == 1",message="exactly one of containerUri, codePath and repository is required"
type Container struct {
	// ContainerUri of a pre-built ECR image.
	// +kubebuilder:validation:MaxLength=1024
	// +optional
	ContainerUri *string `json:"containerUri,omitempty"`
	// CodePath is MDAA's build-from-source directory; here it means a managed
	// repository that CI pushes the image to.
	// +kubebuilder:validation:MaxLength=1024
	// +optional
	CodePath *string `json:"codePath,omitempty"`
	// Repository is a managed ECR repository for this runtime's image.
	// +optional
	Repository *Repository `json:"repository,omitempty"`
	// Platform of the image. AgentCore runs linux/arm64.
	// +kubebuilder:validation:Enum=linux/arm64;linux/amd64
	// +optional
	Platform *string `json:"platform,omitempty"`
}

// Repository is a managed ECR repository.
type Repository struct {
	// ImageTag the runtime runs.
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}$`
	ImageTag string `json:"imageTag"`
	// ImageTagMutability overrides the Input's setting.
	// +kubebuilder:validation:Enum=MUTABLE;IMMUTABLE
	// +optional
	ImageTagMutability *string `json:"imageTagMutability,omitempty"`
	// KeepLastImages overrides the Input's lifecycle setting.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=1000
	// +optional
	KeepLastImages *int32 `json:"keepLastImages,omitempty"`
	// PullPrincipals are further account or role ARNs allowed to pull.
	// +kubebuilder:validation:MaxItems=20
	// +optional
	PullPrincipals []string `json:"pullPrincipals,omitempty"`
}

// Code is a zip in S3 run by a managed runtime (Python or Node.js).
type Code struct {
	S3 S3Location `json:"s3"`
	// EntryPoint: the file (and optional arguments), 1-2 items.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=2
	// +kubebuilder:validation:items:MinLength=1
	// +kubebuilder:validation:items:MaxLength=128
	EntryPoint []string `json:"entryPoint"`
	// Runtime is the managed runtime: PYTHON_3_12, PYTHON_3_13, PYTHON_3_14 or
	// NODE_22. PYTHON_3_10 and PYTHON_3_11 are still admitted (runtimes made
	// with them exist) but AWS blocks creating or updating runtimes on them
	// since 2026-08-31, and the function warns.
	// +kubebuilder:validation:Enum=PYTHON_3_10;PYTHON_3_11;PYTHON_3_12;PYTHON_3_13;PYTHON_3_14;NODE_22
	Runtime string `json:"runtime"`
}

// S3Location of a code zip.
type S3Location struct {
	// +kubebuilder:validation:Pattern=`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`
	Bucket string `json:"bucket"`
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=1024
	Prefix string `json:"prefix"`
	// +kubebuilder:validation:MinLength=3
	// +kubebuilder:validation:MaxLength=1024
	// +optional
	VersionId *string `json:"versionId,omitempty"`
}

// Network is where the runtime runs.
// +kubebuilder:validation:XValidation:rule="(has(self.networkMode) && self.networkMode == 'PUBLIC') || (has(self.securityGroups) && size(self.securityGroups) > 0 && has(self.subnets) && size(self.subnets) > 0)",message="securityGroups and subnets are required in VPC mode"
type Network struct {
	// NetworkMode is VPC (default) or PUBLIC (only where the platform allows it).
	// +kubebuilder:validation:Enum=VPC;PUBLIC
	// +optional
	NetworkMode *string `json:"networkMode,omitempty"`
	// +kubebuilder:validation:MaxItems=16
	// +kubebuilder:validation:items:Pattern=`^(sg-[0-9a-f]{8,17}|.*\{\{[^{}]+\}\}.*|ssm:.+)$`
	// +optional
	SecurityGroups []string `json:"securityGroups,omitempty"`
	// +kubebuilder:validation:MaxItems=16
	// +kubebuilder:validation:items:Pattern=`^(subnet-[0-9a-f]{8,17}|.*\{\{[^{}]+\}\}.*|ssm:.+)$`
	// +optional
	Subnets []string `json:"subnets,omitempty"`
	// VpcId of the subnets; needed by enforceVpcOnly and vpcEndpoint.
	// +kubebuilder:validation:Pattern=`^(vpc-[0-9a-f]{8,17}|.*\{\{[^{}]+\}\}.*|ssm:.+)$`
	// +optional
	VpcId *string `json:"vpcId,omitempty"`
	// VpcEndpoint creates an interface VPC endpoint for AgentCore
	// (com.amazonaws.<region>.bedrock-agentcore) in vpcId, in the runtime's
	// subnets, with a security group that admits HTTPS from the runtime's
	// security groups (MDAA's vpcEndpoint). {} creates it with defaults.
	// +optional
	VpcEndpoint *VpcEndpoint `json:"vpcEndpoint,omitempty"`
	// ServiceEndpoints creates the interface VPC endpoints a VPC without NAT
	// needs for a runtime (bedrock-runtime, ecr.api, ecr.dkr, logs, ssm, sts,
	// xray) in vpcId and the runtime's subnets, with vpcEndpoint's security
	// group, and with routeTableIds the S3 gateway endpoint (image layers live
	// in S3). Off unless set; {} creates the interface endpoints. Only one
	// runtime per VPC may bring them (private DNS names are per VPC).
	// +optional
	ServiceEndpoints *ServiceEndpoints `json:"serviceEndpoints,omitempty"`
}

// ServiceEndpoints are the AWS service endpoints a runtime's VPC needs.
type ServiceEndpoints struct {
	// RouteTableIds of the runtime's subnets, for the S3 gateway endpoint.
	// +kubebuilder:validation:MaxItems=16
	// +kubebuilder:validation:items:Pattern=`^rtb-[0-9a-f]{8,17}$`
	// +optional
	RouteTableIds []string `json:"routeTableIds,omitempty"`
}

// Alarms is MDAA's alarms block (its presence enables it).
type Alarms struct {
	// ErrorRateThreshold in percent of invocations (whole numbers).
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=100
	// +optional
	ErrorRateThreshold *int32 `json:"errorRateThreshold,omitempty"`
	// +kubebuilder:validation:Minimum=0
	// +optional
	ThrottleCountThreshold *int32 `json:"throttleCountThreshold,omitempty"`
	// NotificationTopicArn is an existing SNS topic; or createNotificationTopic.
	// +optional
	NotificationTopicArn *string `json:"notificationTopicArn,omitempty"`
	// +optional
	CreateNotificationTopic *bool `json:"createNotificationTopic,omitempty"`
	// NotificationEmails subscribe to the created topic.
	// +kubebuilder:validation:MaxItems=20
	// +optional
	NotificationEmails []string `json:"notificationEmails,omitempty"`
	// MetricNamespace (default AWS/Bedrock-AgentCore).
	// +kubebuilder:validation:MaxLength=255
	// +optional
	MetricNamespace *string `json:"metricNamespace,omitempty"`
	// Dimensions replace the derived Resource, Operation and Name.
	// +kubebuilder:validation:MaxProperties=30
	// +optional
	Dimensions map[string]string `json:"dimensions,omitempty"`
	// PeriodSeconds: 1, 5, 10, 30 or a multiple of 60 (default 300).
	// +kubebuilder:validation:Minimum=1
	// +optional
	PeriodSeconds *int32 `json:"periodSeconds,omitempty"`
	// +kubebuilder:validation:Minimum=1
	// +optional
	EvaluationPeriods *int32 `json:"evaluationPeriods,omitempty"`
	// +kubebuilder:validation:Minimum=1
	// +optional
	DatapointsToAlarm *int32 `json:"datapointsToAlarm,omitempty"`
}

// EventBridgeAlerts is MDAA's eventBridgeAlerts block.
type EventBridgeAlerts struct {
	// Rules by key: the key is part of the rule's AWS name and of its
	// composition resource names, so keep it stable. Letters, digits, '.',
	// '_' and '-' (an EventBridge rule name's characters).
	// +kubebuilder:validation:MaxProperties=20
	// +optional
	Rules map[string]EventBridgeRule `json:"rules,omitempty"`
}

// EventBridgeRule matches the runtime's CloudTrail events with these error
// codes and/or event names (both: both must match).
type EventBridgeRule struct {
	// Description of the rule (default: MDAA's).
	// +kubebuilder:validation:MaxLength=512
	// +optional
	Description *string `json:"description,omitempty"`
	// ErrorCodes are CloudTrail errorCode values (an IAM denial is AccessDenied).
	// +kubebuilder:validation:MaxItems=50
	// +kubebuilder:validation:items:MaxLength=256
	// +optional
	ErrorCodes []string `json:"errorCodes,omitempty"`
	// EventNames are CloudTrail eventName values, e.g. UpdateAgentRuntime.
	// +kubebuilder:validation:MaxItems=50
	// +kubebuilder:validation:items:MaxLength=256
	// +optional
	EventNames []string `json:"eventNames,omitempty"`
	// TargetLambdaArn is an existing Lambda function of the runtime's region,
	// invoked with every matching event beside the topic.
	// +optional
	TargetLambdaArn *string `json:"targetLambdaArn,omitempty"`
}

// DataProtection is MDAA's dataProtection.
type DataProtection struct {
	// AdditionalIdentifiers are CloudWatch Logs managed data identifier names
	// (e.g. AwsSecretKey, DriversLicense-US) added to MDAA's built-in ones.
	// +kubebuilder:validation:MaxItems=50
	// +kubebuilder:validation:items:Pattern=`^[A-Za-z][A-Za-z0-9-]{0,127}$`
	// +optional
	AdditionalIdentifiers []string `json:"additionalIdentifiers,omitempty"`
}

// VpcEndpoint is MDAA's networkConfiguration.vpcEndpoint.
type VpcEndpoint struct {
	// EndpointPolicy of the AgentCore endpoint.
	// +optional
	EndpointPolicy *VpcEndpointPolicy `json:"endpointPolicy,omitempty"`
	// CreateSupportingEndpoints also creates interface endpoints for ecr.api,
	// ecr.dkr, sts and logs (same subnets and security group, AWS's default
	// policy), for subnets without NAT.
	// +optional
	CreateSupportingEndpoints *bool `json:"createSupportingEndpoints,omitempty"`
}

// VpcEndpointPolicy says who may invoke runtimes through the endpoint.
type VpcEndpointPolicy struct {
	// AllowPrincipals are the IAM principals (account or role/user ARNs) the
	// endpoint's policy allows; empty allows any principal ("*"), which a
	// JWT-authorised runtime needs (OAuth callers have no IAM principal).
	// +kubebuilder:validation:MaxItems=50
	// +optional
	AllowPrincipals []string `json:"allowPrincipals,omitempty"`
}

// Lifecycle of runtime sessions, in seconds.
// +kubebuilder:validation:XValidation:rule="!has(self.idleRuntimeSessionTimeout) || !has(self.maxLifetime) || self.idleRuntimeSessionTimeout <= self.maxLifetime",message="idleRuntimeSessionTimeout must not exceed maxLifetime"
type Lifecycle struct {
	// +kubebuilder:validation:Minimum=60
	// +kubebuilder:validation:Maximum=28800
	// +optional
	IdleRuntimeSessionTimeout *int32 `json:"idleRuntimeSessionTimeout,omitempty"`
	// +kubebuilder:validation:Minimum=60
	// +kubebuilder:validation:Maximum=28800
	// +optional
	MaxLifetime *int32 `json:"maxLifetime,omitempty"`
}

// Authorizer holds the JWT authorizer; jwtAuthorizer is MDAA's deprecated alias.
type Authorizer struct {
	// +optional
	CustomJwtAuthorizer *JWT `json:"customJwtAuthorizer,omitempty"`
	// Deprecated: use customJwtAuthorizer.
	// +optional
	JwtAuthorizer *JWT `json:"jwtAuthorizer,omitempty"`
}

// JWT is a custom JWT authorizer.
type JWT struct {
	// DiscoveryUrl: https, ending in /.well-known/openid-configuration.
	// Exactly one of discoveryUrl and cognito.
	// +kubebuilder:validation:Pattern=`^https://.+/\.well-known/openid-configuration$`
	// +optional
	DiscoveryUrl string `json:"discoveryUrl,omitempty"`
	// Cognito is MDAA's cognito: the function creates a user pool and its app
	// client (and a hosted UI domain and a federated identity provider when
	// asked), and the authorizer's discoveryUrl and first allowedAudience come
	// from them. `cognito: {}` takes every default.
	// +optional
	Cognito *Cognito `json:"cognito,omitempty"`
	// +kubebuilder:validation:MaxItems=100
	// +optional
	AllowedAudience []string `json:"allowedAudience,omitempty"`
	// +kubebuilder:validation:MaxItems=100
	// +optional
	AllowedClients []string `json:"allowedClients,omitempty"`
	// +kubebuilder:validation:MaxItems=100
	// +optional
	AllowedScopes []string `json:"allowedScopes,omitempty"`
	// +kubebuilder:validation:MaxItems=20
	// +optional
	CustomClaims []CustomClaim `json:"customClaims,omitempty"`
	// +optional
	PrivateEndpoint *PrivateEndpoint `json:"privateEndpoint,omitempty"`
	// +kubebuilder:validation:MaxItems=5
	// +optional
	PrivateEndpointOverrides []PrivateEndpointOverride `json:"privateEndpointOverrides,omitempty"`
	// +optional
	AllowedWorkloadConfiguration *WorkloadConfiguration `json:"allowedWorkloadConfiguration,omitempty"`
}

// Cognito is MDAA's customJwtAuthorizer.cognito.
type Cognito struct {
	// IdTokenValidityMinutes of the ID and access tokens (default 15).
	// +kubebuilder:validation:Minimum=5
	// +kubebuilder:validation:Maximum=60
	// +optional
	IdTokenValidityMinutes *int32 `json:"idTokenValidityMinutes,omitempty"`
	// Mfa: TOTP as the second factor, off, optional or required (default).
	// +kubebuilder:validation:Enum=off;optional;required
	// +optional
	Mfa *string `json:"mfa,omitempty"`
	// RemovalPolicy: retain (default) keeps the user pool when the runtime is
	// deleted and protects it from deletion; destroy deletes it.
	// +kubebuilder:validation:Enum=destroy;retain
	// +optional
	RemovalPolicy *string `json:"removalPolicy,omitempty"`
	// +optional
	HostedUi *CognitoHostedUI `json:"hostedUi,omitempty"`
	// Federation signs users in through a SAML or OIDC identity provider
	// (needs hostedUi).
	// +optional
	Federation *CognitoFederation `json:"federation,omitempty"`
}

// CognitoHostedUI is the user pool's hosted sign-in pages.
type CognitoHostedUI struct {
	// CallbackUrls: https, or http://localhost.
	// +kubebuilder:validation:MaxItems=100
	// +kubebuilder:validation:items:MaxLength=1024
	// +optional
	CallbackUrls []string `json:"callbackUrls,omitempty"`
	// +kubebuilder:validation:MaxItems=100
	// +kubebuilder:validation:items:MaxLength=1024
	// +optional
	LogoutUrls []string `json:"logoutUrls,omitempty"`
	// CognitoDomainPrefix of the hosted UI (default: from the name prefix and
	// agentRuntimeName). Unique per region.
	// +kubebuilder:validation:Pattern=`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`
	// +optional
	CognitoDomainPrefix *string `json:"cognitoDomainPrefix,omitempty"`
	// AllowedOAuthScopes (default openid, profile, email).
	// +kubebuilder:validation:MaxItems=4
	// +kubebuilder:validation:items:Enum=openid;profile;email;phone
	// +optional
	AllowedOAuthScopes []string `json:"allowedOAuthScopes,omitempty"`
}

// CognitoFederation is one of saml and oidc.
type CognitoFederation struct {
	// +optional
	Saml *CognitoSAML `json:"saml,omitempty"`
	// +optional
	Oidc *CognitoOIDC `json:"oidc,omitempty"`
}

// CognitoSAML is a SAML identity provider.
type CognitoSAML struct {
	// MetadataUrl of the identity provider: https.
	// +kubebuilder:validation:MaxLength=2048
	MetadataUrl string `json:"metadataUrl"`
	// EmailClaim holds the user's email (default email).
	// +kubebuilder:validation:MaxLength=256
	// +optional
	EmailClaim *string `json:"emailClaim,omitempty"`
}

// CognitoOIDC is an OIDC identity provider.
type CognitoOIDC struct {
	// IssuerUrl: https.
	// +kubebuilder:validation:MaxLength=2048
	IssuerUrl string `json:"issuerUrl"`
	// +kubebuilder:validation:MaxLength=256
	ClientId string `json:"clientId"`
	// ClientSecret is stored in the IdentityProvider's spec as given
	// (provider-aws has no secret reference for it), with a Warning.
	// +kubebuilder:validation:MaxLength=512
	ClientSecret string `json:"clientSecret"`
	// +kubebuilder:validation:MaxLength=256
	// +optional
	EmailClaim *string `json:"emailClaim,omitempty"`
}

// CustomClaim is a rule on one claim of the inbound token.
// +kubebuilder:validation:XValidation:rule="self.operator == 'EQUALS' ? self.valueType == 'STRING' : self.valueType == 'STRING_ARRAY'",message="EQUALS needs valueType STRING; CONTAINS and CONTAINS_ANY need STRING_ARRAY"
// +kubebuilder:validation:XValidation:rule="self.valueType == 'STRING' ? has(self.value) && !has(self.values) : has(self.values) && !has(self.value)",message="STRING claims take value, STRING_ARRAY claims take values"
type CustomClaim struct {
	// +kubebuilder:validation:Pattern=`^[A-Za-z0-9_.:/-]{1,255}$`
	Name string `json:"name"`
	// +kubebuilder:validation:Enum=STRING;STRING_ARRAY
	ValueType string `json:"valueType"`
	// +kubebuilder:validation:Enum=EQUALS;CONTAINS;CONTAINS_ANY
	Operator string `json:"operator"`
	// +kubebuilder:validation:Pattern=`^[A-Za-z0-9_.:/-]{1,255}$`
	// +optional
	Value *string `json:"value,omitempty"`
	// +kubebuilder:validation:MaxItems=100
	// +kubebuilder:validation:items:Pattern=`^[A-Za-z0-9_.:/-]{1,255}$`
	// +optional
	Values []string `json:"values,omitempty"`
}

// PrivateEndpoint reaches a private identity provider.
// +kubebuilder:validation:XValidation:rule="has(self.managedVpcResource) != has(self.selfManagedLatticeResource)",message="exactly one of managedVpcResource and selfManagedLatticeResource is required"
type PrivateEndpoint struct {
	// +optional
	ManagedVpcResource *ManagedVpcResource `json:"managedVpcResource,omitempty"`
	// +optional
	SelfManagedLatticeResource *LatticeResource `json:"selfManagedLatticeResource,omitempty"`
}

// ManagedVpcResource is a VPC endpoint AgentCore manages.
type ManagedVpcResource struct {
	// +kubebuilder:validation:Pattern=`^vpc-[0-9a-f]{8,17}$`
	VpcIdentifier string `json:"vpcIdentifier"`
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=16
	// +kubebuilder:validation:items:Pattern=`^subnet-[0-9a-f]{8,17}$`
	SubnetIds []string `json:"subnetIds"`
	// +kubebuilder:validation:MaxItems=5
	// +kubebuilder:validation:items:Pattern=`^sg-[0-9a-f]{8,17}$`
	// +optional
	SecurityGroupIds []string `json:"securityGroupIds,omitempty"`
	// EndpointIpAddressType is required by the API: IPV4 or IPV6.
	// +kubebuilder:validation:Enum=IPV4;IPV6
	// +kubebuilder:validation:Required
	EndpointIpAddressType *string `json:"endpointIpAddressType"`
	// +optional
	RoutingDomain *string `json:"routingDomain,omitempty"`
}

// LatticeResource is a VPC Lattice resource configuration.
type LatticeResource struct {
	// +kubebuilder:validation:MinLength=1
	ResourceConfigurationIdentifier string `json:"resourceConfigurationIdentifier"`
}

// PrivateEndpointOverride routes one domain through its own private endpoint.
type PrivateEndpointOverride struct {
	// +kubebuilder:validation:MinLength=1
	Domain          string          `json:"domain"`
	PrivateEndpoint PrivateEndpoint `json:"privateEndpoint"`
}

// WorkloadConfiguration limits which workloads may call the runtime.
type WorkloadConfiguration struct {
	// HostingEnvironmentArns, e.g. an AgentCore Gateway.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=10
	// +optional
	HostingEnvironmentArns []string `json:"hostingEnvironmentArns,omitempty"`
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=10
	// +optional
	WorkloadIdentities []string `json:"workloadIdentities,omitempty"`
}

// RequestHeaders are the headers passed through; allowedHeaders is MDAA's deprecated alias.
type RequestHeaders struct {
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=20
	// +kubebuilder:validation:items:Pattern=`^[A-Za-z][A-Za-z0-9_-]{0,255}$`
	// +optional
	RequestHeaderAllowlist []string `json:"requestHeaderAllowlist,omitempty"`
	// Deprecated: use requestHeaderAllowlist.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=20
	// +kubebuilder:validation:items:Pattern=`^[A-Za-z][A-Za-z0-9_-]{0,255}$`
	// +optional
	AllowedHeaders []string `json:"allowedHeaders,omitempty"`
}

// Policy is one managed policy ARN or one policy document.
// +kubebuilder:validation:XValidation:rule="has(self.policyArn) != has(self.policyDocument)",message="exactly one of policyArn and policyDocument is required"
type Policy struct {
	// +kubebuilder:validation:Pattern=`^arn:(aws[a-z-]*|\{\{partition\}\}):iam::([0-9]{12}|aws|\{\{account\}\}):policy/.+$`
	// +optional
	PolicyArn *string `json:"policyArn,omitempty"`
	// +optional
	PolicyDocument *PolicyDocument `json:"policyDocument,omitempty"`
}

// PolicyDocument is an IAM policy document.
type PolicyDocument struct {
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=50
	Statement []Statement `json:"Statement"`
}

// Statement is an IAM policy statement; Action and Resource take a string or a list.
type Statement struct {
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9]*$`
	// +optional
	Sid string `json:"Sid,omitempty"`
	// +kubebuilder:validation:Enum=Allow;Deny
	Effect string `json:"Effect"`
	// Action: a string or a non-empty list of strings. A structural schema cannot
	// type "string or list", and the API server rejects CEL rules on untyped
	// (schemaless) fields, so the XRD only requires the key; the function's
	// validation reports any other shape.
	// +kubebuilder:validation:Schemaless
	// +kubebuilder:pruning:PreserveUnknownFields
	Action StringOrList `json:"Action"`
	// Resource: a string or a non-empty list of strings, checked as Action is.
	// +kubebuilder:validation:Schemaless
	// +kubebuilder:pruning:PreserveUnknownFields
	Resource StringOrList `json:"Resource"`
	// Condition: operator -> key -> string or list of strings.
	// +kubebuilder:validation:Schemaless
	// +kubebuilder:pruning:PreserveUnknownFields
	// +optional
	Condition map[string]map[string]StringOrList `json:"Condition,omitempty"`
}

// Endpoint is a runtime endpoint.
type Endpoint struct {
	// Name of the endpoint; default <agentRuntimeName>_endpoint.
	// +kubebuilder:validation:Pattern=`^[a-zA-Z][a-zA-Z0-9_-]{0,47}$`
	// +optional
	Name *string `json:"name,omitempty"`
	// +kubebuilder:validation:MaxLength=256
	// +optional
	Description *string `json:"description,omitempty"`
	// AgentRuntimeVersion pins the endpoint to a runtime version ("1", "2", ...).
	// Unpinned, the endpoint follows the runtime: the function renders the
	// runtime's current version (AgentCore itself moves only DEFAULT to new
	// versions). MDAA's sample writes '1.0.0', which AgentCore rejects: such a
	// value is not pinned and a Warning says so.
	// +kubebuilder:validation:MaxLength=16
	// +optional
	AgentRuntimeVersion *string `json:"agentRuntimeVersion,omitempty"`
}

// Filesystem is one mount: session storage, an EFS access point or an S3 Files access point.
// +kubebuilder:validation:XValidation:rule="[has(self.sessionStorage), has(self.efsAccessPoint), has(self.s3FilesAccessPoint)].filter(x, x).size() == 1",message="exactly one of sessionStorage, efsAccessPoint and s3FilesAccessPoint is required"
type Filesystem struct {
	// +optional
	SessionStorage *Mount `json:"sessionStorage,omitempty"`
	// +optional
	EfsAccessPoint *AccessPointMount `json:"efsAccessPoint,omitempty"`
	// +optional
	S3FilesAccessPoint *AccessPointMount `json:"s3FilesAccessPoint,omitempty"`
}

// Mount is a mount path /mnt/<name>.
type Mount struct {
	// +kubebuilder:validation:Pattern=`^/mnt/[a-zA-Z0-9._-]+$`
	MountPath string `json:"mountPath"`
}

// AccessPointMount mounts an access point at /mnt/<name>.
type AccessPointMount struct {
	// +kubebuilder:validation:Pattern=`^arn:(aws[a-z-]*|\{\{partition\}\}):(elasticfilesystem|s3|s3files):.+$`
	AccessPointArn string `json:"accessPointArn"`
	// +kubebuilder:validation:Pattern=`^/mnt/[a-zA-Z0-9._-]+$`
	MountPath string `json:"mountPath"`
}
