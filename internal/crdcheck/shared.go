package crdcheck

import (
	"strings"
	"sync"

	"github.com/platform-io/function-agentcore-runtime/internal/kinds"
)

// CrossplaneGroups are the Crossplane API groups the function may render
// (Usage and ClusterUsage).
var CrossplaneGroups = []string{"protection.crossplane.io"}

// NeededProviderCRD selects the CRD files of the catalogue's kinds, both the
// legacy cluster-scoped (.aws.upbound.io) and the namespaced (.aws.m.upbound.io)
// API. Loading only these keeps loading to about a second; all 2065 provider
// CRDs take over a minute and 1.4 GB.
func NeededProviderCRD(filename string) bool {
	return kinds.IsCRDFile(filename)
}

// NeededCrossplaneCRD selects the CRD files of CrossplaneGroups.
func NeededCrossplaneCRD(filename string) bool {
	for _, g := range CrossplaneGroups {
		if strings.HasPrefix(filename, g+"_") {
			return true
		}
	}
	return false
}

var shared struct {
	once sync.Once
	set  *Set
	err  error
}

// Shared returns the provider CRDs selected by NeededProviderCRD plus the
// Crossplane CRDs selected by NeededCrossplaneCRD, loaded once per process so
// every test in a package shares them. Callers must not add to the result.
func Shared() (*Set, error) {
	shared.once.Do(func() {
		shared.set, shared.err = loadShared()
	})
	return shared.set, shared.err
}

func loadShared() (*Set, error) {
	providerDir, err := ProviderCRDDir()
	if err != nil {
		return nil, err
	}
	crossplaneDir, err := CrossplaneCRDDir()
	if err != nil {
		return nil, err
	}
	s := NewSet()
	if err := s.AddDir(providerDir, NeededProviderCRD); err != nil {
		return nil, err
	}
	if err := s.AddDir(crossplaneDir, NeededCrossplaneCRD); err != nil {
		return nil, err
	}
	return s, nil
}
