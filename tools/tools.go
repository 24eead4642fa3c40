//go:build tools

// Package tools pins the command-line tools the tests run, so that `go build` from this
// module builds them at exact versions (go install pkg@version reads version lists,
// which the module proxy refuses).
package tools

import (
	_ "github.com/crossplane/cli/v2/cmd/crossplane"
	_ "github.com/crossplane/crossplane/v2/cmd/crossplane"
)
