#!/usr/bin/env bash
# Builds the pinned command-line tools into $tools_bin (hack/tools-bin.sh), once. They are reused on later
# runs; delete that folder (or one binary in it) to rebuild.
#
#   hack/build-tools.sh       the crossplane CLI v2.5.0 and the crossplane core v2.4.0
#                             binary that `composition render` shells out to (tools/ module),
#                             and golangci-lint v2.15.0 (tools/lint module)
#   hack/build-tools.sh e2e   additionally etcd v3.6.5, kube-apiserver, kube-controller-manager
#                             and kubectl v1.35.3 for test/e2e (tools/k8s module), and the
#                             e2e's OCI registry (tools/registry). Opt-in: the first build
#                             takes tens of minutes on 2 cores.
#
# `go install pkg@version` cannot be used here: the module proxy refuses version lists.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/hack/tools-bin.sh"
bin=$tools_bin
mkdir -p "$bin"

build() { # build <output> <package> [extra go build flags...]
  local out=$1 pkg=$2 start=$SECONDS
  shift 2
  if [ -x "$bin/$out" ]; then return; fi
  echo "building $out (first build takes several minutes)" >&2
  go build -trimpath -ldflags "-s -w" "$@" -o "$bin/$out.tmp" "$pkg"
  mv "$bin/$out.tmp" "$bin/$out"
  echo "built $out in $((SECONDS - start))s" >&2
}

cd "$root/tools"
build crossplane-cli github.com/crossplane/cli/v2/cmd/crossplane
# Core is stamped with its version, so that packages' Crossplane version constraints are
# checked (unstamped it reports "", which no constraint accepts). A binary built before
# the stamp, from a reused cache, is rebuilt.
xpversion=v2.4.0
if [ -x "$bin/crossplane-core" ] && [ "$("$bin/crossplane-core" --version 2>/dev/null)" != "$xpversion" ]; then
  echo "crossplane-core does not report $xpversion: rebuilding it with the version stamped" >&2
  rm -f "$bin/crossplane-core"
fi
build crossplane-core github.com/crossplane/crossplane/v2/cmd/crossplane \
  -ldflags "-s -w -X github.com/crossplane/crossplane-runtime/v2/pkg/version.version=$xpversion"
# golangci-lint v2.15.0 in a module of its own (its dependencies would move the CLI's).
(cd "$root/tools/lint" && build golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint)

case "${1:-}" in
"") ;;
e2e)
  # A module of its own: kube-apiserver and etcd keep the dependency versions Kubernetes
  # resolved (in ../, MVS would move their grpc and OpenTelemetry to the CLI's).
  cd "$root/tools/k8s"
  k8sversion=v1.35.3
  k8sldflags="-s -w -X k8s.io/component-base/version.gitVersion=$k8sversion"
  k8sldflags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=35"
  k8sldflags+=" -X k8s.io/component-base/version.gitTreeState=clean"
  build etcd go.etcd.io/etcd/server/v3
  build kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver -ldflags "$k8sldflags"
  build kube-controller-manager k8s.io/kubernetes/cmd/kube-controller-manager -ldflags "$k8sldflags"
  build kubectl k8s.io/kubernetes/cmd/kubectl -ldflags "$k8sldflags"
  cd "$root/tools"
  build registry ./registry
  ;;
*)
  echo "usage: $0 [e2e]" >&2
  exit 2
  ;;
esac
