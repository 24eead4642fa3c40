package v1alpha1

// Patterns of AWS identifiers that validation and rendering both use: one home
// for each, so that what is accepted and what is rendered never drift apart.
const (
	// AgentRuntimeVersionPattern is an AgentCore runtime version
	// (CreateAgentRuntimeEndpoint's targetVersion): "1", "2", ... MDAA's
	// sample writes '1.0.0', which is not one.
	AgentRuntimeVersionPattern = `^[1-9][0-9]{0,4}$`
)
