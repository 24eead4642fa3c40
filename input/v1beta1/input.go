// Package v1beta1 holds the function's Input: the platform team's settings.
// +kubebuilder:object:generate=true
// +groupName=runtime.agentcore.platform.io
// +versionName=v1beta1
package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Input is the platform's settings for every runtime a Composition renders.
// It is never installed as a CRD: its schema documents the Input.
// +kubebuilder:object:root=true
// +kubebuilder:storageversion
// +kubebuilder:resource:categories=crossplane
type Input struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Region of every AWS resource, and {{region}} in the spec.
	// +optional
	Region string `json:"region,omitempty"`
	// AccountID of the runtime's account: {{account}}, ARNs and IAM conditions.
	// +kubebuilder:validation:Pattern=`^[0-9]{12}$`
	// +optional
	AccountID string `json:"accountId,omitempty"`
	// Partition of ARNs (default aws).
	// +kubebuilder:validation:Enum=aws;aws-cn;aws-us-gov;aws-iso;aws-iso-b;aws-iso-e;aws-iso-f;aws-eusc
	// +optional
	Partition string `json:"partition,omitempty"`
	// ProviderConfigRef of every composed MR.
	// +optional
	ProviderConfigRef *ProviderConfigRef `json:"providerConfigRef,omitempty"`
	// NamePrefix of every physical name; {{namespace}} is the XR's or claim's namespace.
	// +kubebuilder:validation:MaxLength=32
	// +optional
	NamePrefix string `json:"namePrefix,omitempty"`
	// Tags on every AWS resource; the XR's tags win.
	// +optional
	Tags map[string]string `json:"tags,omitempty"`
	// SSMParameterPrefix of the SSM parameters, e.g. /<org>/<domain>/<module> as MDAA.
	// +optional
	SSMParameterPrefix string `json:"ssmParameterPrefix,omitempty"`
	// AllowPublicNetwork lets runtimes use networkMode PUBLIC (default false).
	// +optional
	AllowPublicNetwork *bool `json:"allowPublicNetwork,omitempty"`
	// SubnetsReachS3 says that the runtimes' subnets reach S3 (an S3 gateway
	// endpoint on their route tables, or NAT). Runtimes created in VPC mode
	// since May 2026 get no service-managed S3 gateway; without this the
	// function warns about it until a runtime exists (default false).
	// +optional
	SubnetsReachS3 *bool `json:"subnetsReachS3,omitempty"`
	// Logs settings of the runtime's log groups.
	// +optional
	Logs *Logs `json:"logs,omitempty"`
	// ECR settings of managed repositories.
	// +optional
	ECR *ECR `json:"ecr,omitempty"`
	// PermissionsBoundaryArn set on every execution role the function creates.
	// +optional
	PermissionsBoundaryArn string `json:"permissionsBoundaryArn,omitempty"`

	// Org, Domain, Env and ModuleName are the values of MDAA's {{org}},
	// {{domain}}, {{env}} and {{module_name}} placeholders in a spec.
	// +optional
	Org string `json:"org,omitempty"`
	// +optional
	Domain string `json:"domain,omitempty"`
	// +optional
	Env string `json:"env,omitempty"`
	// +optional
	ModuleName string `json:"moduleName,omitempty"`
	// Context holds the values of {{context:NAME}} (MDAA's CDK context).
	// +optional
	Context map[string]string `json:"context,omitempty"`
	// EnvVars holds the values of {{env_var:NAME}} (MDAA read the synth
	// process's environment; a composition has none of its own).
	// +optional
	EnvVars map[string]string `json:"envVars,omitempty"`
}

// ProviderConfigRef names the provider config of the composed MRs.
type ProviderConfigRef struct {
	// Kind of a namespaced MR's provider config (default ClusterProviderConfig).
	// +kubebuilder:validation:Enum=ProviderConfig;ClusterProviderConfig
	// +optional
	Kind string `json:"kind,omitempty"`
	// Name of the provider config (default "default").
	// +optional
	Name string `json:"name,omitempty"`
}

// Logs settings.
type Logs struct {
	// +optional
	RetentionInDays *int32 `json:"retentionInDays,omitempty"`
	// +optional
	KMSKeyArn string `json:"kmsKeyArn,omitempty"`
}

// ECR settings.
type ECR struct {
	// +optional
	ScanOnPush *bool `json:"scanOnPush,omitempty"`
	// +kubebuilder:validation:Enum=MUTABLE;IMMUTABLE
	// +optional
	ImageTagMutability string `json:"imageTagMutability,omitempty"`
	// +kubebuilder:validation:Enum=AES256;KMS
	// +optional
	Encryption string `json:"encryption,omitempty"`
	// +optional
	KMSKeyArn string `json:"kmsKeyArn,omitempty"`
	// +optional
	KeepLastImages *int32 `json:"keepLastImages,omitempty"`
}
