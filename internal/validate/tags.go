package validate

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

const (
	// maxTags matches the XRD's maxProperties: AWS allows 50 tags per resource,
	// and 10 are left for the platform's tags from the function Input.
	maxTags           = 40
	maxTagKeyLength   = 128
	maxTagValueLength = 256
	reservedTagPrefix = "aws:"
)

// reTagChars are the characters AWS allows in tag keys and values.
var reTagChars = regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)

// tags checks tags: count, key and value lengths and characters, no aws: keys.
func (c *checker) tags(tags map[string]string, p *field.Path) {
	if len(tags) > maxTags {
		c.add(field.TooMany(p, len(tags), maxTags))
	}
	for _, k := range sortedKeys(tags) {
		kp := p.Key(k)
		v := tags[k]
		switch n := utf8.RuneCountInString(k); {
		case n == 0:
			c.add(field.Invalid(kp, k, "a tag key must not be empty"))
		case n > maxTagKeyLength:
			c.add(field.Invalid(kp, field.OmitValueType{}, fmt.Sprintf("a tag key must be at most %d characters (got %d)", maxTagKeyLength, n)))
		case strings.HasPrefix(strings.ToLower(k), reservedTagPrefix):
			c.add(field.Invalid(kp, k, "tag keys starting with aws: are reserved for AWS"))
		case !reTagChars.MatchString(k):
			c.add(field.Invalid(kp, k, "a tag key may contain only letters, digits, spaces and _ . : / = + - @"))
		}
		switch n := utf8.RuneCountInString(v); {
		case n > maxTagValueLength:
			c.add(field.Invalid(kp, field.OmitValueType{}, fmt.Sprintf("a tag value must be at most %d characters (got %d)", maxTagValueLength, n)))
		case !reTagChars.MatchString(v):
			c.add(field.Invalid(kp, v, "a tag value may contain only letters, digits, spaces and _ . : / = + - @"))
		}
	}
}
