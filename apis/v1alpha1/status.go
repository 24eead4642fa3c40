package v1alpha1

// Status is what app teams read: the runtime, its endpoints and outputs.
type Status struct {
	// +optional
	AgentRuntime *RuntimeStatus `json:"agentRuntime,omitempty"`
	// +optional
	Endpoints []EndpointStatus `json:"endpoints,omitempty"`
	// +optional
	ExecutionRoleArn string `json:"executionRoleArn,omitempty"`
	// +optional
	LogGroups []string `json:"logGroups,omitempty"`
	// +optional
	Image *ImageStatus `json:"image,omitempty"`
	// +optional
	SSMParameters []string `json:"ssmParameters,omitempty"`
	// +optional
	VpcEndpoint *VpcEndpointStatus `json:"vpcEndpoint,omitempty"`
}

// VpcEndpointStatus is the observed AgentCore interface VPC endpoint.
type VpcEndpointStatus struct {
	// ID of the endpoint (vpce-...).
	// +optional
	ID string `json:"id,omitempty"`
	// SecurityGroupID of the endpoint's security group.
	// +optional
	SecurityGroupID string `json:"securityGroupId,omitempty"`
}

// RuntimeStatus is the observed runtime.
type RuntimeStatus struct {
	Name string `json:"name,omitempty"`
	Arn  string `json:"arn,omitempty"`
	ID   string `json:"id,omitempty"`
	// +optional
	Version string `json:"version,omitempty"`
	// +optional
	WorkloadIdentityArn string `json:"workloadIdentityArn,omitempty"`
}

// EndpointStatus is one observed endpoint.
type EndpointStatus struct {
	Name string `json:"name"`
	// +optional
	Arn string `json:"arn,omitempty"`
	// +optional
	ID string `json:"id,omitempty"`
	// +optional
	Version string `json:"version,omitempty"`
	// +optional
	InvokeURL string `json:"invokeUrl,omitempty"`
}

// ImageStatus says where CI pushes the runtime's image.
type ImageStatus struct {
	// +optional
	RepositoryURL string `json:"repositoryUrl,omitempty"`
	// +optional
	PushCommand string `json:"pushCommand,omitempty"`
}
