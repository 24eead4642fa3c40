package validate

import (
	"regexp"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// reRoleArn is arn:<partition>:iam::<account>:role/<path/><name>; IAM role names
// are 1-64 of [A-Za-z0-9+=,.@_-], paths printable ASCII between slashes.
var reRoleArn = regexp.MustCompile(`^arn:(aws[a-z-]*):iam::([0-9]{12}):role/((?:[\x21-\x7e]+/)*)([\w+=,.@-]{1,64})$`)

// roleArnParts splits a valid role ARN into partition, account and role name
// (without path). ok is false when arn is no valid role ARN.
func roleArnParts(arn string) (partition, account, name string, ok bool) {
	m := reRoleArn.FindStringSubmatch(arn)
	if m == nil {
		return "", "", "", false
	}
	return m[1], m[2], m[4], true
}

// role checks roleArn.
func (c *checker) role(s *v1alpha1.Spec, root *field.Path) {
	if s.RoleArn == nil {
		return
	}
	p := root.Child("roleArn")
	arn := *s.RoleArn
	partition, account, _, ok := roleArnParts(arn)
	if !ok {
		c.add(field.Invalid(p, arn, "must be an IAM role ARN arn:<partition>:iam::<12-digit account>:role/[<path>/]<name>"))
		return
	}
	c.checkPartition(p, arn, partition)
	if c.o.AccountID != "" && account != c.o.AccountID {
		c.warn(p, "the role is in account %s, not in this platform's account %s: the runtime's account must be allowed to pass it to AgentCore (iam:PassRole)", account, c.o.AccountID)
	}
}
