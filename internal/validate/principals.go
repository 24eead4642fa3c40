package validate

import (
	"regexp"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/internal/arn"
)

const maxInvokePrincipals = 20

// rePrincipalArn is an IAM principal ARN: an account root, a role or a user.
var rePrincipalArn = regexp.MustCompile(`^arn:(aws[a-z-]*):iam::([0-9]{12}):(root|role/.+|user/.+)$`)

// principals checks a list of AWS principals: at most maxItems, each a 12-digit
// account ID or an IAM principal ARN of the platform's partition, none repeated.
func (c *checker) principals(p *field.Path, list []string, maxItems int) {
	if len(list) > maxItems {
		c.add(field.TooMany(p, len(list), maxItems))
	}
	seen := map[string]bool{}
	for i, pr := range list {
		ip := p.Index(i)
		switch m := rePrincipalArn.FindStringSubmatch(pr); {
		case arn.IsAccount(pr):
		case m != nil:
			c.checkPartition(ip, pr, m[1])
		default:
			c.add(field.Invalid(ip, pr, "must be a 12-digit account ID or an IAM ARN arn:<partition>:iam::<account>:(root|role/<name>|user/<name>)"))
			continue
		}
		if seen[pr] {
			c.add(field.Duplicate(ip, pr))
		}
		seen[pr] = true
	}
}

// invokePrincipals checks invokePrincipals, which only the enforceVpcOnly
// resource policy uses.
func (c *checker) invokePrincipals(s *v1alpha1.Spec, p *field.Path) {
	if len(s.InvokePrincipals) == 0 {
		return
	}
	c.principals(p, s.InvokePrincipals, maxInvokePrincipals)
	if s.EnforceVpcOnly == nil || !*s.EnforceVpcOnly {
		c.warn(p, "ignored: invokePrincipals go into the runtime's resource policy, which is created only with enforceVpcOnly: true")
	}
}
