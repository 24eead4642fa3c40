package compose

import (
	"strconv"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/arn"
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
	p.out.Facts.RoleArn = first(p.Observed.AtProvider(naming.ExecutionRole, roleArn), p.Observed.ForProvider(naming.AgentRuntime, "roleArn"))

	doc := iam.Execution(p.scope(), p.needs())
	parts := p.executionPolicies(doc, "Execution policy of the AgentCore runtime "+p.out.Facts.RuntimeName)
	p.attachments(roleName, p.Observed.AtProvider(naming.ExecutionRole, roleArn) != "", parts)
}

// executionPolicies renders the execution policy: one IAM managed policy, or, when
// the document is larger than IAM allows in one, execution-policy-2, -3, ... with
// a Warning. It returns the number of policies.
func (p *pass) executionPolicies(doc iam.Document, description string) int {
	st := p.Settings
	parts := doc.Policies(iam.MaxManagedPolicySize)
	for i, part := range parts {
		k := i + 1
		d := description
		if k > 1 {
			// Not "k of n": a policy's description cannot change without replacing it.
			d += " (part " + strconv.Itoa(k) + ")"
		}
		p.addIAM(naming.ExecutionPolicyPart(k), p.Target.Policy(render.PolicyInput{
			Name:        naming.PolicyPart(st.NamePrefix, p.Spec.AgentRuntimeName, st.Region, k),
			Description: d,
			Document:    part,
			Tags:        p.tags,
		}))
		if size := iam.Size(part); size > iam.MaxManagedPolicySize {
			p.warn("spec.policies", "%s is %d characters, more than the %d of an IAM managed policy, and one of its statements cannot be cut smaller: IAM will reject it; shorten that statement's Condition", naming.ExecutionPolicyPart(k), size, iam.MaxManagedPolicySize)
		}
	}
	if len(parts) > 1 {
		names := make([]string, len(parts))
		for i := range parts {
			names[i] = naming.ExecutionPolicyPart(i + 1)
		}
		attached := len(parts)
		for _, pol := range p.Spec.Policies {
			if pol.PolicyArn != nil {
				attached++
			}
		}
		p.warn("spec.policies", "the execution policy is larger than the %d characters of an IAM managed policy: it is split into %d policies (%s), all attached to the role, which gets %d managed policies in all (IAM allows 10 per role unless the account's quota is raised, up to 20)",
			iam.MaxManagedPolicySize, len(parts), strings.Join(names, ", "), attached)
	}
	return len(parts)
}

// existingRole attaches the user's policies to a role in this account, as CDK does
// for imported roles; MDAA silently drops them.
func (p *pass) existingRole(roleArn string) {
	p.out.Facts.RoleArn = roleArn
	roleName := arn.Name(roleArn)
	p.out.Facts.RoleName = roleName
	if len(p.Spec.Policies) == 0 {
		return
	}
	if role, _ := arn.Parse(roleArn); p.Settings.AccountID == "" || role.Account != p.Settings.AccountID {
		p.warn("spec.policies", "not applied: the role %s is not in this platform's account (Input accountId %q); attach them in the role's account", roleArn, p.Settings.AccountID)
		return
	}
	parts := 0
	if statements := userStatements(p.Spec.Policies); len(statements) > 0 {
		parts = p.executionPolicies(iam.Document{Version: iam.Version, Statement: statements},
			"Policies of the AgentCore runtime "+p.out.Facts.RuntimeName+" for an existing role")
	}
	p.attachments(roleName, true, parts)
}

// attachments attaches each of the execution policy's parts (once its ARN is
// observed) and each policyArn (once the role exists) to the role.
func (p *pass) attachments(roleName string, roleExists bool, parts int) {
	for k := 1; k <= parts; k++ {
		policy, attachment := naming.ExecutionPolicyPart(k), naming.ExecutionPolicyAttachmentPart(k)
		p.iamWanted = append(p.iamWanted, attachment)
		if arn, ok := p.gate(p.Observed.AtProvider(policy, policyArn), p.Observed.ForProvider(attachment, "policyArn"), "the ARN of %s", policy); ok {
			p.add(attachment, p.Target.RolePolicyAttachment(roleName, arn))
		}
	}
	arns := policyArns(p.Spec.Policies)
	for i, name := range naming.PolicyAttachments(arns, p.Observed.attachedPolicies()) {
		p.iamWanted = append(p.iamWanted, name)
		if p.gateExisting(name, roleExists, "the ARN of %s before %s", naming.ExecutionRole, name) {
			p.add(name, p.Target.RolePolicyAttachment(roleName, arns[i]))
		}
	}
}

// policyArns are the spec's managed policy ARNs, in order.
func policyArns(policies []v1alpha1.Policy) []string {
	var out []string
	for _, pol := range policies {
		if pol.PolicyArn != nil {
			out = append(out, *pol.PolicyArn)
		}
	}
	return out
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
	case a.ContainerConfiguration != nil && a.ContainerConfiguration.ContainerUri != nil:
		if p.containerImage != nil {
			n.ImageRepositoryArns = []string{p.containerImage.RepositoryArn(p.Settings.Partition)}
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
