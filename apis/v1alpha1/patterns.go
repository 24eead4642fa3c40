package v1alpha1

// Patterns of the spec's values: one home for each, shared by validation (and
// rendering where it reads them). The XRD's kubebuilder markers cannot name a
// Go constant, so TestXRDPatternsAreNamed fails when the generated schema
// carries a pattern that is not one of these, and validation compiles these
// same constants: a marker and its check cannot drift apart.
const (
	// AgentRuntimeVersionPattern is an AgentCore runtime version
	// (CreateAgentRuntimeEndpoint's targetVersion): "1", "2", ... MDAA's
	// sample writes '1.0.0', which is not one.
	AgentRuntimeVersionPattern = `^[1-9][0-9]{0,4}$`

	// HeaderNamePattern is the API's HeaderName since May 2026 (AgentCore's
	// RequestHeaderAllowlist items): a letter, then letters, digits, - and _.
	HeaderNamePattern = `^[A-Za-z][A-Za-z0-9_-]{0,255}$`

	// ClaimPattern is a custom claim's name and each value it is matched
	// against: 1-255 of letters, digits and _ . : / - (the API reference
	// writes [A-Za-z0-9_.-:]+, CloudFormation spells the set out as
	// [A-Za-z0-9_.:/-]+).
	ClaimPattern = `^[A-Za-z0-9_.:/-]{1,255}$`

	// RuntimeNamePattern is agentRuntimeName as written: MDAA sanitises '-'
	// (and the platform's prefix) into an AgentCore name, so '-' is admitted.
	RuntimeNamePattern = `^[a-zA-Z][a-zA-Z0-9_-]*$`

	// EndpointNamePattern is an endpoint name as written. AgentCore's own is
	// [a-zA-Z][a-zA-Z0-9_]{0,47}; '-' is admitted because MDAA sanitises it to
	// '_' (its tests use my-endpoint-name), and the function does the same.
	EndpointNamePattern = `^[a-zA-Z][a-zA-Z0-9_-]{0,47}$`

	// CognitoDomainPrefixPattern is a hosted UI domain prefix (MDAA's): 1-63
	// lower-case letters, digits and hyphens, starting and ending with a
	// letter or digit.
	CognitoDomainPrefixPattern = `^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`

	// MountPathPattern is a filesystem mount path under /mnt.
	MountPathPattern = `^/mnt/[a-zA-Z0-9._-]+$`

	// FilesystemArnPattern admits an EFS or S3 Files access point ARN, with
	// the {{partition}} placeholder; validation then checks the exact form.
	FilesystemArnPattern = `^arn:(aws[a-z-]*|\{\{partition\}\}):(elasticfilesystem|s3|s3files):.+$`

	// RoleArnPattern admits an IAM role ARN with MDAA's placeholders;
	// validation checks the resolved ARN's name and path.
	RoleArnPattern = `^arn:(aws[a-z-]*|\{\{partition\}\}):iam::([0-9]{12}|\{\{account\}\}):role/.+$`

	// PolicyArnPattern admits an IAM managed policy ARN (AWS's or an
	// account's) with MDAA's placeholders.
	PolicyArnPattern = `^arn:(aws[a-z-]*|\{\{partition\}\}):iam::([0-9]{12}|aws|\{\{account\}\}):policy/.+$`

	// DiscoveryURLPattern is an OIDC discovery URL (the API's DiscoveryUrl).
	DiscoveryURLPattern = `^https://.+/\.well-known/openid-configuration$`

	// SecurityGroupIDPattern, SubnetIDPattern and VpcIDPattern are EC2 IDs.
	SecurityGroupIDPattern = `^sg-[0-9a-f]{8,17}$`
	SubnetIDPattern        = `^subnet-[0-9a-f]{8,17}$`
	VpcIDPattern           = `^vpc-[0-9a-f]{8,17}$`
	RouteTableIDPattern    = `^rtb-[0-9a-f]{8,17}$`

	// SidPattern is an IAM statement ID.
	SidPattern = `^[a-zA-Z0-9]*$`

	// ImageTagPattern is an ECR image tag.
	ImageTagPattern = `^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,127}$`

	// DataIdentifierPattern is the name of a CloudWatch Logs managed data
	// identifier (EmailAddress, Ssn-US, ...).
	DataIdentifierPattern = `^[A-Za-z][A-Za-z0-9-]{0,127}$`

	// placeholderAlternative admits, at admission, a value holding one of
	// MDAA's placeholders ({{context:subnet_id_1}}, {{org}}-name, ...) or an
	// ssm:/path reference: the function checks it with the strict pattern
	// once it is resolved.
	placeholderAlternative = `.*\{\{[^{}]+\}\}.*|ssm:.+`

	// RuntimeNameAdmitted, SecurityGroupIDAdmitted, SubnetIDAdmitted and
	// VpcIDAdmitted are the XRD's forms of the MDAA fields whose configs use
	// placeholders: the strict pattern, or a value holding a placeholder.
	RuntimeNameAdmitted     = `^([a-zA-Z][a-zA-Z0-9_-]*|` + placeholderAlternative + `)$`
	SecurityGroupIDAdmitted = `^(sg-[0-9a-f]{8,17}|` + placeholderAlternative + `)$`
	SubnetIDAdmitted        = `^(subnet-[0-9a-f]{8,17}|` + placeholderAlternative + `)$`
	VpcIDAdmitted           = `^(vpc-[0-9a-f]{8,17}|` + placeholderAlternative + `)$`

	// S3BucketPattern is an S3 bucket name (3-63 characters).
	S3BucketPattern = `^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`
)

// Patterns are all of the above by name, for the test that ties them to the XRD.
var Patterns = map[string]string{
	"AgentRuntimeVersionPattern": AgentRuntimeVersionPattern,
	"HeaderNamePattern":          HeaderNamePattern,
	"ClaimPattern":               ClaimPattern,
	"RuntimeNamePattern":         RuntimeNamePattern,
	"EndpointNamePattern":        EndpointNamePattern,
	"MountPathPattern":           MountPathPattern,
	"CognitoDomainPrefixPattern": CognitoDomainPrefixPattern,
	"FilesystemArnPattern":       FilesystemArnPattern,
	"RoleArnPattern":             RoleArnPattern,
	"PolicyArnPattern":           PolicyArnPattern,
	"DiscoveryURLPattern":        DiscoveryURLPattern,
	"SecurityGroupIDPattern":     SecurityGroupIDPattern,
	"SubnetIDPattern":            SubnetIDPattern,
	"VpcIDPattern":               VpcIDPattern,
	"RouteTableIDPattern":        RouteTableIDPattern,
	"SidPattern":                 SidPattern,
	"ImageTagPattern":            ImageTagPattern,
	"S3BucketPattern":            S3BucketPattern,
	"DataIdentifierPattern":      DataIdentifierPattern,
	"RuntimeNameAdmitted":        RuntimeNameAdmitted,
	"SecurityGroupIDAdmitted":    SecurityGroupIDAdmitted,
	"SubnetIDAdmitted":           SubnetIDAdmitted,
	"VpcIDAdmitted":              VpcIDAdmitted,
}
