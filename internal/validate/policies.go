package validate

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/iam"
)

const (
	maxPolicies   = 20
	maxStatements = 50
	effectAllow   = "Allow"
	effectDeny    = "Deny"
	wildcard      = "*"
)

var (
	effects = []string{effectAllow, effectDeny}

	// rePolicyArn is arn:<partition>:iam::(<account>|aws):policy/[<path>/]<name>.
	rePolicyArn = regexp.MustCompile(`^arn:(aws[a-z-]*):iam::([0-9]{12}|aws):policy/((?:[\x21-\x7e]+/)*)([\w+=,.@-]{1,128})$`)
	// reAction is <service>:<action>, with IAM's * and ? wildcards in the action.
	reAction      = regexp.MustCompile(`^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$`)
	reSid         = regexp.MustCompile(v1alpha1.SidPattern)
	reConditionOp = regexp.MustCompile(`^(ForAnyValue:|ForAllValues:)?[A-Za-z]+$`)

	// reservedSids are the Sids of the execution policy's own statements, which
	// user statements are appended to: IAM needs Sids unique within a policy.
	reservedSids = iam.Sids
)

// policyIdentity is <account>:<lower-cased name> of a managed policy ARN,
// what identifies the policy in IAM; ok is false for an invalid ARN.
func policyIdentity(arn string) (string, bool) {
	m := rePolicyArn.FindStringSubmatch(arn)
	if m == nil {
		return "", false
	}
	return m[2] + ":" + strings.ToLower(m[4]), true
}

// policies checks policies: one ARN or one document per entry, unique ARNs and names.
func (c *checker) policies(s *v1alpha1.Spec, p *field.Path) {
	if len(s.Policies) > maxPolicies {
		c.add(field.TooMany(p, len(s.Policies), maxPolicies))
	}
	// The Warning that policies are not attached to a role in another account
	// comes from the composer, which decides where they go.
	arns := map[string]bool{}
	names := map[string]int{}
	sids := map[string]bool{}
	for i, pol := range s.Policies {
		ip := p.Index(i)
		c.oneOf(ip, []string{"policyArn", "policyDocument"}, []bool{pol.PolicyArn != nil, pol.PolicyDocument != nil})
		if pol.PolicyArn != nil {
			c.policyArn(ip.Child("policyArn"), *pol.PolicyArn, i, arns, names)
		}
		if pol.PolicyDocument != nil {
			c.policyDocument(ip.Child("policyDocument"), pol.PolicyDocument, sids)
		}
	}
}

// policyArn checks one managed policy ARN and its uniqueness.
func (c *checker) policyArn(p *field.Path, arn string, i int, arns map[string]bool, names map[string]int) {
	name, ok := policyIdentity(arn)
	if !ok {
		c.add(field.Invalid(p, arn, "must be an IAM managed policy ARN arn:<partition>:iam::(<12-digit account>|aws):policy/[<path>/]<name>"))
		return
	}
	c.checkPartition(p, arn, partitionOf(arn))
	if arns[arn] {
		c.add(field.Duplicate(p, arn))
		return
	}
	arns[arn] = true
	// AWS's and an account's policy may share a name (each gets its own
	// attachment); within one account IAM names are unique whatever their
	// path and case, so two such ARNs cannot both exist.
	if j, dup := names[name]; dup {
		c.add(field.Invalid(p, arn, fmt.Sprintf("names the same policy as policies[%d].policyArn: IAM policy names are unique in an account whatever their path and case", j)))
		return
	}
	names[name] = i
}

// policyDocument checks one IAM policy document; sids spans all documents,
// whose statements end up in one policy.
func (c *checker) policyDocument(p *field.Path, d *v1alpha1.PolicyDocument, sids map[string]bool) {
	sp := p.Child("Statement")
	switch {
	case len(d.Statement) == 0:
		c.add(field.Required(sp, "at least one statement is required"))
	case len(d.Statement) > maxStatements:
		c.add(field.TooMany(sp, len(d.Statement), maxStatements))
	}
	for j := range d.Statement {
		c.statement(sp.Index(j), &d.Statement[j], sids)
	}
}

