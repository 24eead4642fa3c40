// Package tfschema holds what provider-aws v2.7.0 can report of each kind the
// function composes: the Terraform resource behind the kind (from the provider's
// generated apis/cluster/<group>/<version>/zz_<kind>_terraformed.go), that
// resource's attributes (from the provider's config/schema.json) and, for each
// attribute, whether the kind's CRD has it in status.atProvider and in
// spec.forProvider. It is extracted from the provider module, never typed by
// hand: the simulated provider reports only these attributes, and a test checks
// that every observed field the function reads is one of them.
package tfschema

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

// Kind is a provider-aws kind: its API group without the .aws[.m].upbound.io
// suffix, and its kind.
type Kind struct {
	Group string `json:"group"`
	Kind  string `json:"kind"`
}

// String is group/Kind, the key of Schema.Kinds.
func (k Kind) String() string { return k.Group + "/" + k.Kind }

// Schema is what the provider reports of each kind, by Kind.String().
type Schema struct {
	// Provider is the module the schema was extracted from.
	Provider string               `json:"provider"`
	Kinds    map[string]*Resource `json:"kinds"`
}

// Resource is one kind's Terraform resource.
type Resource struct {
	Terraform  string               `json:"terraform"`
	Attributes map[string]Attribute `json:"attributes"`
}

// Attribute is one Terraform attribute (or nested block) of a resource.
type Attribute struct {
	// JSON is its field name in the CRD (upjet's lower camel case).
	JSON      string `json:"json"`
	Required  bool   `json:"required,omitempty"`
	Optional  bool   `json:"optional,omitempty"`
	Computed  bool   `json:"computed,omitempty"`
	Sensitive bool   `json:"sensitive,omitempty"`
	// AtProvider is the OpenAPI type of status.atProvider.<JSON> in the kind's
	// CRD, "" when the CRD does not report the attribute there (identifiers
	// turned into the external name, sensitive values, timeouts).
	AtProvider string `json:"atProvider,omitempty"`
	// ForProvider is true when the attribute is a spec.forProvider field.
	ForProvider bool `json:"forProvider,omitempty"`
	// Nested are the attribute names inside an attribute of object type (or
	// list or set of objects) and inside a nested block.
	Nested []string `json:"nested,omitempty"`
	// NoLateInit is true when the provider's config/cluster/<group>/config.go
	// lists the attribute in the resource's LateInitializer.IgnoredFields.
	NoLateInit bool `json:"noLateInit,omitempty"`
}

// Load parses a schema written by Extract.
func Load(data []byte) (*Schema, error) {
	s := &Schema{}
	if err := json.Unmarshal(data, s); err != nil {
		return nil, fmt.Errorf("tfschema: %w", err)
	}
	return s, nil
}

