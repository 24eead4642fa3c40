package compose

import (
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// LogGroupName is the group AgentCore writes a qualifier's logs to.
func LogGroupName(runtimeID, qualifier string) string {
	return "/aws/bedrock-agentcore/runtimes/" + runtimeID + "-" + qualifier
}

// logGroups renders the groups the service writes to, once the runtime's ID is
// observed, so that they get a retention and a key (the service's own have neither).
func (p *pass) logGroups() {
	retention := p.Spec.LogRetentionDays
	if retention == nil {
		retention = p.Settings.LogRetentionInDays
	}
	p.logGroup(naming.LogGroupDefault, "DEFAULT", retention)
	for _, e := range Endpoints(p.Spec) {
		p.logGroup(naming.LogGroupPrefix+e.Name, e.Name, retention)
	}
}

func (p *pass) logGroup(resource, qualifier string, retention *int32) {
	name := ""
	if id := p.out.Facts.RuntimeID; id != "" {
		name = LogGroupName(id, qualifier)
	}
	name, ok := p.gate(name, p.Observed.ExternalName(resource), "the ID of %s before %s", naming.AgentRuntime, resource)
	if !ok {
		return
	}
	p.add(resource, p.Target.LogGroup(name, retention, p.Settings.LogKMSKeyArn, p.tags))
	p.out.Facts.LogGroups = append(p.out.Facts.LogGroups, name)
}
