package compose

import (
	"strings"

	"github.com/platform-io/function-agentcore-runtime/internal/naming"
	"github.com/platform-io/function-agentcore-runtime/internal/object"
)

// Observed are the observed composed resources by composition resource name, as
// plain JSON objects.
type Observed map[string]map[string]any

// Has reports whether the resource exists.
func (o Observed) Has(name string) bool { _, ok := o[name]; return ok }

// Ready reports whether the resource's Ready condition is True.
func (o Observed) Ready(name string) bool {
	conds, _ := Lookup(o[name], "status", "conditions").([]any)
	for _, c := range conds {
		m, _ := c.(map[string]any)
		if m["type"] == "Ready" {
			return m["status"] == "True"
		}
	}
	return false
}

// Failure is what a composed resource's provider reports as going wrong.
type Failure struct {
	// Resource is the composition resource name.
	Resource string
	// Condition is the condition that says so (Synced or Ready), Reason and
	// Message are its own: the provider's, e.g. an AWS ValidationException.
	Condition, Reason, Message string
}

// String is the failure as users read it in the composite's condition and
// events: the resource, the condition, and the provider's message (cut at
// maxFailureMessage runes: AWS messages are long, and a condition holds 32 KiB).
func (f Failure) String() string {
	msg := f.Message
	if r := []rune(msg); len(r) > maxFailureMessage {
		msg = string(r[:maxFailureMessage]) + "..."
	}
	s := f.Resource + ": " + f.Condition + "=False (" + f.Reason + ")"
	if msg != "" {
		s += ": " + msg
	}
	return s
}

const maxFailureMessage = 1024

// Failure reports what the resource's provider says is failing: Synced=False
// (the last reconcile failed: ReconcileError with the AWS error, or reconciles
// paused), or Ready=False with reason Unavailable (the resource exists and is
// not working). Ready=False while Creating or Deleting is progress, not failure.
func (o Observed) Failure(name string) (Failure, bool) {
	conds, _ := Lookup(o[name], "status", "conditions").([]any)
	for _, typ := range []string{"Synced", "Ready"} {
		for _, c := range conds {
			m, _ := c.(map[string]any)
			if m["type"] != typ || m["status"] != "False" {
				continue
			}
			reason, _ := m["reason"].(string)
			if typ == "Ready" && reason != "Unavailable" {
				continue
			}
			msg, _ := m["message"].(string)
			return Failure{Resource: name, Condition: typ, Reason: reason, Message: msg}, true
		}
	}
	return Failure{}, false
}

// String is the string at path in the resource, or "".
func (o Observed) String(name string, path ...string) string {
	s, _ := Lookup(o[name], path...).(string)
	return s
}

// ForProvider is a string of spec.forProvider: the inputs the resource was last
// rendered with, used when a gate's facts are momentarily missing (sticky rule).
func (o Observed) ForProvider(name, key string) string {
	return o.String(name, "spec", "forProvider", key)
}

// attachedPolicies maps the policy ARN of each observed attachment of a
// spec.policies entry to the attachment's name.
func (o Observed) attachedPolicies() map[string]string {
	out := map[string]string{}
	for name := range o {
		if !strings.HasPrefix(name, naming.PolicyAttachmentPrefix) {
			continue
		}
		if a := o.ForProvider(name, "policyArn"); a != "" {
			out[a] = name
		}
	}
	return out
}

// Lookup is the value at path in nested JSON objects, or nil.
func Lookup(v any, path ...string) any { return object.Lookup(v, path...) }

// first is the first non-empty string.
func first(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