// Marshal is the schema as the committed JSON file: indented, keys sorted.
func (s *Schema) Marshal() ([]byte, error) {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Resource is the schema of k, or nil.
func (s *Schema) Resource(k Kind) *Resource { return s.Kinds[k.String()] }

// ByJSON is the attribute whose CRD field name is name.
func (r *Resource) ByJSON(name string) (string, Attribute, bool) {
	for tf, a := range r.Attributes {
		if a.JSON == name {
			return tf, a, true
		}
	}
	return "", Attribute{}, false
}

// terraformSchema is the part of `terraform providers schema -json` we read.
type terraformSchema struct {
	ProviderSchemas map[string]struct {
		ResourceSchemas map[string]struct {
			Block block `json:"block"`
		} `json:"resource_schemas"`
	} `json:"provider_schemas"`
}

type block struct {
	Attributes map[string]struct {
		Type      json.RawMessage `json:"type"`
		Required  bool            `json:"required"`
		Optional  bool            `json:"optional"`
		Computed  bool            `json:"computed"`
		Sensitive bool            `json:"sensitive"`
	} `json:"attributes"`
	BlockTypes map[string]struct {
		MinItems int   `json:"min_items"`
		Block    block `json:"block"`
	} `json:"block_types"`
}

// names are the attribute and block names of a nested block.
func (b block) names() []string {
	out := make([]string, 0, len(b.Attributes)+len(b.BlockTypes))
	for n := range b.Attributes {
		out = append(out, n)
	}
	for n := range b.BlockTypes {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// objectKeys are the keys of the object type inside a Terraform type such as
// ["list",["object",{"a":"string"}]], or nil.
func objectKeys(raw json.RawMessage) []string {
	var t []json.RawMessage
	if json.Unmarshal(raw, &t) != nil || len(t) != 2 {
		return nil
	}
	var kind string
	_ = json.Unmarshal(t[0], &kind)
	if kind != "object" {
		return objectKeys(t[1])
	}
	var attrs map[string]json.RawMessage
	if json.Unmarshal(t[1], &attrs) != nil {
		return nil
	}
	out := make([]string, 0, len(attrs))
	for n := range attrs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Extract reads the schema of kinds from the provider module in dir (its
// module cache folder).
func Extract(dir, module string, kinds []Kind) (*Schema, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "config", "schema.json")) //nolint:gosec // the module cache.
	if err != nil {
		return nil, err
	}
	var tf terraformSchema
	if err := json.Unmarshal(raw, &tf); err != nil {
		return nil, fmt.Errorf("config/schema.json: %w", err)
	}
	out := &Schema{Provider: module, Kinds: map[string]*Resource{}}
	for _, k := range kinds {
		name, err := terraformResource(dir, k)
		if err != nil {
			return nil, err
		}
		var blk *block
		for _, p := range tf.ProviderSchemas {
			if r, ok := p.ResourceSchemas[name]; ok {
				blk = &r.Block
			}
		}
		if blk == nil {
			return nil, fmt.Errorf("%s: config/schema.json has no resource %s", k, name)
		}
		at, fp, err := crdFields(dir, k)
		if err != nil {
			return nil, err
		}
		res := &Resource{Terraform: name, Attributes: map[string]Attribute{}}
		for n, a := range blk.Attributes {
			res.Attributes[n] = Attribute{JSON: CamelCase(n), Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, Nested: objectKeys(a.Type)}
		}
		for n, b := range blk.BlockTypes {
			res.Attributes[n] = Attribute{JSON: CamelCase(n), Required: b.MinItems > 0, Optional: b.MinItems == 0, Nested: b.Block.names()}
		}
		ignored, err := lateInitIgnored(dir, k.Group, name)
		if err != nil {
			return nil, err
		}
		for n, a := range res.Attributes {
			a.AtProvider = at[a.JSON]
			a.ForProvider = fp[a.JSON]
			a.NoLateInit = ignored[n]
			res.Attributes[n] = a
		}
		out.Kinds[k.String()] = res
	}
	return out, nil
}

// lateInitIgnored are the attributes the provider's configurator of resource
// (config/cluster/<group>/config.go) keeps out of late-initialisation.
func lateInitIgnored(dir, group, resource string) (map[string]bool, error) {
	b, err := os.ReadFile(filepath.Join(dir, "config", "cluster", group, "config.go")) //nolint:gosec // the module cache.
	if err != nil {
		if os.IsNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	out := map[string]bool{}
	for _, part := range strings.Split(string(b), "AddResourceConfigurator(")[1:] {
		if !strings.HasPrefix(part, `"`+resource+`"`) {
			continue
		}
		for _, line := range strings.Split(part, "\n") {
			if !strings.Contains(line, "IgnoredFields") {
				continue
			}
			for _, m := range regexp.MustCompile(`"([a-z0-9_]+)"`).FindAllStringSubmatch(line, -1) {
				out[m[1]] = true
			}
		}
	}
	return out, nil
}

// terraformResource is the Terraform resource type of k, as the provider's
// generated GetTerraformResourceType returns it.
func terraformResource(dir string, k Kind) (string, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "apis", "cluster", k.Group, "*", "zz_"+strings.ToLower(k.Kind)+"_terraformed.go"))
	re := regexp.MustCompile(`func \(mg \*` + k.Kind + `\) GetTerraformResourceType\(\) string \{\s*return "([a-z0-9_]+)"`)
	for _, f := range files {
		b, err := os.ReadFile(f) //nolint:gosec // the module cache.
		if err != nil {
			return "", err
		}
		if m := re.FindSubmatch(b); m != nil {
			return string(m[1]), nil
		}
	}
	return "", fmt.Errorf("%s: no GetTerraformResourceType in apis/cluster/%s/*/zz_%s_terraformed.go", k, k.Group, strings.ToLower(k.Kind))
}

// crdFields are the status.atProvider fields (with their OpenAPI types) and the
// spec.forProvider fields of k's CRD, storage version. The cluster-scoped and
// the namespaced CRD must agree: the function composes both.
func crdFields(dir string, k Kind) (map[string]string, map[string]bool, error) {
	var at []map[string]string
	var fp map[string]bool
	for _, suffix := range []string{".aws.upbound.io", ".aws.m.upbound.io"} {
		a, f, err := crdFieldsOf(dir, k.Group+suffix, k.Kind)
		if err != nil {
			return nil, nil, err
		}
		at = append(at, a)
		fp = f
	}
	if fmt.Sprint(at[0]) != fmt.Sprint(at[1]) {
		return nil, nil, fmt.Errorf("%s: the cluster-scoped and namespaced CRDs report different status.atProvider fields: %v vs %v", k, keys(at[0]), keys(at[1]))
	}
	return at[0], fp, nil
}

func crdFieldsOf(dir, group, kind string) (map[string]string, map[string]bool, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "package", "crds", group+"_*.yaml"))
	for _, f := range files {
		b, err := os.ReadFile(f) //nolint:gosec // the module cache.
		if err != nil {
			return nil, nil, err
		}
		var crd struct {
			Spec struct {
				Names struct {
					Kind string `json:"kind"`
				} `json:"names"`
				Versions []struct {
					Storage bool `json:"storage"`
					Schema  struct {
						OpenAPIV3Schema struct {
							Properties struct {
								Spec struct {
									Properties struct {
										ForProvider struct {
											Properties map[string]any `json:"properties"`
										} `json:"forProvider"`
									} `json:"properties"`
								} `json:"spec"`
								Status struct {
									Properties struct {
										AtProvider struct {
											Properties map[string]struct {
												Type string `json:"type"`
											} `json:"properties"`
										} `json:"atProvider"`
									} `json:"properties"`
								} `json:"status"`
							} `json:"properties"`
						} `json:"openAPIV3Schema"`
					} `json:"schema"`
				} `json:"versions"`
			} `json:"spec"`
		}
		if err := yaml.Unmarshal(b, &crd); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", f, err)
		}
		if crd.Spec.Names.Kind != kind {
			continue
		}
		for _, v := range crd.Spec.Versions {
			if !v.Storage {
				continue
			}
			p := v.Schema.OpenAPIV3Schema.Properties
			at := map[string]string{}
			for n, s := range p.Status.Properties.AtProvider.Properties {
				at[n] = s.Type
			}
			fp := map[string]bool{}
			for n := range p.Spec.Properties.ForProvider.Properties {
				fp[n] = true
			}
			return at, fp, nil
		}
	}
	return nil, nil, fmt.Errorf("no CRD of %s in %s in package/crds", kind, group)
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// CamelCase is upjet's CRD field name of a Terraform attribute name:
// agent_runtime_id -> agentRuntimeId.
func CamelCase(snake string) string {
	parts := strings.Split(snake, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}
