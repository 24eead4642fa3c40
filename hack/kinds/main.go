// Command kinds prints the provider-aws CRD file names of the catalogue of
// composed kinds (internal/kinds), one per line, both scopes: test/e2e/run.sh
// copies those CRDs.
package main

import (
	"fmt"

	"github.com/platform-io/function-agentcore-runtime/internal/kinds"
)

func main() {
	for _, k := range kinds.Provider {
		for _, f := range k.CRDFiles() {
			fmt.Println(f)
		}
	}
}
