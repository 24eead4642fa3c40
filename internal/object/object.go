// Package object reads plain JSON objects (map[string]any), the form every
// Kubernetes object takes in the function, its simulated provider and its
// examples.
package object

// Lookup is the value at path in nested JSON objects, or nil.
func Lookup(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[p]
	}
	return v
}
