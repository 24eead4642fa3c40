package mdaa

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ConfigDataOrigin names mdaa.yaml's module_config_data (and app_config_data)
// as the origin of a field.
const ConfigDataOrigin = "module_config_data"

// Config is a module's config as its CDK app reads it, and which config file
// gave each field.
type Config struct {
	// Values is the merged config.
	Values map[string]any
	files  []string
	// origins are the files that gave each field (config paths, e.g.
	// networkConfiguration.subnets[0]), in order.
	origins map[string][]string
}

// LoadConfig reads m's config files (relative to dir, mdaa.yaml's folder) as
// MDAA's CDK app does (MdaaCdkApp.loadConfigFromFiles): each file's relative
// paths (values starting with ./ or ../) resolved against its own folder, then
// the files merged in order with lodash's mergeWith: maps merge key by key at
// every depth, a later scalar replaces an earlier one, and lists are
// concatenated (MDAA's customizer), so a list in two files holds the items of
// both. module_config_data is then laid over the result, top-level key by key.
// Resolved paths are written relative to dir, so that the output does not
// depend on the machine that converted it.
func LoadConfig(dir string, m Module) (Config, error) {
	c := Config{Values: map[string]any{}, files: m.ConfigFiles, origins: map[string][]string{}}
	for _, f := range m.ConfigFiles {
		v, err := readConfig(dir, f)
		if err != nil {
			return Config{}, fmt.Errorf("%s: %w", m.ID(), err)
		}
		c.merge(c.Values, v, "", f)
	}
	for _, k := range slices.Sorted(maps.Keys(m.ConfigData)) {
		c.replace(c.Values, k, k, m.ConfigData[k], ConfigDataOrigin)
	}
	return c, nil
}

// readConfig reads one config file with its relative paths rebased.
func readConfig(dir, name string) (map[string]any, error) {
	file := name
	if !filepath.IsAbs(file) {
		file = filepath.Join(dir, name)
	}
	b, err := os.ReadFile(file) //nolint:gosec // a module config the user's mdaa.yaml lists.
	if err != nil {
		return nil, err
	}
	v, err := parseYAML(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	base := filepath.Dir(name)
	if filepath.IsAbs(base) {
		if abs, err := filepath.Abs(dir); err == nil {
			if r, err := filepath.Rel(abs, base); err == nil {
				base = r
			}
		}
	}
	out, _ := rebase(v, base).(map[string]any)
	return out, nil
}

// rebase resolves the relative paths among v's string values against base
// (MDAA's ConfigConfigPathValueTransformer; map keys are left alone).
func rebase(v any, base string) any {
	switch t := v.(type) {
	case string:
		return rebasePath(t, base)
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = rebase(e, base)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = rebase(e, base)
		}
		return out
	}
	return v
}

func rebasePath(s, base string) string {
	if !strings.HasPrefix(s, "./") && !strings.HasPrefix(s, "../") &&
		!strings.HasPrefix(s, `.\`) && !strings.HasPrefix(s, `..\`) {
		return s
	}
	p := filepath.ToSlash(filepath.Join(base, filepath.FromSlash(strings.ReplaceAll(s, `\`, "/"))))
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return p
	}
	return "./" + p
}

// merge merges src, from file, into dst at path p as lodash's mergeWith with
// MDAA's customizer (lists concatenate; a non-list after a list is appended to
// it, as Array.concat does).
func (c Config) merge(dst, src map[string]any, p, file string) {
	for _, k := range slices.Sorted(maps.Keys(src)) {
		kp, sv := child(p, k), src[k]
		switch dv := dst[k].(type) {
		case []any:
			added, ok := sv.([]any)
			if !ok {
				added = []any{sv}
			}
			for i, e := range added {
				c.setAll(index(kp, len(dv)+i), e, file)
			}
			dst[k] = append(dv, added...)
			c.add(kp, file)
		case map[string]any:
			if sm, ok := sv.(map[string]any); ok {
				c.add(kp, file)
				c.merge(dv, sm, kp, file)
				continue
			}
			c.replace(dst, k, kp, sv, file)
		default:
			c.replace(dst, k, kp, sv, file)
		}
	}
}

// replace sets dst[k] to v from file: what earlier files gave there is gone.
func (c Config) replace(dst map[string]any, k, kp string, v any, file string) {
	if m, ok := v.(map[string]any); ok {
		// A copy, which later files merge into without touching this file's value.
		v = copyMap(m)
	}
	if l, ok := v.([]any); ok {
		v = slices.Clone(l)
	}
	dst[k] = v
	for p := range c.origins {
		if strings.HasPrefix(p, kp+".") || strings.HasPrefix(p, kp+"[") {
			delete(c.origins, p)
		}
	}
	c.setAll(kp, v, file)
}

// setAll records file as the origin of p and of everything under it in v.
func (c Config) setAll(p string, v any, file string) {
	c.set(p, file)
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			c.setAll(child(p, k), e, file)
		}
	case []any:
		for i, e := range t {
			c.setAll(index(p, i), e, file)
		}
	}
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if mm, ok := v.(map[string]any); ok {
			v = copyMap(mm)
		}
		out[k] = v
	}
	return out
}

func (c Config) set(p, file string) { c.origins[p] = []string{file} }

func (c Config) add(p, file string) {
	if !slices.Contains(c.origins[p], file) {
		c.origins[p] = append(c.origins[p], file)
	}
}

func child(p, k string) string {
	if p == "" {
		return k
	}
	return p + "." + k
}

func index(p string, i int) string { return p + "[" + strconv.Itoa(i) + "]" }

// Origins are the config files (or ConfigDataOrigin) that gave the field at
// path (e.g. networkConfiguration.subnets[0]) or, when no file gave it, its
// nearest ancestor that one gave; all of the module's files when none did.
func (c Config) Origins(path string) []string {
	for p := path; p != ""; p = parent(p) {
		if o, ok := c.origins[p]; ok {
			return o
		}
	}
	return c.files
}

// parent is p without its last segment (.name or [index]).
func parent(p string) string {
	i := max(strings.LastIndexByte(p, '.'), strings.LastIndexByte(p, '['))
	if i < 0 {
		return ""
	}
	return p[:i]
}
