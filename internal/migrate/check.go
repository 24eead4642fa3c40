package migrate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
	"github.com/platform-io/function-agentcore-runtime/internal/mdaa"
	"github.com/platform-io/function-agentcore-runtime/internal/validate"
)

// check validates the runtime as the function will: the spec, with the
// EnvironmentConfig's data as the pipeline's environment under the platform's
// Input, in its namespace. ssm: references have no value yet, so the fields
// holding them are not checked (the function checks them once it read them).
func check(spec, env map[string]any, namespace string, in *v1beta1.Input, p *problems) {
	_, errs, ws := validate.Request(in, env, spec, namespace, nil)
	for _, e := range errs {
		p.add(&p.errors, e.Field, e.Error())
	}
	for _, w := range ws {
		p.add(&p.warnings, w.Field, w.String())
	}
}

// problems collects a runtime's errors and warnings, each naming the module
// and the config files that gave the field.
type problems struct {
	module           mdaa.Module
	config           mdaa.Config
	errors, warnings []string
}

func (p *problems) errorf(field, format string, args ...any) {
	p.add(&p.errors, field, field+": "+fmt.Sprintf(format, args...))
}

func (p *problems) warnf(field, format string, args ...any) {
	p.add(&p.warnings, field, field+": "+fmt.Sprintf(format, args...))
}

// add adds "<module> (<origins>): text" to list.
func (p *problems) add(list *[]string, field, text string) {
	*list = append(*list, fmt.Sprintf("%s (%s): %s", p.module.ID(), strings.Join(p.origins(field), ", "), text))
}

// origins are the config files that gave a spec field; everything else
// (input.*, metadata.*, context.*) comes from mdaa.yaml.
func (p *problems) origins(field string) []string {
	if rest, ok := strings.CutPrefix(field, "spec."); ok {
		if o := p.config.Origins(rest); len(o) > 0 {
			out := slices.Clone(o)
			for i, f := range out {
				if f == mdaa.ConfigDataOrigin {
					out[i] = "mdaa.yaml module_config_data"
				}
			}
			return out
		}
	}
	if field == "spec" && len(p.module.ConfigFiles) > 0 {
		return p.module.ConfigFiles
	}
	return []string{"mdaa.yaml"}
}
