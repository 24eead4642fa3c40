// Command kinds prints the provider-aws API groups of the catalogue of composed
// kinds (internal/kinds), one per line: test/e2e/run.sh copies their CRDs.
package main

import (
	"fmt"

	"github.com/platform-io/function-agentcore-runtime/internal/kinds"
)

func main() {
	for _, g := range kinds.Groups() {
		fmt.Println(g)
	}
}
