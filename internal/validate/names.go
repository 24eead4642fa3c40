package validate

import (
	"fmt"
	"regexp"
	"slices"
	"unicode/utf8"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
)

const (
	maxRuntimeNameLength = 48
	maxDescriptionLength = 1200
)

var (
	reRuntimeName = regexp.MustCompile(v1alpha1.RuntimeNamePattern)

	protocols = []string{"HTTP", "MCP", "A2A", "AGUI"}
)

// names checks agentRuntimeName and description.
func (c *checker) names(s *v1alpha1.Spec, root *field.Path) {
	p := root.Child("agentRuntimeName")
	switch n := s.AgentRuntimeName; {
	case n == "":
		c.add(field.Required(p, fmt.Sprintf("the runtime's name is required (1-%d characters: a letter, then letters, digits, '_' and '-')", maxRuntimeNameLength)))
	case len(n) > maxRuntimeNameLength:
		c.add(field.Invalid(p, n, fmt.Sprintf("must be at most %d characters (got %d)", maxRuntimeNameLength, len(n))))
	case !reRuntimeName.MatchString(n):
		c.add(field.Invalid(p, n, "must start with a letter and contain only letters, digits, '_' and '-' (each '-' becomes '_' in the physical name)"))
	}
	if s.Description != nil {
		c.maxChars(root.Child("description"), *s.Description, maxDescriptionLength)
	}
}

// maxChars reports a string longer than max characters, without repeating it.
func (c *checker) maxChars(p *field.Path, s string, maxLen int) {
	if n := utf8.RuneCountInString(s); n > maxLen {
		c.add(field.Invalid(p, field.OmitValueType{}, fmt.Sprintf("must be at most %d characters (got %d)", maxLen, n)))
	}
}

// protocol checks protocolConfiguration.
func (c *checker) protocol(v *string, p *field.Path) {
	if v == nil {
		return
	}
	if !slices.Contains(protocols, *v) {
		c.add(field.NotSupported(p, *v, protocols))
	}
}
