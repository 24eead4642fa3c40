// Package crdcheck validates unstructured objects against CustomResourceDefinitions
// the way a Kubernetes API server does on create: prune unknown fields, apply
// defaults, validate the OpenAPI schema, then evaluate the CEL
// x-kubernetes-validations rules, in that order.
//
// The function cannot import provider-aws's typed Go API (see docs/DESIGN.md), so the
// provider's CRDs are the contract: every managed resource we render is checked
// against them. Unknown fields are reported as errors rather than silently pruned,
// because the API server (without strict field validation) would drop a misspelled
// field and the cloud resource would quietly miss a setting.
package crdcheck
