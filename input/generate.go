//go:build generate

// Package input generates the function Input's deepcopy functions and its CRD in
// package/input, which `crossplane xpkg build` bundles to document the Input (it
// is never installed). Regenerate all generated files of this repository, from
// its root, with:
//
//	go generate -tags generate ./apis/... ./input/...
//
// hack/xrdgen/stale_test.go fails when a committed generated file is stale.
package input

//go:generate rm -rf ../package/input/
//go:generate go tool controller-gen object crd:crdVersions=v1 paths=./v1beta1 output:crd:artifacts:config=../package/input
