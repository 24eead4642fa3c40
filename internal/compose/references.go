package compose

import (
	"slices"

	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// referenceSecretNamespace holds the values of a legacy XR without a claim
// (a cluster-scoped MR's Secret needs a namespace): Crossplane's own.
const referenceSecretNamespace = "crossplane-system"

// references renders an observe-only ssm Parameter for each SSM parameter the
// spec references, always (a reference the function stops returning would be
// deleted, and its value with it), and waits for those whose value is not
// read yet.
func (p *pass) references() {
	for _, parameter := range p.References {
		name := naming.SSMReference(parameter)
		p.out.Resources = append(p.out.Resources, Resource{
			Name: name, Object: p.Target.ObservedParameter(parameter, naming.SSMReferenceSecret(p.XRName, parameter), first(p.TeamNamespace, referenceSecretNamespace)),
			Ready: p.Observed.Ready(name),
		})
		if slices.Contains(p.Unresolved, parameter) {
			p.wait("the value of the SSM parameter %s (%s)", parameter, name)
		}
	}
}
