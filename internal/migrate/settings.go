package migrate

import (
	"maps"
	"slices"
	"strconv"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
	"github.com/platform-io/function-agentcore-runtime/internal/arn"
	"github.com/platform-io/function-agentcore-runtime/internal/mdaa"
	"github.com/platform-io/function-agentcore-runtime/internal/spec"
)

// environmentData is the EnvironmentConfig's data: the function Input's
// fields that MDAA took from mdaa.yaml for this module, so that the function
// resolves {{org}}, {{domain}}, {{env}}, {{module_name}}, {{context:NAME}},
// {{env_var:NAME}}, {{account}} and {{region}} to what MDAA would.
func environmentData(m mdaa.Module, config map[string]any, o Options, p *problems) map[string]any {
	d := map[string]any{"org": m.Org, "domain": m.Domain, "env": m.Env, "moduleName": m.Name}
	if c := contextOf(m.Context, config, p); len(c) > 0 {
		d["context"] = c
	}
	if e := envVarsOf(config, o.LookupEnv); len(e) > 0 {
		d["envVars"] = e
	}
	switch {
	case arn.IsAccount(m.Account):
		d["accountId"] = m.Account
	case m.Account != "":
		p.warnf("account", "%q is not a 12-digit account ID: not carried over, the platform's Input gives accountId", m.Account)
	}
	if m.Region != "" {
		d["region"] = m.Region
	}
	if o.MDAASSMPaths {
		d["ssmParameterPrefix"] = "/" + m.Org + "/" + m.Domain + "/" + m.Name
	}
	overridden(d, o.Input, p)
	return d
}

// contextOf is the module's context as the function's context holds it:
// strings. MDAA's command line turns numbers and booleans into their text; a
// list or map cannot be held, and a Warning says so where the spec uses it.
func contextOf(ctx map[string]any, config map[string]any, p *problems) map[string]any {
	used := spec.PlaceholderArguments(config, "context")
	out := map[string]any{}
	for _, k := range slices.Sorted(maps.Keys(ctx)) {
		switch v := ctx[k].(type) {
		case string:
			if v != "" {
				out[k] = v
			}
		case bool:
			out[k] = strconv.FormatBool(v)
		case float64:
			out[k] = strconv.FormatFloat(v, 'f', -1, 64)
		case nil:
		default:
			if used[k] {
				p.warnf("context."+k, "a list or map: the function's context holds strings, so {{context:%s}} cannot be resolved; write the value into the module config", k)
			}
		}
	}
	return out
}

// envVarsOf are the values of the spec's {{env_var:NAME}} placeholders in the
// converter's environment, as MDAA read them from its synth process's. An
// unset one is left out: the function then names the field that uses it.
func envVarsOf(config map[string]any, lookup func(string) (string, bool)) map[string]any {
	out := map[string]any{}
	if lookup == nil {
		return out
	}
	for n := range spec.PlaceholderArguments(config, "env_var") {
		if v, ok := lookup(n); ok && v != "" {
			out[n] = v
		}
	}
	return out
}

// overridden warns where the platform's Input sets what mdaa.yaml gives the
// module: the function lets the Input win over the environment.
func overridden(d map[string]any, in *v1beta1.Input, p *problems) {
	if in == nil {
		return
	}
	set := map[string]string{
		"org": in.Org, "domain": in.Domain, "env": in.Env, "moduleName": in.ModuleName,
		"accountId": in.AccountID, "region": in.Region, "ssmParameterPrefix": in.SSMParameterPrefix,
	}
	for _, k := range slices.Sorted(maps.Keys(set)) {
		if mine, ok := d[k].(string); ok && set[k] != "" && set[k] != mine {
			v := set[k]
			p.warnf("input."+k, "the platform's Input sets %q, which wins over %q from mdaa.yaml", v, mine)
		}
	}
}
