package validate

import (
	"fmt"
	"regexp"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

const (
	maxEnvVars        = 50
	maxEnvValueLength = 2048
)

var reEnvKey = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]{0,99}$`)

// environment checks environmentVariables: at most 50, valid names, bounded values.
// Values are never echoed: they may be secrets.
func (c *checker) environment(env map[string]string, p *field.Path) {
	if len(env) > maxEnvVars {
		c.add(field.TooMany(p, len(env), maxEnvVars))
	}
	for _, k := range sortedKeys(env) {
		if !reEnvKey.MatchString(k) {
			c.add(field.Invalid(p.Key(k), k, "environment variable names must start with a letter or '_' and contain only letters, digits and '_' (at most 100 characters)"))
		}
		if n := len(env[k]); n > maxEnvValueLength {
			c.add(field.Invalid(p.Key(k), field.OmitValueType{}, fmt.Sprintf("value must be at most %d bytes (got %d)", maxEnvValueLength, n)))
		}
	}
}
