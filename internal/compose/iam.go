package compose

import (
	"strings"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/ecruri"
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/render"
)

// iam renders the execution role, its policy and every attachment, or, with an
// existing roleArn in this account, attaches the user's policies to that role.
func (p *pass) iam() {
	s := p.Spec
	if s.RoleArn != nil {
		p.existingRole(*s.RoleArn)
		return
	}
	st := p.Settings
	roleName := naming.Role(st.NamePrefix, s.AgentRuntimeName, st.Region)
	p.out.Facts.RoleName = roleName
	p.addIAM(naming.ExecutionRole, p.Target.Role(roleInput(p, roleName)))
	p.out.Facts.RoleArn = first(p.Observed.AtProvider(naming.ExecutionRole, "arn"), p.Observed.ForProvider(naming.AgentRuntime, "roleArn"))

	doc := iam.Execution(p.scope(), p.needs())
	p.addIAM(naming.ExecutionPolicy, p.Target.Policy(render.PolicyInput{
		Name:        naming.Policy(st.NamePrefix, s.AgentRuntimeName, st.Region),
		Description: "Execution policy of the AgentCore runtime " + p.out.Facts.RuntimeName,
		Document:    doc.JSON(),
		Tags:        p.tags,
	}))
	p.attachments(roleName, p.Observed.AtProvider(naming.ExecutionRole, "arn") != "")
}

// existingRole attaches the user's policies to a role in this account, as CDK does
// for imported roles; MDAA silently drops them.
func (p *pass) existingRole(roleArn string) {
	p.out.Facts.RoleArn = roleArn
	roleName := roleArn[strings.LastIndex(roleArn, "/")+1:]
	p.out.Facts.RoleName = roleName
	if len(p.Spec.Policies) == 0 {
		return
	}
	if account := arnAccount(roleArn); p.Settings.AccountID == "" || account != p.Settings.AccountID {
		p.warn("spec.policies: not applied: the role %s is not in this platform's account (Input accountId %q); attach them in the role's account", roleArn, p.Settings.AccountID)
		return
	}
	if statements := userStatements(p.Spec.Policies); len(statements) > 0 {
		st := p.Settings
		p.addIAM(naming.ExecutionPolicy, p.Target.Policy(render.PolicyInput{
			Name:        naming.Policy(st.NamePrefix, p.Spec.AgentRuntimeName, st.Region),
			Description: "Policies of the AgentCore runtime " + p.out.Facts.RuntimeName + " for an existing role",
			Document:    iam.Document{Version: iam.Version, Statement: statements}.JSON(),
			Tags:        p.tags,
		}))
	}
	p.attachments(roleName, true)
}

// attachments attaches the execution policy (once its ARN is observed) and each
// policyArn (once the role exists) to the role.
func (p *pass) attachments(roleName string, roleExists bool) {
	if p.hasExecutionPolicy() {
		p.iamWanted = append(p.iamWanted, naming.ExecutionPolicyAttachment)
		arn := first(p.Observed.AtProvider(naming.ExecutionPolicy, "arn"), p.Observed.ForProvider(naming.ExecutionPolicyAttachment, "policyArn"))
		if arn != "" {
			p.add(naming.ExecutionPolicyAttachment, p.Target.RolePolicyAttachment(roleName, arn))
		} else {
			p.wait("the ARN of %s", naming.ExecutionPolicy)
		}
	}
	for _, pol := range p.Spec.Policies {
		if pol.PolicyArn == nil {
			continue
		}
		name := naming.PolicyAttachment(*pol.PolicyArn)
		p.iamWanted = append(p.iamWanted, name)
		if roleExists || p.Observed.Has(name) {
			p.add(name, p.Target.RolePolicyAttachment(roleName, *pol.PolicyArn))
		} else {
			p.wait("the ARN of %s before %s", naming.ExecutionRole, name)
		}
	}
}

func (p *pass) hasExecutionPolicy() bool {
	return p.Spec.RoleArn == nil || len(userStatements(p.Spec.Policies)) > 0
}

// addIAM adds an IAM resource the runtime waits for.
func (p *pass) addIAM(name string, obj map[string]any) {
	p.iamWanted = append(p.iamWanted, name)
	p.add(name, obj)
}

func roleInput(p *pass, name string) render.RoleInput {
	return render.RoleInput{
		Name:                name,
		Description:         "Execution role of the AgentCore runtime " + p.out.Facts.RuntimeName,
		AssumeRolePolicy:    iam.Trust(p.scope()).JSON(),
		PermissionsBoundary: p.Settings.PermissionsBoundaryArn,
		Tags:                p.tags,
	}
}

func (p *pass) scope() iam.Scope {
	return iam.Scope{Partition: p.Settings.Partition, Region: p.Settings.Region, Account: p.Settings.AccountID, RuntimeName: p.out.Facts.RuntimeName}
}

// needs says which statements the runtime's artifact and authorizer call for.
func (p *pass) needs() iam.Needs {
	s := p.Spec
	n := iam.Needs{ModelArns: s.AllowedModelArns, Extra: userStatements(s.Policies)}
	jwt := s.AuthorizerConfiguration != nil && (s.AuthorizerConfiguration.CustomJwtAuthorizer != nil || s.AuthorizerConfiguration.JwtAuthorizer != nil)
	n.JWTInbound = jwt && (s.AllowUserIDAccessTokens == nil || !*s.AllowUserIDAccessTokens)
	a := s.AgentRuntimeArtifact
	switch {
	case a.CodeConfiguration != nil:
		c := a.CodeConfiguration
		n.CodeObjectArn = "arn:" + p.Settings.Partition + ":s3:::" + c.S3.Bucket + "/" + c.S3.Prefix
		n.VersionedCode = c.S3.VersionId != nil
	case a.ContainerConfiguration != nil && a.ContainerConfiguration.ContainerUri != nil:
		if img, err := ecruri.Parse(*a.ContainerConfiguration.ContainerUri); err == nil {
			n.ImageRepositoryArns = []string{img.RepositoryArn(p.Settings.Partition)}
		}
	case a.ContainerConfiguration != nil:
		n.ImageRepositoryArns = []string{"arn:" + p.Settings.Partition + ":ecr:" + p.Settings.Region + ":" + p.Settings.AccountID + ":repository/" + p.repositoryName()}
	}
	return n
}

// userStatements are the statements of every policyDocument, in order.
func userStatements(ps []v1alpha1.Policy) []iam.Statement {
	var out []iam.Statement
	for _, pol := range ps {
		if pol.PolicyDocument == nil {
			continue
		}
		for _, st := range pol.PolicyDocument.Statement {
			s := iam.Statement{Sid: st.Sid, Effect: st.Effect, Action: iam.Values(st.Action.Values), Resource: iam.Values(st.Resource.Values)}
			if len(st.Condition) > 0 {
				s.Condition = map[string]map[string]any{}
				for op, kv := range st.Condition {
					s.Condition[op] = map[string]any{}
					for k, v := range kv {
						s.Condition[op][k] = iam.Values(v.Values)
					}
				}
			}
			out = append(out, s)
		}
	}
	return out
}

// arnAccount is the account field of an ARN.
func arnAccount(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}
