// Package v1alpha1 holds the XAgentCoreRuntime spec and status: the single source of
// both XRD schemas in package/configuration (see apis/generate.go).
// +kubebuilder:object:generate=true
// +groupName=agentcore.platform.io
// +versionName=v1alpha1
package v1alpha1
