#!/usr/bin/env bash
# Builds the pinned command-line tools (crossplane CLI v2.5.0 and the crossplane core
# v2.4.0 binary that `composition render` shells out to) from the tools/ module into
# .cache/bin, once. They are reused on later runs; delete .cache/bin to rebuild.
# `go install pkg@version` cannot be used here: the module proxy refuses version lists.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${TOOLS_BIN:-$root/.cache/bin}
mkdir -p "$bin"
cd "$root/tools"
build() { # build <output> <package>
  if [ -x "$bin/$1" ]; then return; fi
  echo "building $1 (first build takes several minutes)" >&2
  go build -trimpath -ldflags "-s -w" -o "$bin/$1.tmp" "$2"
  mv "$bin/$1.tmp" "$bin/$1"
}
build crossplane-cli github.com/crossplane/cli/v2/cmd/crossplane
build crossplane-core github.com/crossplane/crossplane/v2/cmd/crossplane
