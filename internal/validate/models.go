package validate

import (
	"regexp"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

const maxModelArns = 50

// reModelArn is a Bedrock ARN; region may be empty or *, account empty, * or 12 digits.
var reModelArn = regexp.MustCompile(`^arn:(aws[a-z-]*):bedrock:([a-z0-9-]*|\*):([0-9]{12}|\*)?:(.+)$`)

// models checks allowedModelArns: 1-50 Bedrock ARNs of the platform's partition, no duplicates.
func (c *checker) models(arns []string, p *field.Path) {
	if arns == nil {
		return
	}
	switch {
	case len(arns) == 0:
		c.add(field.Required(p, "at least one model ARN is required when allowedModelArns is set; omit it for the default model access"))
	case len(arns) > maxModelArns:
		c.add(field.TooMany(p, len(arns), maxModelArns))
	}
	seen := map[string]bool{}
	for i, arn := range arns {
		ip := p.Index(i)
		m := reModelArn.FindStringSubmatch(arn)
		switch {
		case arn == "":
			c.add(field.Required(ip, "must not be empty"))
			continue
		case m == nil:
			c.add(field.Invalid(ip, arn, "must be a Bedrock ARN arn:<partition>:bedrock:<region or * or empty>:<account or empty>:<resource>, e.g. arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-*"))
			continue
		case seen[arn]:
			c.add(field.Duplicate(ip, arn))
		}
		seen[arn] = true
		c.checkPartition(ip, arn, m[1])
	}
}
