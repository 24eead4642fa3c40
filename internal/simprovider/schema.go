// Package simprovider is a simulated provider-aws v2.7.0: it reports a managed
// resource the function rendered as the real provider would once it reconciled
// it. status.atProvider holds only attributes of the kind's Terraform schema that
// its CRD reports (zz_schema.json, extracted from the provider module), with
// values as AWS produces them; the crossplane.io/external-name annotation is
// written as the provider's config/externalname.go writes it; optional+computed
// fields are late-initialised into spec.forProvider; conditions are Ready and
// Synced, or on request the failure the provider reports. Every test, example
// fixture, the load generator and the e2e observe through it, so that no test
// sees a field the real provider never sets.
package simprovider

import (
	"strings"
	"sync"

	"github.com/platform-io/function-agentcore-runtime/internal/kinds"
	"github.com/platform-io/function-agentcore-runtime/internal/tfschema"

	_ "embed" // zz_schema.json
)

//go:generate go run ../../hack/schemagen -out zz_schema.json

//go:embed zz_schema.json
var schemaJSON []byte

// Kinds are the provider-aws kinds the function composes (the catalogue,
// internal/kinds).
var Kinds = func() []tfschema.Kind {
	out := make([]tfschema.Kind, len(kinds.Provider))
	for i, k := range kinds.Provider {
		out[i] = tfschema.Kind{Group: k.Group, Kind: k.Kind}
	}
	return out
}()

// Schema is what provider-aws reports of each of Kinds.
var Schema = sync.OnceValue(func() *tfschema.Schema {
	s, err := tfschema.Load(schemaJSON)
	if err != nil {
		panic(err) // the embedded file is generated and tested
	}
	return s
})

// KindOf is the provider-aws kind of an object, from its apiVersion
// (<group>.aws.upbound.io/<version> or <group>.aws.m.upbound.io/<version>).
func KindOf(obj map[string]any) (tfschema.Kind, bool) {
	av, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	group, _, _ := strings.Cut(av, "/")
	for _, suffix := range []string{".aws.m.upbound.io", ".aws.upbound.io"} {
		if g, ok := strings.CutSuffix(group, suffix); ok {
			return tfschema.Kind{Group: g, Kind: kind}, true
		}
	}
	return tfschema.Kind{}, false
}
