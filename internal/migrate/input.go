package migrate

import (
	"encoding/json"
	"fmt"
	"os"

	"sigs.k8s.io/yaml"

	"github.com/platform-io/function-agentcore-runtime/input/v1beta1"
)

// ReadInput reads the platform's function Input from file: an Input, or a
// Composition whose pipeline has a step with one (the Composition the
// runtimes will use).
func ReadInput(file string) (*v1beta1.Input, error) {
	b, err := os.ReadFile(file) //nolint:gosec // the user's own Composition.
	if err != nil {
		return nil, err
	}
	doc := map[string]any{}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	raw := doc
	if doc["kind"] == "Composition" {
		raw = v1beta1.FromComposition(doc)
	}
	if raw == nil || raw["apiVersion"] != v1beta1.APIVersion || raw["kind"] != "Input" {
		return nil, fmt.Errorf("%s: neither an Input (%s) nor a Composition with a step that has one", file, v1beta1.APIVersion)
	}
	in := &v1beta1.Input{}
	b, err = json.Marshal(raw)
	if err == nil {
		err = json.Unmarshal(b, in)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: the Input: %w", file, err)
	}
	return in, nil
}
