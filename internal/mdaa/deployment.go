// Package mdaa reads an MDAA deployment, mdaa.yaml and the module configs it
// lists, the way MDAA's CLI and its CDK apps read them (MDAA's
// packages/cli/lib/mdaa-cli.ts and packages/utilities/mdaa-app), for
// cmd/mdaa-convert. It knows nothing of Crossplane.
package mdaa

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
)

// Module is one module of one environment of one domain.
type Module struct {
	Org, Domain, Env, Name string
	// Path is module_path (or the deprecated cdk_app), e.g.
	// @aws-mdaa/bedrock-agentcore-runtime.
	Path string
	// ConfigFiles are app_configs then module_configs, as mdaa.yaml lists them
	// (relative to its folder).
	ConfigFiles []string
	// ConfigData is module_config_data laid over app_config_data: MDAA lays it
	// over the files' merged config, top-level key by key.
	ConfigData map[string]any
	// Context is the module's CDK context: mdaa.yaml's global, domain,
	// environment and module context blocks, later winning key by key.
	Context map[string]any
	// Account and Region are where MDAA deploys the module ("" where MDAA
	// leaves it to the CDK's default).
	Account, Region string
}

// ID is the module as MDAA's logs name it: <domain>/<env>/<module>.
func (m Module) ID() string { return m.Domain + "/" + m.Env + "/" + m.Name }

// deployment is mdaa.yaml. Keys not listed here (naming_module, tag_configs,
// devops, ...) are read by MDAA for other purposes and ignored.
type deployment struct {
	Organization string                    `json:"organization"`
	Account      string                    `json:"account"`
	Region       string                    `json:"region"`
	Context      map[string]any            `json:"context"`
	EnvTemplates map[string]map[string]any `json:"env_templates"`
	Domains      map[string]domain         `json:"domains"`
}

type domain struct {
	Account      string                    `json:"account"`
	Region       string                    `json:"region"`
	Context      map[string]any            `json:"context"`
	EnvTemplates map[string]map[string]any `json:"env_templates"`
	// Environments stay raw until laid over their template.
	Environments map[string]map[string]any `json:"environments"`
}

type environment struct {
	Template string            `json:"template"`
	Account  string            `json:"account"`
	Region   string            `json:"region"`
	Context  map[string]any    `json:"context"`
	Modules  map[string]module `json:"modules"`
}

type module struct {
	ModulePath       string         `json:"module_path"`
	CDKApp           string         `json:"cdk_app"`
	AppConfigs       []string       `json:"app_configs"`
	ModuleConfigs    []string       `json:"module_configs"`
	AppConfigData    map[string]any `json:"app_config_data"`
	ModuleConfigData map[string]any `json:"module_config_data"`
	Context          map[string]any `json:"context"`
}

// reName is MDAA's rule for organization, domain, environment and module names.
var reName = regexp.MustCompile(`^[a-z0-9-]+$`)

// Read reads the deployment in file: every module of every environment of every
// domain, sorted by domain, environment and module name.
func Read(file string) ([]Module, error) {
	b, err := os.ReadFile(file) //nolint:gosec // the user's own deployment file.
	if err != nil {
		return nil, err
	}
	raw, err := parseYAML(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	d := deployment{}
	if err := decode(raw, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if !reName.MatchString(d.Organization) {
		return nil, fmt.Errorf("%s: organization %q must match %s (MDAA's rule)", file, d.Organization, reName)
	}
	var out []Module
	for _, dn := range slices.Sorted(maps.Keys(d.Domains)) {
		ms, err := d.modules(dn)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		out = append(out, ms...)
	}
	return out, nil
}

// modules are the modules of domain dn.
func (d deployment) modules(dn string) ([]Module, error) {
	dom := d.Domains[dn]
	if !reName.MatchString(dn) {
		return nil, fmt.Errorf("domain %q must match %s (MDAA's rule)", dn, reName)
	}
	// A domain's template wins over a global one of the same name (MDAA).
	templates := merged(d.EnvTemplates, dom.EnvTemplates)
	var out []Module
	for _, en := range slices.Sorted(maps.Keys(dom.Environments)) {
		env, err := environmentOf(dom.Environments[en], templates)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", dn, en, err)
		}
		if !reName.MatchString(en) {
			return nil, fmt.Errorf("%s: environment %q must match %s (MDAA's rule)", dn, en, reName)
		}
		for _, mn := range slices.Sorted(maps.Keys(env.Modules)) {
			if !reName.MatchString(mn) {
				return nil, fmt.Errorf("%s/%s: module %q must match %s (MDAA's rule)", dn, en, mn, reName)
			}
			mod := env.Modules[mn]
			out = append(out, Module{
				Org: d.Organization, Domain: dn, Env: en, Name: mn,
				Path:        cmp.Or(mod.ModulePath, mod.CDKApp),
				ConfigFiles: slices.Concat(mod.AppConfigs, mod.ModuleConfigs),
				ConfigData:  merged(mod.AppConfigData, mod.ModuleConfigData),
				Context:     merged(d.Context, dom.Context, env.Context, mod.Context),
				Account:     deployTarget(d.Account, dom.Account, env.Account),
				Region:      deployTarget(d.Region, dom.Region, env.Region),
			})
		}
	}
	return out, nil
}

// environmentOf decodes an environment laid over the template it names.
func environmentOf(raw map[string]any, templates map[string]map[string]any) (environment, error) {
	env := environment{}
	if name, ok := raw["template"].(string); ok && name != "" {
		t, ok := templates[name]
		if !ok {
			return env, fmt.Errorf("references invalid template name: %s", name)
		}
		raw = overlay(t, raw)
	}
	return env, decode(raw, &env)
}

// overlay is over laid on base: maps merge key by key, over wins; anything
// else of over replaces base's. This is how an environment overrides its
// template (MDAA's sample-config-env-templates.yaml).
func overlay(base, over map[string]any) map[string]any {
	out := maps.Clone(base)
	if out == nil {
		out = map[string]any{}
	}
	for k, v := range over {
		bm, bok := out[k].(map[string]any)
		om, ook := v.(map[string]any)
		if bok && ook {
			out[k] = overlay(bm, om)
			continue
		}
		out[k] = v
	}
	return out
}

// merged lays each map over the previous ones, top-level key by key (MDAA's
// object spread); nil when all are empty.
func merged[V any](ms ...map[string]V) map[string]V {
	var out map[string]V
	for _, m := range ms {
		if len(m) == 0 {
			continue
		}
		if out == nil {
			out = map[string]V{}
		}
		maps.Copy(out, m)
	}
	return out
}

// deployTarget is the innermost account or region set; MDAA's "default" means
// the CDK's default, which a converter cannot know.
func deployTarget(levels ...string) string {
	out := ""
	for _, l := range levels {
		if l != "" {
			out = l
		}
	}
	if strings.EqualFold(out, "default") {
		return ""
	}
	return out
}
