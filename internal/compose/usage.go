package compose

import (
	"strings"

	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
)

// usages order deletion: the runtime uses its role and the role's attachments (the
// runtime must stop before it loses its permissions), each attachment uses the role
// and the policy it attaches, each endpoint uses the runtime.
// Functions do not run on delete, so the Usages must exist beforehand; each is
// rendered once both objects exist, as it names them.
func (p *pass) usages() {
	for _, r := range p.out.Resources {
		attachment := naming.IsExecutionPolicyAttachment(r.Name) || strings.HasPrefix(r.Name, naming.PolicyAttachmentPrefix)
		if r.Name == naming.ExecutionRole || attachment {
			p.usage(r.Name, naming.AgentRuntime, "the runtime runs with this role's permissions")
		}
		// IAM refuses to delete a role or a policy that is still attached.
		if attachment && p.Spec.RoleArn == nil {
			p.usage(naming.ExecutionRole, r.Name, "the role keeps this policy attached")
		}
		if naming.IsExecutionPolicyAttachment(r.Name) {
			p.usage(strings.TrimSuffix(r.Name, "-attachment"), r.Name, "the policy stays until it is detached")
		}
		if strings.HasPrefix(r.Name, naming.EndpointPrefix) {
			p.usage(naming.AgentRuntime, r.Name, "the endpoint serves this runtime")
		}
		// EC2 refuses to delete a security group that network interfaces use.
		if naming.IsVpcEndpoint(r.Name) {
			p.usage(naming.VpcEndpointSecurityGroup, r.Name, "the endpoint's network interfaces are in this security group")
		}
	}
}

// usage renders "by uses of" under the name usage-<by>-uses-<of>.
func (p *pass) usage(of, by, reason string) {
	name := naming.UsagePrefix + by + "-uses-" + of
	ofRef, byRef := p.ref(of), p.ref(by)
	if ofRef.Name == "" || byRef.Name == "" {
		if !p.Observed.Has(name) {
			return // nothing to protect before both exist
		}
		ofRef, byRef = p.usageRef(name, "of"), p.usageRef(name, "by")
	}
	p.out.Resources = append(p.out.Resources, Resource{Name: name, Object: p.Target.Usage(ofRef, byRef, reason), Ready: true})
}

// ref is the observed object behind a composition resource name.
func (p *pass) ref(name string) render.Ref {
	return render.Ref{APIVersion: p.Observed.String(name, "apiVersion"), Kind: p.Observed.String(name, "kind"), Name: p.Observed.String(name, "metadata", "name")}
}

// usageRef is a side of an observed Usage, rendered again as it was.
func (p *pass) usageRef(name, side string) render.Ref {
	return render.Ref{
		APIVersion: p.Observed.String(name, "spec", side, "apiVersion"),
		Kind:       p.Observed.String(name, "spec", side, "kind"),
		Name:       p.Observed.String(name, "spec", side, "resourceRef", "name"),
	}
}
