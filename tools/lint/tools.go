//go:build tools

// Package tools pins golangci-lint in a module of its own, so that its
// dependencies never move those of the function or of the other tools.
package tools

import _ "github.com/golangci/golangci-lint/v2/cmd/golangci-lint"
