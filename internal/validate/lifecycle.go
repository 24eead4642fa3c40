package validate

import (
	"fmt"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const (
	minSessionSeconds = 60
	maxSessionSeconds = 28800
)

// lifecycle checks lifecycleConfiguration: each 60-28800 s, idle <= maxLifetime.
func (c *checker) lifecycle(l *v1alpha1.Lifecycle, p *field.Path) {
	if l == nil {
		return
	}
	inRange := func(name string, v *int32) bool {
		if v == nil {
			return false
		}
		if *v < minSessionSeconds || *v > maxSessionSeconds {
			c.add(field.Invalid(p.Child(name), *v, fmt.Sprintf("must be between %d and %d seconds", minSessionSeconds, maxSessionSeconds)))
			return false
		}
		return true
	}
	idleOK := inRange("idleRuntimeSessionTimeout", l.IdleRuntimeSessionTimeout)
	maxOK := inRange("maxLifetime", l.MaxLifetime)
	if idleOK && maxOK && *l.IdleRuntimeSessionTimeout > *l.MaxLifetime {
		c.add(field.Invalid(p.Child("idleRuntimeSessionTimeout"), *l.IdleRuntimeSessionTimeout, fmt.Sprintf("must not exceed maxLifetime (%d seconds)", *l.MaxLifetime)))
	}
}
