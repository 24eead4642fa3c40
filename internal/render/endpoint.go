package render

import (
	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// AgentRuntimeEndpoint is an endpoint of the runtime with ID runtimeID.
func (t Target) AgentRuntimeEndpoint(name, runtimeID string, e v1alpha1.Endpoint, tags map[string]string) map[string]any {
	fp := map[string]any{fieldName: name, fieldRegion: t.Region, "agentRuntimeId": runtimeID}
	set(fp, "agentRuntimeVersion", e.AgentRuntimeVersion)
	set(fp, "description", e.Description)
	set(fp, "tags", tags)
	return t.managed("bedrockagentcore", "AgentRuntimeEndpoint", fp, "")
}
