#!/usr/bin/env bash
# The project's one test command, for README and CI (.ci/run calls it):
#   1. builds the pinned crossplane CLI and core binaries (once, into ~/.cache/function-agentcore-runtime/bin),
#   2. downloads the modules whose CRDs are our contract (provider-aws, crossplane),
#   3. go mod tidy -diff, go vet and golangci-lint, 4. all tests with the race detector (render tests included),
#   5. the end-to-end test on a real API server (test/e2e/run.sh), when E2E=1 or its
#      binaries are already built (hack/build-tools.sh e2e),
#   6. a short bounded run of every fuzz target in the module.
# FUZZTIME (default 20s) sets the duration of each fuzz run; FUZZTIME=0 skips them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

step() { printf '\n==> %s\n' "$*" >&2; }
timed() { # timed <description> <command...>
  local start=$SECONDS desc=$1
  shift
  step "$desc"
  "$@"
  echo "    ($desc: $((SECONDS - start))s)" >&2
}

timed "build pinned tools (hack/build-tools.sh)" hack/build-tools.sh
# Exact versions only: the module proxy refuses version lists (see hack/build-tools.sh).
timed "download provider-aws and crossplane CRD modules" \
  go mod download github.com/upbound/provider-aws/v2@v2.7.0 github.com/crossplane/crossplane/v2@v2.4.0
timed "go mod tidy -diff (direct requirements direct, nothing missing or unused)" go mod tidy -diff
timed "go vet" go vet ./...
. "$root/hack/tools-bin.sh"
timed "golangci-lint (.golangci.yml)" "$tools_bin/golangci-lint" run ./...
timed "go test -race" go test -race -count=1 -timeout 30m ./...

# End-to-end test on a real API server (test/e2e/run.sh): when E2E=1 (which builds
# etcd, kube-apiserver, kube-controller-manager and kubectl first, tens of minutes
# once), or when those binaries are already in the tools folder. E2E=0 skips it.
e2e_cached=1
for b in etcd kube-apiserver kube-controller-manager kubectl; do
  [ -x "$tools_bin/$b" ] || e2e_cached=
done
if [ "${E2E:-}" = 1 ]; then
  timed "end-to-end test (test/e2e/run.sh)" test/e2e/run.sh
elif [ "${E2E:-}" != 0 ] && [ -n "$e2e_cached" ]; then
  if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
    timed "end-to-end test (test/e2e/run.sh; binaries cached)" test/e2e/run.sh
  else
    step "end-to-end test: skipped (needs root for unshare -n; E2E=1 makes this an error)"
  fi
else
  step "end-to-end test: skipped (E2E=1 builds its binaries and runs it)"
fi

fuzztime=${FUZZTIME:-20s}
# Minimising a new interesting input of a large seed (whole requests of 20-40 KiB)
# may take the engine up to its default 60 s, in which no other input is tried:
# bounded here so that the budget is spent fuzzing.
minimize=${FUZZMINIMIZETIME:-2s}
if [ "$fuzztime" = 0 ]; then
  step "fuzz: skipped (FUZZTIME=0)"
  exit 0
fi
# Discover fuzz targets with grep so new ones run without editing this script.
# `go test -fuzz` takes one package and one target per run. tools/ is a separate
# module and .cache holds build output, so neither is searched.
targets=$(find . \( -path ./tools -o -path ./.cache -o -path ./.git -o -name testdata \) -prune \
  -o -name '*_test.go' -print |
  xargs -r grep -HoE '^func Fuzz[A-Za-z0-9_]*\(' | sed -E 's/:func (Fuzz[A-Za-z0-9_]*)\($/ \1/' | sort -u)
if [ -z "$targets" ]; then
  step "fuzz: no Fuzz targets found"
  exit 0
fi
# fuzz_once runs one target. Go 1.26's fuzzing coordinator can fail a run with a bare
# "context deadline exceeded" as -fuzztime expires while a worker is mid-execution
# (golang/go#75804, fixed in Go 1.27): no input failed, none was written. Such a run is
# retried once; a run that writes a failing input, or fails otherwise, fails the build.
fuzz_once() { # fuzz_once <package> <target>
  local pkg=$1 name=$2 log attempt
  log=$(mktemp)
  for attempt in 1 2; do
    if go test -run='^$' -fuzz="^${name}\$" -fuzztime="$fuzztime" -fuzzminimizetime="$minimize" "$pkg" 2>&1 | tee "$log"; then
      rm -f "$log"
      return 0
    fi
    if ! grep -q 'context deadline exceeded' "$log" || grep -qE 'Failing input written|panic:|_test\.go:[0-9]+:' "$log"; then
      rm -f "$log"
      return 1
    fi
    echo "    ($name: the fuzzing coordinator's deadline race, golang/go#75804; no failing input; attempt $attempt)" >&2
  done
  rm -f "$log"
  return 1
}
while read -r file name; do
  timed "fuzz $name in $(dirname "$file") for $fuzztime" fuzz_once "$(dirname "$file")" "$name"
done <<<"$targets"
