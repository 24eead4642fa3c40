package compose

import (
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
)

// runtimeName is the physical runtime name: the observed one wins, so that a change
// of the platform's prefix never renames (replaces) a live runtime.
func runtimeName(req Request) string {
	return first(req.Observed.ForProvider(naming.AgentRuntime, "agentRuntimeName"),
		naming.Runtime(req.Settings.NamePrefix, req.Spec.AgentRuntimeName))
}

// runtime renders the AgentRuntime once its role is usable and its image known.
func (p *pass) runtime() {
	f := &p.out.Facts
	roleArn := first(f.RoleArn, p.Observed.ForProvider(naming.AgentRuntime, "roleArn"))
	image := f.ImageURI
	if image == "" {
		image = p.Observed.String(naming.AgentRuntime, "spec", "forProvider", "agentRuntimeArtifact", "containerConfiguration", "containerUri")
	}
	if !p.Observed.Has(naming.AgentRuntime) {
		p.vpcS3Warning()
		switch {
		case roleArn == "":
			p.wait("the ARN of %s before %s", naming.ExecutionRole, naming.AgentRuntime)
			return
		case !p.allReady(p.iamWanted...):
			return // each IAM resource already says what it waits for
		case p.Spec.AgentRuntimeArtifact.ContainerConfiguration != nil && image == "":
			p.wait("the image of %s", naming.AgentRuntime)
			return
		}
	}
	in := render.RuntimeInput{Spec: p.Spec, Name: f.RuntimeName, RoleArn: roleArn, ImageURI: image, Tags: p.tags}
	if j := jwtAuthorizer(p.Spec); j != nil && j.Cognito != nil {
		switch {
		case f.CognitoDiscoveryURL != "" && f.CognitoClientID != "":
			in.Cognito = &render.CognitoIssuer{DiscoveryURL: f.CognitoDiscoveryURL, ClientID: f.CognitoClientID}
		case p.Observed.Has(naming.AgentRuntime):
			// The pool's or client's status is missing for a pass: the runtime
			// keeps the authorizer it has (never rendered without one).
			in.KeptAuthorizer, _ = Lookup(p.Observed[naming.AgentRuntime], "spec", "forProvider", "authorizerConfiguration").(map[string]any)
		default:
			p.wait("the discovery URL of %s and the ID of %s before %s", naming.CognitoUserPool, naming.CognitoClient, naming.AgentRuntime)
			return
		}
	}
	p.add(naming.AgentRuntime, p.Target.AgentRuntime(in))
	f.RuntimeArn = p.Observed.AtProvider(naming.AgentRuntime, runtimeArn)
	f.RuntimeID = p.Observed.AtProvider(naming.AgentRuntime, runtimeID)
	f.RuntimeVersion = p.Observed.AtProvider(naming.AgentRuntime, runtimeVersion)
	if f.RuntimeArn != "" {
		f.InvokeURL = InvokeURL(p.Settings.Region, f.RuntimeArn, "DEFAULT")
		if e := p.Spec.RuntimeEndpoint; e != nil {
			f.InvokeURL = InvokeURL(p.Settings.Region, f.RuntimeArn, Endpoints(p.Spec)[0].Name)
		}
	}
	f.WorkloadIdentityArn = p.Observed.AtProvider(naming.AgentRuntime, workloadIdentityArn)
}

// vpcS3Warning says, until the runtime exists, that a runtime created in VPC
// mode since May 2026 gets no service-managed S3 gateway: its image layers
// (ECR stores them in S3) and code zip come through the VPC's own routes.
// Validation cannot see routes, and once the runtime runs the point is moot.
func (p *pass) vpcS3Warning() {
	n := p.Spec.NetworkConfiguration
	if p.Settings.SubnetsReachS3 || n == nil || (n.NetworkMode != nil && *n.NetworkMode != "VPC") || len(n.Subnets) == 0 {
		return
	}
	p.warn("spec.networkConfiguration.subnets", "runtimes created in VPC mode since May 2026 get no service-managed S3 gateway: the subnets need a route to S3 in %s (an S3 gateway endpoint on their route tables, or a NAT gateway), and without NAT interface endpoints for ECR, logs and STS, or pulling the image or code fails (README, Troubleshooting); a platform whose subnets reach S3 sets the Input's subnetsReachS3: true", p.Settings.Region)
}
