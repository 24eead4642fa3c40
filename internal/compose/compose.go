// Package compose decides, from the spec and what is observed, which composed
// resources to render in this pass: each stage gates on observed facts (role ARN ->
// runtime -> endpoints), and a resource that exists is always rendered again.
package compose

import (
	"fmt"
	"maps"
	"sort"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/ecruri"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
	"github.com/platform-io/function-agentcore-runtime/internal/settings"
	"github.com/platform-io/function-agentcore-runtime/internal/validate"
)

// Request is everything one pass composes from.
type Request struct {
	Spec     *v1alpha1.Spec
	Settings settings.Settings
	Target   render.Target
	Observed Observed
	// TeamNamespace is the XR's or its claim's namespace.
	TeamNamespace string
	// SecretName is the connection Secret of a namespaced XR.
	SecretName string
	// PreviousConnection are a legacy XR's observed connection details.
	PreviousConnection map[string]string
	// References are the SSM parameters the spec references (ssm:/path),
	// sorted (spec.References), Unresolved those whose value is not read yet:
	// while any is, only the references are composed.
	References, Unresolved []string
	// XRName names the Secrets of the references' values
	// (naming.SSMReferenceSecret).
	XRName string
}

// Resource is one desired composed resource.
type Resource struct {
	Name   string
	Object map[string]any
	Ready  bool
}

// Result is the outcome of one pass.
type Result struct {
	Resources []Resource
	// Waiting says, in stage order, what keeps a wanted resource from being rendered
	// or from being Ready.
	Waiting []string
	// waitStage is the stage of each Waiting entry.
	waitStage []int
	// Warnings are soft problems found while composing, of the same type as
	// validation's.
	Warnings []validate.Warning
	// Failing are the composed resources whose provider reports an error, in
	// the order they were rendered.
	Failing []Failure
	// Facts are observed values later stages and the status use.
	Facts Facts
	// Connection are the connection details, nil until the runtime's ARN is known.
	Connection map[string]string
}

// Facts are the observed values of this pass.
type Facts struct {
	RuntimeName         string
	RoleArn             string
	RoleName            string
	RuntimeArn          string
	RuntimeID           string
	RuntimeVersion      string
	WorkloadIdentityArn string
	RepositoryURL       string
	ImageURI            string
	PushCommand         string
	InvokeURL           string
	Endpoints           []EndpointFacts
	LogGroups           []string
	SSMParameters       []string
	// VpcEndpointID and VpcEndpointSecurityGroupID are those of MDAA's
	// vpcEndpoint, once observed.
	VpcEndpointID              string
	VpcEndpointSecurityGroupID string
	// AlarmTopicArn is the alarms' topic: the existing one, or the created
	// one once observed.
	AlarmTopicArn string
	// CognitoUserPoolID, CognitoClientID and CognitoDiscoveryURL are those
	// of MDAA's cognito, once observed (the last two also from the runtime
	// once it exists).
	CognitoUserPoolID   string
	CognitoClientID     string
	CognitoDiscoveryURL string
}

// EndpointFacts are an endpoint's observed values.
type EndpointFacts struct {
	Name, Resource, Arn, ID, Version string
	// Extra is true for runtimeEndpoints entries (not MDAA's single endpoint).
	Extra bool
}

// Ready reports whether every wanted resource is rendered and Ready.
func (r *Result) Ready() bool { return len(r.Waiting) == 0 }

// Blocking are the Waiting entries of the earliest stage: what the composite waits
// for now. Later stages only wait on its outcome.
func (r *Result) Blocking() []string {
	var out []string
	for i, w := range r.Waiting {
		if r.waitStage[i] == r.waitStage[0] {
			out = append(out, w)
		}
	}
	return out
}

// pass holds the state of one Compose call.
type pass struct {
	Request
	out  Result
	tags map[string]string
	// iamWanted are the IAM resources the spec wants, rendered yet or not: the
	// runtime waits until all of them are Ready.
	iamWanted []string
	stage     int
	// containerImage is the containerUri, parsed once per pass; nil for other
	// artifacts.
	containerImage *ecruri.Image
}

// Compose renders every resource the spec wants and the observed state allows.
func Compose(req Request) Result {
	p := newPass(req)
	p.references()
	if len(req.Unresolved) > 0 {
		return p.out
	}
	for _, st := range Stages {
		p.stage = st.Level
		st.run(p)
	}
	sort.SliceStable(p.out.Resources, func(i, j int) bool { return p.out.Resources[i].Name < p.out.Resources[j].Name })
	return p.out
}

// newPass is the state of a pass before its first stage.
func newPass(req Request) *pass {
	p := &pass{Request: req, tags: mergeTags(req.Settings.Tags, req.Spec.Tags)}
	p.out.Facts.RuntimeName = runtimeName(req)
	if c := req.Spec.AgentRuntimeArtifact.ContainerConfiguration; c != nil && c.ContainerUri != nil {
		if img, err := ecruri.Parse(*c.ContainerUri); err == nil {
			p.containerImage = &img
		}
	}
	return p
}

// add renders a resource and records what it waits for when it is not Ready,
// and what its provider reports as failing.
func (p *pass) add(name string, obj map[string]any) {
	ready := p.Observed.Ready(name)
	p.out.Resources = append(p.out.Resources, Resource{Name: name, Object: obj, Ready: ready})
	if !ready {
		p.wait("%s to become Ready", name)
	}
	if f, ok := p.Observed.Failure(name); ok {
		p.out.Failing = append(p.out.Failing, f)
	}
}

// allReady reports whether every one of names was rendered in this pass and is Ready.
func (p *pass) allReady(names ...string) bool {
	for _, n := range names {
		found := false
		for _, r := range p.out.Resources {
			if r.Name == n {
				found = true
				if !r.Ready {
					return false
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (p *pass) wait(format string, a ...any) {
	p.out.Waiting = append(p.out.Waiting, fmt.Sprintf(format, a...))
	p.out.waitStage = append(p.out.waitStage, p.stage)
}

func (p *pass) warn(fieldPath, format string, a ...any) {
	p.out.Warnings = append(p.out.Warnings, validate.Warning{Field: fieldPath, Message: fmt.Sprintf(format, a...)})
}

// mergeTags lays the XR's tags over the platform's.
func mergeTags(platform, xr map[string]string) map[string]string {
	if len(platform)+len(xr) == 0 {
		return nil
	}
	out := make(map[string]string, len(platform)+len(xr))
	maps.Copy(out, platform)
	maps.Copy(out, xr)
	return out
}
