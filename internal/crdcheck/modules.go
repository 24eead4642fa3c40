package crdcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
)

// Pinned module versions whose CRDs are our contract. Keep them in step with
// docs/DESIGN.md (provider) and tools/go.mod (crossplane core).
const (
	ProviderModule   = "github.com/upbound/provider-aws/v2@v2.7.0"
	CrossplaneModule = "github.com/crossplane/crossplane/v2@v2.4.0"
)

// ProviderDir returns the folder of the pinned provider-aws module (its
// config/schema.json, apis/ and package/crds/), downloading the module into
// the module cache when needed.
func ProviderDir() (string, error) { return moduleDir(ProviderModule) }

// ProviderCRDDir returns the package/crds folder of the pinned provider-aws
// module, downloading the module into the module cache when needed.
func ProviderCRDDir() (string, error) {
	dir, err := moduleDir(ProviderModule)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "package", "crds"), nil
}

// CrossplaneCRDDir returns the cluster/crds folder of the pinned crossplane
// core module (Usage, ClusterUsage and the other Crossplane kinds).
func CrossplaneCRDDir() (string, error) {
	dir, err := moduleDir(CrossplaneModule)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "cluster", "crds"), nil
}

// moduleDir asks the go command for a module's folder in the module cache. The
// modules are not dependencies of ours (provider-aws cannot be imported, see
// docs/DESIGN.md), so `go mod download` of an exact version is the way to get them;
// it never reads the proxy's version list, which this proxy refuses.
func moduleDir(module string) (string, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(context.Background(), "go", "mod", "download", "-json", module) //nolint:gosec // module is one of this package's pinned constants.
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var info struct {
		Dir   string
		Error string
	}
	if err := json.Unmarshal(stdout.Bytes(), &info); err != nil && runErr == nil {
		return "", fmt.Errorf("go mod download -json %s: cannot parse output: %w", module, err)
	}
	if info.Error != "" || runErr != nil || info.Dir == "" {
		return "", fmt.Errorf("go mod download -json %s failed: %w %s %s", module, runErr, info.Error, stderr.String())
	}
	return info.Dir, nil
}
