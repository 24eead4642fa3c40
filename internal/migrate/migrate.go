// Package migrate turns the bedrock-agentcore-runtime modules of an MDAA
// deployment into what Crossplane needs to run them with this function: per
// runtime, a claim (or a namespaced XR) whose spec is the module's config as
// MDAA reads it, and an EnvironmentConfig holding the platform settings that
// MDAA took from mdaa.yaml (org, domain, env, module name, context, ...). Each
// is checked with the function's own validation (internal/validate).
package migrate

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
	"github.com/platform-io/function-agentcore-runtime/internal/mdaa"
)

// ModulePath is the npm package of MDAA's AgentCore runtime module.
const ModulePath = "@aws-mdaa/bedrock-agentcore-runtime"

// IsRuntime reports whether module_path p is MDAA's AgentCore runtime module,
// of any version (@aws-mdaa/bedrock-agentcore-runtime@1.7.0).
func IsRuntime(p string) bool { return p == ModulePath || strings.HasPrefix(p, ModulePath+"@") }

// Scope is what carries a runtime's spec.
type Scope string

// Scopes.
const (
	// Claim is an AgentCoreRuntime claim, of the legacy XRD.
	Claim Scope = "claim"
	// Namespaced is a namespaced XAgentCoreRuntime (Crossplane v2).
	Namespaced Scope = "namespaced"
)

// Where a runtime's namespace comes from.
const (
	FromDomain = "domain"
	FromEnv    = "env"
	FromFixed  = "fixed"
)

// Namespacing says which namespace a runtime goes to.
type Namespacing struct {
	// From is FromDomain, FromEnv or FromFixed.
	From string
	// Name is the fixed namespace.
	Name string
}

// ParseNamespacing reads domain, env or fixed:NAME.
func ParseNamespacing(s string) (Namespacing, error) {
	switch {
	case s == FromDomain || s == FromEnv:
		return Namespacing{From: s}, nil
	case strings.HasPrefix(s, "fixed:"):
		n := strings.TrimPrefix(s, "fixed:")
		if errs := validation.IsDNS1123Label(n); len(errs) > 0 {
			return Namespacing{}, fmt.Errorf("fixed:%s: not a namespace name: %s", n, strings.Join(errs, "; "))
		}
		return Namespacing{From: FromFixed, Name: n}, nil
	}
	return Namespacing{}, fmt.Errorf("%q: want domain, env or fixed:NAME", s)
}

// Options of a conversion.
type Options struct {
	Scope     Scope
	Namespace Namespacing
	// Input is the platform's function Input, which validation merges the
	// EnvironmentConfig under, as the function does; nil when not known.
	Input *v1beta1.Input
	// MDAASSMPaths sets ssmParameterPrefix /<org>/<domain>/<module>, MDAA's
	// paths of the runtime's SSM parameters.
	MDAASSMPaths bool
	// LookupEnv reads the converter's environment, for {{env_var:NAME}}
	// (MDAA reads its synth process's environment).
	LookupEnv func(string) (string, bool)
}

// Runtime is one converted runtime module.
type Runtime struct {
	Module mdaa.Module
	// Name and Namespace of the claim or XR.
	Name, Namespace string
	// EnvironmentConfig holds the runtime's platform settings; Composite is
	// the claim or namespaced XR.
	EnvironmentConfig, Composite map[string]any
	// Errors would make the function refuse the runtime; Warnings would not.
	// Each is "<domain>/<env>/<module> (<config files>): <field>: <problem>".
	Errors, Warnings []string
}

// Refused reports whether the function would refuse the runtime.
func (r Runtime) Refused() bool { return len(r.Errors) > 0 }

// Convert converts module m of the deployment whose mdaa.yaml is in dir.
func Convert(dir string, m mdaa.Module, o Options) (Runtime, error) {
	cfg, err := mdaa.LoadConfig(dir, m)
	if err != nil {
		return Runtime{}, err
	}
	r := Runtime{Module: m, Namespace: namespace(m, o.Namespace), Name: name(m, o.Namespace)}
	p := problems{module: m, config: cfg}
	spec := specOf(cfg.Values, &p)
	data := environmentData(m, spec, o, &p)
	r.EnvironmentConfig = environmentConfig(m, data, &p)
	r.Composite = composite(r.Name, r.Namespace, labels(m), spec, o.Scope)
	check(spec, data, r.Namespace, o.Input, &p)
	r.Errors, r.Warnings = p.errors, p.warnings
	return r, nil
}

// CheckNames adds an error to every runtime whose claim or XR has the name and
// namespace of another's. (EnvironmentConfig names cannot collide: they join
// MDAA's names with dots, which MDAA's names cannot hold.)
func CheckNames(rs []Runtime) {
	seen := map[string][]int{}
	for i, r := range rs {
		seen[r.Namespace+"/"+r.Name] = append(seen[r.Namespace+"/"+r.Name], i)
	}
	for key, is := range seen {
		if len(is) < 2 {
			continue
		}
		ids := make([]string, 0, len(is))
		for _, i := range is {
			ids = append(ids, rs[i].Module.ID())
		}
		for _, i := range is {
			rs[i].Errors = append(rs[i].Errors, fmt.Sprintf("%s: metadata.name: %s is also the name of %s: rename a module or use another --namespace-from",
				rs[i].Module.ID(), key, strings.Join(ids, " and ")))
		}
	}
}
