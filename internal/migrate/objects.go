package migrate

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/platform-io/function-agentcore-runtime/internal/mdaa"
	"github.com/platform-io/function-agentcore-runtime/internal/naming"
)

// The labels that tie a claim or XR to its EnvironmentConfig: the Composition's
// function-environment-configs step selects the EnvironmentConfig whose labels
// are the composite's (Crossplane copies a claim's labels to its XR).
const (
	LabelOrg    = "mdaa.agentcore.platform.io/org"
	LabelDomain = "mdaa.agentcore.platform.io/domain"
	LabelEnv    = "mdaa.agentcore.platform.io/env"
	LabelModule = "mdaa.agentcore.platform.io/module"
)

// Labels are the labels of the claim or XR and of the EnvironmentConfig.
var Labels = []string{LabelOrg, LabelDomain, LabelEnv, LabelModule}

// EnvironmentConfig's API.
const (
	EnvironmentConfigAPIVersion = "apiextensions.crossplane.io/v1beta1"
	EnvironmentConfigKind       = "EnvironmentConfig"
)

// maxName keeps a claim's XR (the claim's name and 6 characters) within the
// 63 characters of the label Crossplane gives composed resources.
const maxName = 57

// name is the claim's or XR's name: the module's, after the parts of its
// <domain>/<env> that the namespace does not already say. Always qualified,
// so that a second environment added to mdaa.yaml later renames nothing (a
// renamed claim is a new runtime).
func name(m mdaa.Module, ns Namespacing) string {
	parts := []string{m.Domain, m.Env, m.Name}
	switch ns.From {
	case FromDomain:
		parts = parts[1:]
	case FromEnv:
		parts = []string{m.Domain, m.Name}
	}
	return dnsLabel(strings.Join(parts, "-"), maxName)
}

// namespace is the runtime's namespace.
func namespace(m mdaa.Module, ns Namespacing) string {
	switch ns.From {
	case FromEnv:
		return dnsLabel(m.Env, validation.DNS1123LabelMaxLength)
	case FromFixed:
		return ns.Name
	}
	return dnsLabel(m.Domain, validation.DNS1123LabelMaxLength)
}

// dnsLabel is s as a DNS-1123 label of at most limit characters: lower case,
// [a-z0-9-], alphanumeric at both ends; longer ones keep their head and end in
// a hash of the whole.
func dnsLabel(s string, limit int) string {
	s = naming.ResourceSuffix(s)
	if s == "" {
		s = "mdaa"
	}
	return naming.Truncate(s, limit, "-")
}

func labels(m mdaa.Module) map[string]any {
	return map[string]any{LabelOrg: m.Org, LabelDomain: m.Domain, LabelEnv: m.Env, LabelModule: m.Name}
}

// environmentConfig holds data, labelled as the runtime's claim or XR.
func environmentConfig(m mdaa.Module, data map[string]any, p *problems) map[string]any {
	n := "mdaa." + strings.Join([]string{m.Org, m.Domain, m.Env, m.Name}, ".")
	for _, e := range validation.IsDNS1123Subdomain(n) {
		p.errorf("metadata.name", "the EnvironmentConfig's name %s: %s", n, e)
	}
	ls := labels(m)
	for _, k := range slices.Sorted(maps.Keys(ls)) {
		v, _ := ls[k].(string)
		for _, e := range validation.IsValidLabelValue(v) {
			p.errorf("metadata.labels["+k+"]", "%q: %s", v, e)
		}
	}
	return map[string]any{
		"apiVersion": EnvironmentConfigAPIVersion,
		"kind":       EnvironmentConfigKind,
		"metadata":   map[string]any{"name": n, "labels": ls},
		"data":       data,
	}
}

// composite is the claim or namespaced XR.
func composite(n, ns string, ls, spec map[string]any, s Scope) map[string]any {
	apiVersion, kind := "agentcore.platform.io/v1alpha1", "AgentCoreRuntime"
	if s == Namespaced {
		apiVersion, kind = "agentcore.m.platform.io/v1alpha1", "XAgentCoreRuntime"
	}
	return map[string]any{
		"apiVersion": apiVersion,
		"kind":       kind,
		"metadata":   map[string]any{"name": n, "namespace": ns, "labels": ls},
		"spec":       spec,
	}
}

// mdaaOnlyKeys are keys of every MDAA module's config that mean nothing to the
// function, and why.
var mdaaOnlyKeys = map[string]string{
	"nag_suppressions": "MDAA's cdk-nag suppressions have no meaning here",
}

// specOf is the module's config as a spec: itself, less MDAA-only keys.
func specOf(config map[string]any, p *problems) map[string]any {
	spec := maps.Clone(config)
	for _, k := range slices.Sorted(maps.Keys(mdaaOnlyKeys)) {
		if _, ok := spec[k]; ok {
			delete(spec, k)
			p.warnf("spec."+k, "%s: left out", mdaaOnlyKeys[k])
		}
	}
	namingRefs(spec, "spec", p)
	return spec
}

// namingPrefixes start MDAA's references whose SSM path MDAA's naming module
// (possibly the deployment's own) builds from the org, domain and env.
var namingPrefixes = []string{"ssm-org:", "ssm-domain:", "ssm-env:", "generated-role-arn:", "generated-role-id:"}

// namingRefs warns of each value under v that is one: the function would take
// it as it is written.
func namingRefs(v any, path string, p *problems) {
	switch t := v.(type) {
	case string:
		for _, prefix := range namingPrefixes {
			if strings.HasPrefix(t, prefix) {
				p.warnf(path, "%q: MDAA's naming module turns %s references into an SSM parameter's path, which the function does not: write it as ssm:/<the parameter's path>", t, strings.TrimSuffix(prefix, ":"))
			}
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(t)) {
			namingRefs(t[k], path+"."+k, p)
		}
	case []any:
		for i, e := range t {
			namingRefs(e, fmt.Sprintf("%s[%d]", path, i), p)
		}
	}
}
