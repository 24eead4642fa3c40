package render

import (
	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// RuntimeInput is an AgentRuntime: the spec plus the values resolved for it.
type RuntimeInput struct {
	Spec     *v1alpha1.Spec
	Name     string // physical name
	RoleArn  string
	ImageURI string // container image, when the artifact is a container
	Tags     map[string]string
	// Cognito is the created user pool's issuer and app client, for a JWT
	// authorizer with cognito.
	Cognito *CognitoIssuer
	// KeptAuthorizer, when set, is rendered as the authorizerConfiguration
	// (the one an existing runtime has, while Cognito's facts are missing).
	KeptAuthorizer map[string]any
}

// AgentRuntime is a bedrockagentcore AgentRuntime with every field the spec sets.
func (t Target) AgentRuntime(in RuntimeInput) map[string]any {
	s := in.Spec
	fp := map[string]any{
		"agentRuntimeName":     in.Name,
		fieldRegion:            t.Region,
		"agentRuntimeArtifact": artifact(s.AgentRuntimeArtifact, in.ImageURI),
	}
	set(fp, "roleArn", in.RoleArn)
	set(fp, "description", s.Description)
	set(fp, "environmentVariables", s.EnvironmentVariables)
	set(fp, "networkConfiguration", network(s.NetworkConfiguration))
	set(fp, "lifecycleConfiguration", lifecycle(s.LifecycleConfiguration))
	set(fp, "authorizerConfiguration", authorizer(s.AuthorizerConfiguration, in.Cognito))
	if in.KeptAuthorizer != nil {
		fp["authorizerConfiguration"] = in.KeptAuthorizer
	}
	set(fp, "requestHeaderConfiguration", headers(s.RequestHeaderConfiguration))
	if s.ProtocolConfiguration != nil {
		fp["protocolConfiguration"] = map[string]any{"serverProtocol": *s.ProtocolConfiguration}
	}
	set(fp, "filesystemConfiguration", filesystems(s.FilesystemConfigurations))
	set(fp, "tags", in.Tags)
	return t.managed("bedrockagentcore", "AgentRuntime", fp, "")
}

func artifact(a v1alpha1.Artifact, imageURI string) map[string]any {
	if c := a.CodeConfiguration; c != nil {
		s3 := map[string]any{"bucket": c.S3.Bucket, "prefix": c.S3.Prefix}
		set(s3, "versionId", c.S3.VersionId)
		return map[string]any{"codeConfiguration": map[string]any{
			"code":       map[string]any{"s3": s3},
			"entryPoint": AnyList(c.EntryPoint),
			"runtime":    c.Runtime,
		}}
	}
	return map[string]any{"containerConfiguration": map[string]any{"containerUri": imageURI}}
}

// network is VPC mode unless PUBLIC is asked for; MDAA always forces VPC.
func network(n *v1alpha1.Network) map[string]any {
	if n == nil {
		return nil
	}
	if n.NetworkMode != nil && *n.NetworkMode == "PUBLIC" {
		return map[string]any{"networkMode": "PUBLIC"}
	}
	cfg := map[string]any{}
	set(cfg, "securityGroups", n.SecurityGroups)
	set(cfg, "subnets", n.Subnets)
	return map[string]any{"networkMode": "VPC", "networkModeConfig": cfg}
}

func lifecycle(l *v1alpha1.Lifecycle) map[string]any {
	if l == nil {
		return nil
	}
	out := map[string]any{}
	set(out, "idleRuntimeSessionTimeout", l.IdleRuntimeSessionTimeout)
	set(out, "maxLifetime", l.MaxLifetime)
	return out
}

// headers takes requestHeaderAllowlist, else MDAA's deprecated allowedHeaders.
func headers(h *v1alpha1.RequestHeaders) map[string]any {
	if h == nil {
		return nil
	}
	names := h.RequestHeaderAllowlist
	if len(names) == 0 {
		names = h.AllowedHeaders
	}
	out := map[string]any{}
	set(out, "requestHeaderAllowlist", names)
	return out
}

func filesystems(fs []v1alpha1.Filesystem) []any {
	out := make([]any, 0, len(fs))
	for _, f := range fs {
		switch {
		case f.SessionStorage != nil:
			out = append(out, map[string]any{"sessionStorage": map[string]any{"mountPath": f.SessionStorage.MountPath}})
		case f.EfsAccessPoint != nil:
			out = append(out, map[string]any{"efsAccessPoint": accessPoint(f.EfsAccessPoint)})
		case f.S3FilesAccessPoint != nil:
			out = append(out, map[string]any{"s3FilesAccessPoint": accessPoint(f.S3FilesAccessPoint)})
		}
	}
	return out
}

func accessPoint(a *v1alpha1.AccessPointMount) map[string]any {
	return map[string]any{"accessPointArn": a.AccessPointArn, "mountPath": a.MountPath}
}
