package render

import (
	"encoding/base64"
)

// ConnectionSecretType is the type Crossplane gives connection secrets.
const ConnectionSecretType = "connection.crossplane.io/v1alpha1"

// ConnectionSecret is the v1 Secret holding a namespaced XR's connection details.
func (t Target) ConnectionSecret(name string, details map[string]string) map[string]any {
	data := make(map[string]any, len(details))
	for k, v := range details {
		data[k] = base64.StdEncoding.EncodeToString([]byte(v))
	}
	return map[string]any{
		"apiVersion": "v1",
		"kind":       "Secret",
		"metadata":   map[string]any{fieldName: name, "namespace": t.Namespace},
		"type":       ConnectionSecretType,
		"data":       data,
	}
}