// statement checks one IAM statement and warns about wildcard grants.
func (c *checker) statement(p *field.Path, st *v1alpha1.Statement, sids map[string]bool) {
	if st.Sid != "" {
		sp := p.Child("Sid")
		switch {
		case !reSid.MatchString(st.Sid):
			c.add(field.Invalid(sp, st.Sid, "must contain only letters and digits"))
		case slices.Contains(reservedSids, st.Sid):
			c.add(field.Invalid(sp, st.Sid, fmt.Sprintf("is the Sid of one of the execution policy's own statements (%s): pick another", strings.Join(reservedSids, ", "))))
		case sids[st.Sid]:
			c.add(field.Duplicate(sp, st.Sid))
		}
		sids[st.Sid] = true
	}
	c.enum(p.Child("Effect"), st.Effect, effects)

	actions := c.stringOrList(p.Child("Action"), st.Action, "Action", func(a string) string {
		if a == wildcard || reAction.MatchString(a) {
			return ""
		}
		return "must be an IAM action <service>:<action> (wildcards * and ? allowed) or *"
	})
	resources := c.stringOrList(p.Child("Resource"), st.Resource, "Resource", func(r string) string {
		if r == wildcard || looksLikeArn(r) {
			return ""
		}
		return "must be an ARN arn:<partition>:<service>:<region>:<account>:<resource> (wildcards allowed) or *"
	})
	c.condition(p.Child("Condition"), st.Condition)

	if st.Effect != effectAllow {
		return
	}
	var wild []string
	for _, a := range actions {
		if a == wildcard || strings.HasSuffix(a, ":*") {
			wild = append(wild, a)
		}
	}
	if len(wild) > 0 {
		c.warn(p.Child("Action"), "Allow with wildcard actions %q grants every action of the service: list only the actions the agent needs", wild)
	}
	if slices.Contains(resources, wildcard) {
		c.warn(p.Child("Resource"), "Allow on Resource \"*\" applies to every resource in every account that trusts this role: list only the ARNs the agent needs")
	}
}

// stringOrList checks Action or Resource: present, a string or a non-empty list,
// each entry valid per check (which returns a problem or ""). It returns the entries.
func (c *checker) stringOrList(p *field.Path, v v1alpha1.StringOrList, name string, check func(string) string) []string {
	if v.Malformed {
		c.add(field.Invalid(p, field.OmitValueType{}, name+" must be a string or a list of strings (quote numbers and booleans)"))
		return nil
	}
	if len(v.Values) == 0 {
		c.add(field.Required(p, name+" is required: a string or a non-empty list of strings"))
		return nil
	}
	for k, s := range v.Values {
		ip := p
		if len(v.Values) > 1 {
			ip = p.Index(k)
		}
		if s == "" {
			c.add(field.Required(ip, "must not be empty"))
			continue
		}
		if msg := check(s); msg != "" {
			c.add(field.Invalid(ip, s, msg))
		}
	}
	return v.Values
}

// condition checks a Condition block: operator -> key -> string or list.
func (c *checker) condition(p *field.Path, cond map[string]map[string]v1alpha1.StringOrList) {
	for _, op := range sortedKeys(cond) {
		op2 := p.Key(op)
		if !reConditionOp.MatchString(op) {
			c.add(field.Invalid(op2, op, "is not an IAM condition operator such as StringEquals or ForAnyValue:StringLike"))
		}
		keys := cond[op]
		if len(keys) == 0 {
			c.add(field.Required(op2, "at least one condition key is required under an operator"))
		}
		for _, k := range sortedKeys(keys) {
			kp := op2.Key(k)
			v := keys[k]
			switch {
			case k == "":
				c.add(field.Invalid(kp, k, "the condition key must not be empty"))
			case v.Malformed:
				c.add(field.Invalid(kp, field.OmitValueType{}, "a condition value must be a string or a list of strings (quote numbers and booleans)"))
			case len(v.Values) == 0:
				c.add(field.Required(kp, "at least one condition value is required"))
			}
		}
	}
}

// looksLikeArn: arn:<partition>:<service>:<region>:<account>:<resource>, wildcards allowed.
func looksLikeArn(s string) bool {
	parts := strings.SplitN(s, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && parts[1] != "" && parts[2] != "" && parts[5] != ""
}
