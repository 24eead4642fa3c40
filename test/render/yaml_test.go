package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
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
// indentation, in a fixed document order (see sortDocs). -update writes this form,
// so regenerating expected.yaml gives no spurious diffs, and a hand-edited
// expected.yaml (comments, other quoting or key order) compares equal to the
// render output when the content is equal.
func canonicalYAML(data []byte) (string, error) {
	docs, err := splitYAML(data)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, d := range sortDocs(docs) {
		out, err := yaml.Marshal(d)
		if err != nil {
			return "", err
		}
		b.WriteString("---\n")
		b.Write(out)
	}
	return b.String(), nil
}

// sortDocs puts render output in a deterministic order. Render itself (crossplane
// CLI v2.5.0 with core v2.4.0, measured) prints the XR first, then the composed
// resources sorted by composition-resource-name, then the Result documents. The
// Results are NOT deterministic: crossplane core adds one "Composed resource %q is
// not yet ready" Result per unready resource while ranging over a map, so their
// order changes from run to run. Hence: the XR stays first, composed resources
// are sorted by composition-resource-name, kind and name (as render does, kept
// here so the comparison does not depend on it), Results by message, severity and
// reason (which loses the order of the function's own Results, not their
// content), and any other document (a Context with -c) follows in input order.
func sortDocs(docs []map[string]any) []map[string]any {
	if len(docs) == 0 {
		return docs
	}
	var composed, results, other []map[string]any
	for _, d := range docs[1:] {
		switch {
		case isResult(d):
			results = append(results, d)
		case str(d, "kind") == "Context":
			other = append(other, d)
		default:
			composed = append(composed, d)
		}
	}
	sort.SliceStable(composed, func(i, j int) bool {
		return lessBy(composed[i], composed[j], compositionResourceName, kindOf, nameOf)
	})
	sort.SliceStable(results, func(i, j int) bool {
		return lessBy(results[i], results[j], field("message"), field("severity"), field("reason"))
	})
	out := append([]map[string]any{docs[0]}, composed...)
	out = append(out, results...)
	return append(out, other...)
}

func isResult(d map[string]any) bool {
	return str(d, "kind") == "Result" && strings.HasPrefix(str(d, "apiVersion"), "render.crossplane.io/")
}

// lessBy compares two documents key by key.
func lessBy(a, b map[string]any, keys ...func(map[string]any) string) bool {
	for _, k := range keys {
		if ka, kb := k(a), k(b); ka != kb {
			return ka < kb
		}
	}
	return false
}

func field(name string) func(map[string]any) string {
	return func(d map[string]any) string { return str(d, name) }
}

func str(d map[string]any, key string) string {
	s, _ := d[key].(string)
	return s
}

func kindOf(d map[string]any) string { return str(d, "kind") }

func nameOf(d map[string]any) string {
	meta, _ := d["metadata"].(map[string]any)
	return str(meta, "name")
}

func compositionResourceName(d map[string]any) string {
	meta, _ := d["metadata"].(map[string]any)
	anns, _ := meta["annotations"].(map[string]any)
	return str(anns, "crossplane.io/composition-resource-name")
}

// describe names a document for error messages: kind, the composition resource
// name when it is a composed resource, and the object name.
func describe(i int, obj map[string]any) string {
	return fmt.Sprintf("document %d: %s %q (composition-resource-name %q)", i+1, kindOf(obj), nameOf(obj), compositionResourceName(obj))
}
