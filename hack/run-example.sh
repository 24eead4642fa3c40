#!/usr/bin/env bash
# The README's "run" command: renders one example case with the function built
# from this checkout and running locally as a Development runtime, no cluster or
# Docker needed.
#   hack/run-example.sh [case] [extra render flags, e.g. -x -c]
# case is a folder under example/ (default mdaa-minimal). ADDRESS overrides the
# function's address (default 127.0.0.1:9443); TOOLS_BIN the tools folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

name=${1:-mdaa-minimal}
shift || true
dir=example/$name
if [ ! -f "$dir/xr.yaml" ]; then
  echo "no example case $dir (a folder with xr.yaml); cases:" >&2
  ls example >&2 || true
  exit 1
fi

# The XR's group decides the XRD; render treats a legacy XR as a modern one without it.
group=$(sed -n 's|^apiVersion:[[:space:]]*\([^/]*\)/.*|\1|p' "$dir/xr.yaml" | head -n1)
case $group in
  agentcore.platform.io) xrd=package/configuration/zz_xrd_legacy.yaml ;;
  agentcore.m.platform.io) xrd=package/configuration/zz_xrd_namespaced.yaml ;;
  *) echo "$dir/xr.yaml: unexpected apiVersion group '$group'" >&2; exit 1 ;;
esac
[ -f "$xrd" ] || { echo "$xrd is missing: generate it (see hack/xrdgen)" >&2; exit 1; }

hack/build-tools.sh
. "$root/hack/tools-bin.sh"
bin=$tools_bin
addr=${ADDRESS:-127.0.0.1:9443}
host=${addr%:*}
port=${addr##*:}

listening() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }
if listening; then
  echo "$addr is already in use; stop what listens there or set ADDRESS" >&2
  exit 1
fi

tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/fn" .
"$tmp/fn" --insecure --address "$addr" >"$tmp/fn.log" 2>&1 &
pid=$!
# Render hangs until its timeout if the function is not listening yet.
for _ in $(seq 100); do
  listening && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the function exited:" >&2; cat "$tmp/fn.log" >&2; exit 1
  fi
  sleep 0.1
done
listening || { echo "the function is not listening on $addr after 10s:" >&2; cat "$tmp/fn.log" >&2; exit 1; }

args=(composition render "$dir/xr.yaml" "$dir/composition.yaml" "$dir/functions.yaml"
  --crossplane-binary "$bin/crossplane-core" --include-function-results --timeout 60s --xrd "$xrd"
  --function-annotations render.crossplane.io/runtime=Development
  --function-annotations "render.crossplane.io/runtime-development-target=$addr")
[ -d "$dir/observed" ] && args+=(--observed-resources "$dir/observed")
if ! "$bin/crossplane-cli" "${args[@]}" "$@"; then
  echo "render failed; function output:" >&2
  cat "$tmp/fn.log" >&2
  exit 1
fi
