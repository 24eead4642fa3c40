package validate

import (
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

// connectionSecret checks writeConnectionSecretToRef: a Secret name.
func (c *checker) connectionSecret(r *v1alpha1.SecretRef, p *field.Path) {
	if r == nil {
		return
	}
	np := p.Child("name")
	if r.Name == "" {
		c.add(field.Required(np, "the connection Secret's name is required"))
		return
	}
	if msgs := validation.IsDNS1123Subdomain(r.Name); len(msgs) > 0 {
		c.add(field.Invalid(np, r.Name, "must be a Secret name: "+strings.Join(msgs, "; ")))
	}
}
