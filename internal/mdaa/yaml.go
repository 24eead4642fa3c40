package mdaa

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// parseYAML reads a YAML document as MDAA does: the npm package yaml, whose
// default is YAML 1.2's core schema. yes, no, on, off and dates are strings
// there (sigs.k8s.io/yaml, YAML 1.1, makes them booleans and timestamps), 012 is
// twelve, and the result is JSON's data model: maps with string keys, lists,
// strings, float64 numbers, booleans and nil.
func parseYAML(b []byte) (map[string]any, error) {
	doc := yaml.Node{}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return map[string]any{}, nil
	}
	v, err := fromNode(doc.Content[0])
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok && v != nil {
		return nil, fmt.Errorf("line %d: want a map of keys, got %s", doc.Content[0].Line, doc.Content[0].ShortTag())
	}
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

func fromNode(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return fromNode(n.Alias)
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := fromNode(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := fromNode(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.DocumentNode:
		return fromNode(n.Content[0])
	}
	return scalar(n)
}

// scalar is a scalar by YAML 1.2's core schema.
func scalar(n *yaml.Node) (any, error) {
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		return strings.EqualFold(n.Value, "true"), nil
	case "!!int":
		return integer(n)
	case "!!float":
		return float(n)
	}
	// !!str, !!timestamp (not a type of the core schema) and anything else.
	return n.Value, nil
}

func integer(n *yaml.Node) (any, error) {
	s, base := strings.ReplaceAll(n.Value, "_", ""), 10
	switch {
	case strings.HasPrefix(s, "0x"):
		s, base = s[2:], 16
	case strings.HasPrefix(s, "0o"):
		s, base = s[2:], 8
	}
	i, err := strconv.ParseInt(s, base, 64)
	if err != nil {
		return nil, fmt.Errorf("line %d: %q is not a number", n.Line, n.Value)
	}
	return float64(i), nil
}

func float(n *yaml.Node) (any, error) {
	switch strings.ToLower(n.Value) {
	case ".inf", "+.inf", "-.inf", ".nan":
		// JSON has no such numbers, nor has a runtime's config any use for them.
		return nil, fmt.Errorf("line %d: %s is not a number JSON can hold", n.Line, n.Value)
	}
	f, err := strconv.ParseFloat(n.Value, 64)
	if err != nil || math.IsInf(f, 0) {
		return nil, fmt.Errorf("line %d: %q is not a number", n.Line, n.Value)
	}
	return f, nil
}

// decode decodes m, in JSON's data model, into v.
func decode(m map[string]any, v any) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
