//go:build tools

// Package tools pins the binaries of the end-to-end test (hack/build-tools.sh e2e):
// etcd, kube-apiserver, kube-controller-manager (only its garbage collector runs: it
// deletes an XR's composed resources, which the Usages then order) and kubectl.
// It is a module of its own, apart from ../ (the crossplane CLI and core): there, MVS
// would move etcd to v3.6.8 (certificate-transparency-go, via the CLI's sigstore,
// requires it) and kube-apiserver's grpc and OpenTelemetry up to the CLI's versions.
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
