package v1beta1

// APIVersion is the Input's apiVersion.
const APIVersion = "runtime.agentcore.platform.io/v1beta1"

// FromComposition is the Input in the Composition comp (a YAML document):
// the input of the pipeline step whose input has APIVersion, since a
// pipeline may run other functions first; nil when no step has one.
func FromComposition(comp map[string]any) map[string]any {
	spec, _ := comp["spec"].(map[string]any)
	steps, _ := spec["pipeline"].([]any)
	for _, s := range steps {
		step, _ := s.(map[string]any)
		if in, ok := step["input"].(map[string]any); ok && in["apiVersion"] == APIVersion {
			return in
		}
	}
	return nil
}
