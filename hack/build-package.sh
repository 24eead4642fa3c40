#!/usr/bin/env bash
# Builds the Function package for amd64 and arm64 and the Configuration package,
# without a Docker engine: the runtime image is an OCI tarball made by
# tools/imagebuild (go-containerregistry), embedded with
# `crossplane xpkg build --embed-runtime-image-tarball`.
#   hack/build-package.sh [out dir]      (default .cache/package)
# Push with: crossplane xpkg push -f <out>/function-agentcore-runtime-amd64.xpkg,<out>/function-agentcore-runtime-arm64.xpkg <registry>/function-agentcore-runtime:<version>
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/.cache/package}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"

hack/build-tools.sh
. "$root/hack/tools-bin.sh"
bin=$tools_bin
(cd tools && go build -o "$bin/imagebuild" ./imagebuild)

for arch in amd64 arm64; do
  CGO_ENABLED=0 GOOS=linux GOARCH=$arch go build -trimpath -ldflags "-s -w" -o "$out/function-linux-$arch" .
  "$bin/imagebuild" -binary "$out/function-linux-$arch" -arch "$arch" \
    -tag "function-agentcore-runtime:$arch" -out "$out/runtime-$arch.tar"
  # package/ also holds the Configuration package: build the Function without it.
  "$bin/crossplane-cli" xpkg build --package-root=package --ignore='configuration/*' \
    --embed-runtime-image-tarball="$out/runtime-$arch.tar" \
    --package-file="$out/function-agentcore-runtime-$arch.xpkg"
done
"$bin/crossplane-cli" xpkg build --package-root=package/configuration \
  --package-file="$out/configuration-agentcore-runtime.xpkg"
ls -l "$out"/*.xpkg
