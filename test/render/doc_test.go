// Package render is the end-to-end render test: it builds the function, runs it as
// a Development runtime, renders every example case with the pinned crossplane
// CLI and core binaries (hack/build-tools.sh), compares the output with the
// case's expected.yaml and validates every rendered managed resource against the
// provider-aws CRDs.
//
// Layout of a case, example/<case>/:
//
//	xr.yaml           the XR (group agentcore.platform.io or agentcore.m.platform.io)
//	composition.yaml  the Composition
//	functions.yaml    the Function(s); the runtime and target annotations are overridden
//	observed/         optional: observed composed resources (a later reconcile pass)
//	expected.yaml     the expected render output; rewrite with -update
//
// Run: go test ./test/render [-run 'TestRender/<case>'] [-update]
package render
