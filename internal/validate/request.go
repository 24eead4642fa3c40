package validate

import (
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/platform-io/function-agentcore-runtime/apis/v1alpha1"
	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
	"github.com/platform-io/function-agentcore-runtime/internal/settings"
	"github.com/platform-io/function-agentcore-runtime/internal/spec"
)

// Valid is what a valid request composes from.
type Valid struct {
	Settings settings.Settings
	Spec     *v1alpha1.Spec
	// References are the spec's ssm: references; Unresolved those of them
	// whose value ssmValues did not hold. While any is unresolved the fields
	// that hold them are not checked (they hold ssm:/path) and nothing but the
	// references may be composed.
	References []spec.Reference
	Unresolved []spec.Reference
}

// Request is the one entry point of validation: it resolves the platform's
// settings from the Input and the pipeline's environment, decodes the XR's
// spec (its shape and placeholders) and checks it, and checks that the Input
// gives what the spec needs. Every problem is in the one ErrorList (input.*
// and spec.* paths), every soft problem a Warning.
func Request(in *v1beta1.Input, env map[string]any, rawSpec map[string]any, teamNamespace string, ssmValues map[string]string) (Valid, field.ErrorList, []Warning) {
	st, errs := settings.Resolve(in, env, teamNamespace)
	refs, refErrs := spec.References(rawSpec)
	errs = append(errs, refErrs...)
	var unresolved []spec.Reference
	for _, r := range refs {
		if _, ok := ssmValues[r.Parameter]; !ok {
			unresolved = append(unresolved, r)
		}
	}
	s, specErrs := spec.Decode(rawSpec, spec.Placeholders{
		Account: st.AccountID, Region: st.Region, Partition: st.Partition,
		Org: st.Org, Domain: st.Domain, Env: st.Env, ModuleName: st.ModuleName,
		Context: st.Context, EnvVars: st.EnvVars, SSM: ssmValues,
	})
	errs = append(errs, specErrs...)
	var warnings []Warning
	if s != nil {
		verrs, ws := Spec(s, Options{AccountID: st.AccountID, Partition: st.Partition, Region: st.Region, AllowPublicNetwork: st.AllowPublicNetwork})
		// A field that still holds ssm:/path is checked once its value is read.
		verrs = slices.DeleteFunc(verrs, func(e *field.Error) bool { return holdsUnresolved(e.Field, unresolved) })
		errs = append(errs, notUnder(verrs, specErrs)...)
		errs = append(errs, requireAccount(s, st)...)
		warnings = ws
	}
	return Valid{Settings: st, Spec: s, References: refs, Unresolved: unresolved}, errs, warnings
}

// holdsUnresolved reports whether the field f holds an unresolved reference.
func holdsUnresolved(f string, unresolved []spec.Reference) bool {
	for _, r := range unresolved {
		if slices.Contains(r.Fields, f) {
			return true
		}
	}
	return false
}

// requireAccount: ARNs and trust conditions of a created role, and a managed
// repository, need the platform's account.
func requireAccount(s *v1alpha1.Spec, st settings.Settings) field.ErrorList {
	if st.AccountID != "" {
		return nil
	}
	c := s.AgentRuntimeArtifact.ContainerConfiguration
	switch {
	case s.RoleArn == nil:
		return field.ErrorList{field.Required(field.NewPath("input", "accountId"), "needed to scope the execution role the function creates (spec.roleArn is not set)")}
	case c != nil && c.ContainerUri == nil:
		return field.ErrorList{field.Required(field.NewPath("input", "accountId"), "needed for the managed ECR repository")}
	}
	return nil
}

// notUnder drops errors at or under a field that already has a decoding error: a
// field of the wrong type decodes as empty, and "Required" on it would be noise.
func notUnder(errs, decodeErrs field.ErrorList) field.ErrorList {
	var out field.ErrorList
	for _, e := range errs {
		covered := false
		for _, d := range decodeErrs {
			if e.Field == d.Field || strings.HasPrefix(e.Field, d.Field+".") || strings.HasPrefix(e.Field, d.Field+"[") {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, e)
		}
	}
	return out
}
