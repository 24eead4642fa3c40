// Command schemagen writes internal/simprovider/zz_schema.json: what provider-aws
// v2.7.0 reports of each kind the function composes, extracted from the
// provider module (see internal/tfschema). Run by `go generate ./internal/simprovider`;
// a test in that package fails when the committed file is stale.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/platform-io/function-agentcore-runtime/internal/crdcheck"
	"github.com/platform-io/function-agentcore-runtime/internal/simprovider"
	"github.com/platform-io/function-agentcore-runtime/internal/tfschema"
)

func main() {
	out := flag.String("out", "zz_schema.json", "file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	dir, err := crdcheck.ProviderDir()
	if err != nil {
		return err
	}
	s, err := tfschema.Extract(dir, crdcheck.ProviderModule, simprovider.Kinds)
	if err != nil {
		return err
	}
	b, err := s.Marshal()
	if err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644) //nolint:gosec // a source file of this repository.
}
