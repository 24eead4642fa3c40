package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// splitYAML parses a multi-document YAML stream into objects, skipping empty
// documents (the render output starts with "---").
func splitYAML(data []byte) ([]map[string]any, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var out []map[string]any
	for i := 0; ; i++ {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		obj := map[string]any{}
		if err := yaml.Unmarshal(doc, &obj); err != nil {
			return nil, fmt.Errorf("document %d: %w", i+1, err)
		}
		if len(obj) == 0 {
			continue
		}
		out = append(out, obj)
	}
}

// canonicalYAML re-encodes every document with sorted keys and fixed
// indentation, so a hand-edited expected.yaml (comments, other quoting or key
// order) compares equal to the render output when the content is equal.
// Document order is kept: it is part of what render guarantees (see compare).
func canonicalYAML(data []byte) (string, error) {
	docs, err := splitYAML(data)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, d := range docs {
		out, err := yaml.Marshal(d)
		if err != nil {
			return "", err
		}
		b.WriteString("---\n")
		b.Write(out)
	}
	return b.String(), nil
}

// describe names a document for error messages: kind, the composition resource
// name when it is a composed resource, and the object name.
func describe(i int, obj map[string]any) string {
	kind, _ := obj["kind"].(string)
	meta, _ := obj["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	anns, _ := meta["annotations"].(map[string]any)
	crn, _ := anns["crossplane.io/composition-resource-name"].(string)
	return fmt.Sprintf("document %d: %s %q (composition-resource-name %q)", i+1, kind, name, crn)
}
