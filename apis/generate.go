//go:build generate

// Package apis generates everything derived from the XR's Go types. Regenerate
// all generated files of this repository, from its root, with:
//
//	go generate -tags generate ./apis/... ./input/...
//
// The steps: controller-gen writes the deepcopy functions next to the types and
// an ordinary CRD into .cache/generate/apis (an intermediate file, git-ignored);
// hack/xrdgen then re-wraps that CRD's spec and status schema as the two XRDs in
// package/configuration. hack/xrdgen/stale_test.go fails when a committed
// generated file differs from what these steps produce.
package apis

//go:generate rm -rf ../.cache/generate/apis
//go:generate go tool controller-gen object paths=./v1alpha1 crd:crdVersions=v1 output:crd:artifacts:config=../.cache/generate/apis
//go:generate go run ../hack/xrdgen -crd ../.cache/generate/apis/agentcore.platform.io_xagentcoreruntimes.yaml -out ../package/configuration
