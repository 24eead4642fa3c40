#!/usr/bin/env bash
# End-to-end test on a real API server, no Docker, no cloud:
#
#   test/e2e/run.sh          (as root: it runs in a private network namespace)
#
# Starts etcd, kube-apiserver, kube-controller-manager (garbage collector only), an OCI
# registry and Crossplane core out of cluster (with its Usage webhook), all on 127.0.0.1
# inside `unshare -n -m`; applies Crossplane's CRDs, the provider-aws CRDs the function
# composes (the groups of internal/kinds, in both API groups) and the provider's
# ProviderConfig CRDs; pushes the packages hack/build-package.sh builds and installs them
# through Crossplane's package manager (a Function, and a Configuration that brings both
# XRDs and both Compositions); runs the function's binary out of the package's runtime
# image as its Deployment says, with the TLS Secret Crossplane generated (no kubelet: the
# Deployment's readiness is the one thing faked); then runs the Go test in this folder
# (build tag e2e), which stands in for provider-aws and checks each stage up to the
# deletion order. See e2e_test.go for what is asserted.
#
# The binaries come from hack/build-tools.sh e2e (built once into ~/.cache/function-agentcore-runtime/bin; the first
# build takes tens of minutes). Environment:
#   E2E_TIMEOUT  seconds for the whole run inside the namespace (default 600)
#   E2E_KEEP=1   keep the work folder (logs, PKI, kubeconfig) after a successful run
#   E2E_SCALE    e.g. 50,100,200: run only the scale test (TestScale) with that many XRs
#                per step, and print one SCALE line per step (E2E_TIMEOUT then defaults to
#                10 minutes plus 40 s per XR of all steps: a step of N may take 15 s per XR
#                to Ready and as long again to delete)
#   E2E_READY_TTL  the function's --ready-ttl (default 1m); with E2E_SCALE, e.g. 1s is the
#                overload run: Crossplane reconciles every Ready composite that often
#   E2E_SCALE_SPEC=minimal  with E2E_SCALE: every XR is MDAA's minimal sample (a dozen
#                composed resources instead of 40-50), which core reconciles more often
#   TOOLS_BIN    the tools folder (default ~/.cache/function-agentcore-runtime/bin)
set -euo pipefail
if [ -n "${E2E_SCALE:-}" ]; then
  n=0
  for f in ${E2E_SCALE//,/ }; do n=$((n + f)); done
  export E2E_TIMEOUT=${E2E_TIMEOUT:-$((600 + 40 * n))}
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/hack/tools-bin.sh"
bin=$tools_bin
self=$root/test/e2e/run.sh

log() { printf '[e2e %5ss] %s\n' "$SECONDS" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

###############################################################################
# Outside the namespace: everything that needs the network (module downloads, builds).
###############################################################################
if [ "${E2E_IN_NETNS:-}" != 1 ]; then
  if [ "$(id -u)" != 0 ]; then
    die "needs root (or CAP_SYS_ADMIN) for 'unshare -n', a private network namespace: Crossplane core binds its metrics and health ports on all interfaces"
  fi
  command -v unshare >/dev/null || die "needs unshare (util-linux)"
  command -v ip >/dev/null || die "needs ip (iproute2) to bring up loopback in the namespace"
  command -v openssl >/dev/null || die "needs openssl to make the test PKI"
  unshare -n true 2>/dev/null || die "'unshare -n' is not permitted here (a container without CAP_SYS_ADMIN?)"

  cd "$root"
  start=$SECONDS
  hack/build-tools.sh e2e
  for b in etcd kube-apiserver kube-controller-manager kubectl crossplane-core crossplane-cli registry; do
    [ -x "$bin/$b" ] || die "$bin/$b is missing (hack/build-tools.sh e2e builds it)"
  done
  # Exact versions only: the module proxy refuses version lists.
  crossplane_dir=$(go mod download -json github.com/crossplane/crossplane/v2@v2.4.0 | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  aws_dir=$(go mod download -json github.com/upbound/provider-aws/v2@v2.7.0 | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [ -d "$crossplane_dir/cluster/crds" ] || die "no Crossplane CRDs in '$crossplane_dir'"
  [ -d "$aws_dir/package/crds" ] || die "no provider-aws CRDs in '$aws_dir'"

  work=$(mktemp -d "${TMPDIR:-/tmp}/e2e.XXXXXX")
  ok=
  finish() {
    if [ -z "$ok" ]; then
      log "logs of the failed run are kept in $work"
    elif [ "${E2E_KEEP:-}" = 1 ]; then
      log "work folder kept: $work"
    else
      rm -rf "$work"
    fi
  }
  trap finish EXIT

  # The CRDs to apply, in one folder each.
  mkdir -p "$work/crds/crossplane" "$work/crds/aws"
  cp "$crossplane_dir"/cluster/crds/*.yaml "$work/crds/crossplane/"
  # The CRDs of the catalogue of composed kinds (internal/kinds), both scopes.
  for f in $(go run ./hack/kinds); do
    cp "$aws_dir/package/crds/$f" "$work/crds/aws/"
  done
  cp "$aws_dir"/package/crds/aws.upbound.io_*.yaml "$aws_dir"/package/crds/aws.m.upbound.io_*.yaml "$work/crds/aws/"
  chmod -R u+w "$work/crds"
  log "$(ls "$work/crds/crossplane" | wc -l) Crossplane CRDs, $(ls "$work/crds/aws" | wc -l) provider-aws CRDs"

  log "building the packages and the test"
  hack/build-package.sh "$work/package" >/dev/null
  go test -c -tags e2e -o "$work/e2e.test" ./test/e2e
  log "prepared in $((SECONDS - start))s; entering the network namespace (timeout ${E2E_TIMEOUT:-600}s)"

  # timeout signals the whole process group on expiry (TERM, then KILL 15s later), so
  # nothing outlives the run. It runs in the background so that Ctrl-C here reaches it:
  # it forwards the signal, and the namespace's EXIT trap stops every process.
  # -m: a mount namespace too, for a private /etc/hosts (util-linux makes its mounts private).
  E2E_IN_NETNS=1 E2E_WORK=$work E2E_BIN=$bin E2E_ARCH=$(go env GOARCH) \
    timeout --kill-after=15 "${E2E_TIMEOUT:-600}" unshare -n -m -- bash "$self" &
  child=$!
  trap 'kill -TERM "$child" 2>/dev/null || true' INT TERM
  rc=0
  wait "$child" || rc=$?
  while kill -0 "$child" 2>/dev/null; do # interrupted: wait for the cleanup
    rc=0
    wait "$child" || rc=$?
  done
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    log "FAIL: timed out after ${E2E_TIMEOUT:-600}s"
  fi
  [ "$rc" = 0 ] && ok=1
  log "total ${SECONDS}s, exit $rc"
  exit "$rc"
fi

###############################################################################
# Inside the namespace: only loopback exists.
###############################################################################
w=$E2E_WORK
bin=$E2E_BIN
cd "$w"
ip link set lo up
# The function's endpoint as Crossplane writes it (dns:///<name>.crossplane-system:9443,
# a headless Service in a cluster) resolves to loopback, in this mount namespace only.
fn=platform-io-function-agentcore-runtime
printf '127.0.0.1 localhost\n127.0.0.1 %s.crossplane-system\n' "$fn" >hosts
mount --bind hosts /etc/hosts

pids=()
names=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # Stop in reverse start order, each before the next (etcd waits for the API
  # server's watches to end): TERM, up to 10s, then KILL.
  local i n
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || continue
    for ((n = 0; n < 50; n++)); do
      kill -0 "${pids[i]}" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "${pids[i]}" 2>/dev/null; then
      log "${names[i]} did not stop within 10s of TERM; killing it"
      kill -KILL "${pids[i]}" 2>/dev/null || true
    fi
    wait "${pids[i]}" 2>/dev/null || true
  done
  if [ "$rc" != 0 ]; then
    for n in "${names[@]}"; do
      log "last lines of $n.log:"
      tail -n 15 "$w/$n.log" | cut -c1-400 >&2 || true
    done
  fi
  log "all processes stopped"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# start <name> <command...>: runs it in the background, output to <name>.log.
start() {
  local name=$1
  shift
  "$@" >"$w/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
}

# supervise <name> <command...>: runs the command, and again whenever it dies
# (a crash, or the test's SIGKILL), writing its PID to <name>.pid for the test
# (E2E_WORK); TERM stops it for good.
supervise() {
  local name=$1 child=
  shift
  trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM
  while :; do
    "$@" &
    child=$!
    echo "$child" >"$w/$name.pid"
    wait "$child" || true
    echo "[supervise] $name exited; starting it again" >&2
    sleep 0.5
  done
}

# wait_for <seconds> <what> <command...>: polls the command every 0.2s, failing if
# any started process exits meanwhile.
wait_for() {
  local secs=$1 what=$2 i
  shift 2
  for ((i = 0; i < secs * 5; i++)); do
    if "$@" >/dev/null 2>&1; then
      log "$what"
      return 0
    fi
    for j in "${!pids[@]}"; do
      kill -0 "${pids[j]}" 2>/dev/null || die "${names[j]} exited while waiting for: $what"
    done
    sleep 0.2
  done
  die "timed out after ${secs}s waiting for: $what"
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- PKI: one CA; server certs for kube-apiserver and Crossplane's webhook (SAN
# 127.0.0.1); Crossplane's client cert for mTLS to the function. Crossplane signs the
# function's server cert itself, with this CA (its root CA Secret, below): the key is
# PKCS#1, the only form it parses.
mkdir -p pki/xp-client pki/xp-webhook pki/kas
openssl genrsa -traditional -out pki/ca.key 2048 2>/dev/null
openssl req -x509 -new -key pki/ca.key -days 1 -subj /CN=e2e-ca -out pki/ca.crt 2>/dev/null
cert() { # cert <dir> <CN> <extendedKeyUsage> [subjectAltName]
  local d=$1 cn=$2 eku=$3 san=${4:-}
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    [ -n "$san" ] && echo "subjectAltName=$san"
  } >"$d/ext.cnf"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$cn" -keyout "$d/tls.key" -out "$d/tls.csr" 2>/dev/null
  openssl x509 -req -in "$d/tls.csr" -CA pki/ca.crt -CAkey pki/ca.key -CAcreateserial -days 1 \
    -extfile "$d/ext.cnf" -out "$d/tls.crt" 2>/dev/null
  cp pki/ca.crt "$d/ca.crt"
}
cert pki/kas kube-apiserver serverAuth "IP:127.0.0.1,DNS:localhost"
cert pki/xp-webhook crossplane-webhook serverAuth "IP:127.0.0.1"
cert pki/xp-client crossplane clientAuth
openssl genrsa -out pki/sa.key 2048 2>/dev/null
openssl rsa -in pki/sa.key -pubout -out pki/sa.pub 2>/dev/null
token=$(openssl rand -hex 16)
echo "$token,e2e-admin,e2e-admin,\"system:masters\"" >pki/tokens.csv
cat >kubeconfig <<EOF
apiVersion: v1
kind: Config
clusters:
- name: e2e
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority: $w/pki/ca.crt
users:
- name: e2e-admin
  user:
    token: $token
contexts:
- name: e2e
  context: {cluster: e2e, user: e2e-admin}
current-context: e2e
EOF
export KUBECONFIG=$w/kubeconfig
k() { "$bin/kubectl" --request-timeout=30s "$@"; }

# --- etcd and kube-apiserver.
start etcd "$bin/etcd" --data-dir "$w/etcd" --unsafe-no-fsync \
  --listen-client-urls http://127.0.0.1:2379 --advertise-client-urls http://127.0.0.1:2379 \
  --listen-peer-urls http://127.0.0.1:2380 --initial-advertise-peer-urls http://127.0.0.1:2380 \
  --initial-cluster default=http://127.0.0.1:2380
wait_for 30 "etcd is listening" listening 2379
start kube-apiserver supervise kube-apiserver "$bin/kube-apiserver" --etcd-servers=http://127.0.0.1:2379 \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port=6443 \
  --tls-cert-file=pki/kas/tls.crt --tls-private-key-file=pki/kas/tls.key \
  --service-account-issuer=https://kubernetes.default.svc --service-account-key-file=pki/sa.pub \
  --service-account-signing-key-file=pki/sa.key --token-auth-file=pki/tokens.csv \
  --authorization-mode=RBAC --service-cluster-ip-range=10.0.0.0/24 --profiling=false
wait_for 60 "kube-apiserver is ready" k get --raw /readyz
log "$("$bin/kubectl" version 2>&1 | tr '\n' ' ')"

# --- Crossplane's CRDs, the provider-aws CRDs, the namespaces.
k create namespace crossplane-system >/dev/null
k create namespace team-a >/dev/null
k apply --server-side -f crds/crossplane >/dev/null
k apply --server-side -f crds/aws >/dev/null
k wait --for=condition=Established --timeout=60s crd --all >/dev/null
log "CRDs established: $(k get crd -o name | wc -l)"

# --- The packages, in an in-memory OCI registry (plain HTTP: Crossplane pulls from a
# loopback registry without TLS). The function's is a multi-arch index.
reg=127.0.0.1:5000/platform-io
fnpkg=$reg/function-agentcore-runtime:v0.1.0
cfgpkg=$reg/configuration-agentcore-runtime:v0.1.0
start registry "$bin/registry" serve -addr 127.0.0.1:5000
wait_for 30 "the registry is listening" listening 5000
"$bin/crossplane-cli" xpkg push -f package/function-agentcore-runtime-amd64.xpkg,package/function-agentcore-runtime-arm64.xpkg "$fnpkg"
"$bin/crossplane-cli" xpkg push -f package/configuration-agentcore-runtime.xpkg "$cfgpkg"
log "pushed $fnpkg and $cfgpkg"

# --- Crossplane core, out of cluster. Its Usage webhook only runs with webhooks
# enabled (and its usage controllers with it); kube-apiserver reaches it through the
# ValidatingWebhookConfiguration below, by URL on 127.0.0.1 instead of a Service.
mkdir -p "$w/xpkg" # core does not create its package cache
# Debug logs explain a failed lifecycle test; the scale run measures core and the
# function as they run in production, without them.
debug=(--debug)
[ -z "${E2E_SCALE:-}" ] || debug=()
start crossplane "$bin/crossplane-core" core start "${debug[@]}" \
  --tls-client-certs-dir="$w/pki/xp-client" --tls-server-certs-dir="$w/pki/xp-webhook" --webhook-port=9444 \
  --xpkg-cache-dir="$w/xpkg" --xfn-cache-dir="$w/xfn" \
  --metrics-port=18080 --health-probe-port=18081 --circuit-breaker-burst=1000
# Why the burst: with realtime compositions (the default) core does not poll XRs; it
# reacts to watch events on composed resources, through a per-XR circuit breaker
# (burst 100 events, refill 1/s; when open it lets one event through every 30s and
# drops the rest). The test stands in for the provider and readies ~25 resources per XR
# within seconds, far faster than AWS does, which opened the breaker at its default and
# left an XR unreconciled with every resource Ready. The metrics are saved at the end.
wait_for 60 "Crossplane core is ready (its readyz includes the webhook server)" bash -c 'exec 3<>/dev/tcp/127.0.0.1/18081 && printf "GET /readyz HTTP/1.0\r\n\r\n" >&3 && grep -q "200 OK" <&3'
cabundle=$(base64 -w0 <pki/ca.crt)
k apply -f - >/dev/null <<EOF
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: crossplane-no-usages
webhooks:
- name: nousages.protection.crossplane.io
  admissionReviewVersions: [v1]
  clientConfig:
    url: https://127.0.0.1:9444/validate-no-usages
    caBundle: $cabundle
  failurePolicy: Fail
  objectSelector:
    matchLabels:
      crossplane.io/in-use: "true"
  rules:
  - apiGroups: ["*"]
    apiVersions: ["*"]
    operations: [DELETE]
    resources: ["*"]
  sideEffects: None
EOF

# --- The packages, through Crossplane's package manager. What `crossplane core init`
# and the Helm chart would have made: Crossplane's ServiceAccount (read for pull
# secrets), the `default` DeploymentRuntimeConfig (with the function's flags), and its
# root CA, here the e2e CA, which signs the function's server cert and core's client cert.
k -n crossplane-system create serviceaccount crossplane >/dev/null
k -n crossplane-system create secret generic crossplane-root-ca \
  --from-file=tls.crt=pki/ca.crt --from-file=tls.key=pki/ca.key >/dev/null
# The function's flags; E2E_READY_TTL (e.g. 1s) makes Crossplane reconcile every Ready
# composite that often: with E2E_SCALE, the overload run.
fnargs=("${debug[@]}")
[ -z "${E2E_READY_TTL:-}" ] || fnargs+=("--ready-ttl=$E2E_READY_TTL")
k apply -f - >/dev/null <<EOF
apiVersion: pkg.crossplane.io/v1beta1
kind: DeploymentRuntimeConfig
metadata:
  name: default
spec:
  deploymentTemplate:
    spec:
      selector: {}
      template:
        spec:
          containers:
          - name: package-runtime
            args: [$(IFS=,; echo "${fnargs[*]}")]
EOF
# The Configuration's dependencies include provider-aws packages, which cannot be
# fetched here: it skips resolution, and the Function (named as Crossplane names the
# dependency, which is the Compositions' functionRef) is installed on its own.
k apply -f - >/dev/null <<EOF
apiVersion: pkg.crossplane.io/v1
kind: Function
metadata:
  name: $fn
spec:
  package: $fnpkg
---
apiVersion: pkg.crossplane.io/v1
kind: Configuration
metadata:
  name: configuration-agentcore-runtime
spec:
  package: $cfgpkg
  skipDependencyResolution: true
EOF
fnrev() { k get functionrevisions -l "pkg.crossplane.io/package=$fn" -o jsonpath='{.items[*].metadata.name}'; }
has_rev() { [ -n "$(fnrev)" ]; }
wait_for 60 "Crossplane made a FunctionRevision" has_rev
rev=$(fnrev)
wait_for 60 "Crossplane made the Deployment $rev" k -n crossplane-system get deployment "$rev"
tlssecret=$(k get functionrevision "$rev" -o jsonpath='{.spec.tlsServerSecretName}')
has_cert() { [ -n "$(k -n crossplane-system get secret "$tlssecret" -o 'jsonpath={.data.tls\.crt}')" ]; }
wait_for 60 "Crossplane made the TLS Secret $tlssecret" has_cert

# --- The function as a kubelet would run it: the Deployment's runtime container (the
# first) says the image, user, ports, args and the TLS Secret's folder.
c() { k -n crossplane-system get deployment "$rev" -o "jsonpath=$1"; }
ctr='.spec.template.spec.containers[0]'
image=$(c "{$ctr.image}")
[ "$image" = "$fnpkg" ] || die "the Deployment runs image '$image', not $fnpkg"
[ "$(c "{$ctr.securityContext.runAsNonRoot}")" = true ] || die "the Deployment's container may run as root"
uid=$(c "{$ctr.securityContext.runAsUser}")
gid=$(c "{$ctr.securityContext.runAsGroup}")
[ -n "$uid" ] && [ "$uid" != 0 ] && [ -n "$gid" ] ||
  die "the Deployment's container has no non-root user (runAsUser '$uid', runAsGroup '$gid')"
ports=$(c "{range $ctr.ports[*]}{.name}:{.containerPort} {end}" | sed 's/ $//')
case " $ports " in *" grpc:9443 "*) ;; *) die "the Deployment's container has no grpc:9443 port ($ports)" ;; esac
case " $ports " in *" metrics:8080 "*) ;; *) die "the Deployment's container has no metrics:8080 port ($ports)" ;; esac
mapfile -t args < <(c "{range $ctr.args[*]}{@}{\"\\n\"}{end}" | sed '/^$/d')
[ "${args[*]:-}" = "${fnargs[*]}" ] ||
  die "the Deployment's container args are '${args[*]:-}', not the DeploymentRuntimeConfig's ${fnargs[*]}"
certsdir=$(c "{$ctr.env[?(@.name==\"TLS_SERVER_CERTS_DIR\")].value}")
[ -n "$certsdir" ] || die "the Deployment's container has no TLS_SERVER_CERTS_DIR"
log "Deployment $rev: image $image, user $uid:$gid (runAsNonRoot), ports $ports, args ${args[*]}, TLS Secret $tlssecret at $certsdir"
# The Secret's files in place of its volume, and /function out of the image's layers
# (for this machine's architecture), both owned by the container's user.
chmod 711 "$w"
mkdir -p "$w/runtime/tls"
for f in tls.crt tls.key ca.crt; do
  k -n crossplane-system get secret "$tlssecret" -o "jsonpath={.data.${f//./\\.}}" | base64 -d >"$w/runtime/tls/$f"
done
"$bin/registry" extract -image "$image" -platform "linux/$E2E_ARCH" -file /function -out "$w/runtime/function"
chown -R "$uid:$gid" "$w/runtime"
chmod 700 "$w/runtime/tls"
start function supervise function setpriv --reuid="$uid" --regid="$gid" --clear-groups \
  env TLS_SERVER_CERTS_DIR="$w/runtime/tls" "$w/runtime/function" "${args[@]}"
wait_for 30 "the function from the image is listening on :9443 as user $uid" listening 9443
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
k -n crossplane-system patch deployment "$rev" --subresource=status --type=merge -p '{"status":{"observedGeneration":1,"replicas":1,"readyReplicas":1,"availableReplicas":1,"updatedReplicas":1,"conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable","message":"patched by the e2e test: no kubelet","lastTransitionTime":"'"$now"'","lastUpdateTime":"'"$now"'"}]}}' >/dev/null
log "Deployment $rev patched Available (the one status the test fakes)"

# --- Both packages Installed and Healthy; the revision's runtime healthy.
conds() { k get "$@" -o jsonpath='{range .status.conditions[*]}{.type}={.status} {end}' | sed 's/ $//'; }
wait_cond() { # wait_cond <what> <condition> <object...>
  local what=$1 cond=$2
  shift 2
  k wait --for="condition=$cond" --timeout=90s "$@" >/dev/null || die "$what is not $cond: $(conds "$@")"
}
wait_cond "FunctionRevision $rev" RuntimeHealthy functionrevision "$rev"
wait_cond "FunctionRevision $rev" RevisionHealthy functionrevision "$rev"
for o in "function/$fn" configuration/configuration-agentcore-runtime; do
  wait_cond "$o" Installed "$o"
  wait_cond "$o" Healthy "$o"
  log "package $o: $(conds "$o")"
done
log "FunctionRevision $rev: $(conds functionrevision "$rev"), endpoint $(k get functionrevision "$rev" -o jsonpath='{.status.endpoint}')"
# Crossplane v2 does not install the CRDs of a Function package: the Input's is bundled
# as documentation only (README, "Function Input").
if out=$(k get crd inputs.runtime.agentcore.platform.io 2>&1); then
  die "the Function package's Input CRD is installed"
fi
case "$out" in *NotFound*) ;; *) die "cannot tell whether the Input CRD is installed: $out" ;; esac
log "the Input CRD is not installed (Crossplane filters CRDs out of Function packages)"

# --- ProviderConfigs the composed resources name (their CRDs are the provider's).
k apply -f - >/dev/null <<EOF
apiVersion: aws.upbound.io/v1beta1
kind: ProviderConfig
metadata:
  name: default
spec:
  credentials:
    source: IRSA
---
apiVersion: aws.m.upbound.io/v1beta1
kind: ClusterProviderConfig
metadata:
  name: default
spec:
  credentials:
    source: IRSA
EOF

# --- The account-level settings as cmd/agentcore-account prints them (README): the
# API server admits them in both scopes (a dry run: no provider answers for them here).
k apply --dry-run=server -f "$root/example/account-settings/cluster.yaml" \
  -f "$root/example/account-settings/namespaced.yaml" >/dev/null || die "the account-level settings are refused"
log "account-level settings admitted"

# --- What the Configuration installed: both XRDs (the legacy one offers its claim)
# and both Compositions.
wait_cond "the namespaced XRD" Established xrd xagentcoreruntimes.agentcore.m.platform.io
wait_cond "the legacy XRD" Established xrd xagentcoreruntimes.agentcore.platform.io
wait_cond "the legacy XRD" Offered xrd xagentcoreruntimes.agentcore.platform.io
k get composition xagentcoreruntimes.agentcore.m.platform.io xagentcoreruntimes.agentcore.platform.io >/dev/null ||
  die "the Configuration's Compositions are missing"
wait_for 60 "the claim and XR kinds are served" k get agentcoreruntimes.agentcore.platform.io,xagentcoreruntimes.agentcore.m.platform.io -A
log "XRDs from the Configuration: $(k get xrd -o jsonpath='{range .items[*]}{.metadata.name} ({range .status.conditions[*]}{.type}={.status} {end}) {end}' | sed 's/ )/)/g')"
log "Compositions from the Configuration: $(k get composition -o jsonpath='{range .items[*]}{.metadata.name} {end}')"

# --- The garbage collector: it deletes an XR's composed resources (owner references),
# as in a cluster. Started after the CRDs exist so that its first discovery sees them.
start kube-controller-manager "$bin/kube-controller-manager" --kubeconfig="$w/kubeconfig" \
  --controllers=garbagecollector --leader-elect=false --secure-port=0 --use-service-account-credentials=false
sleep 1

# --- The Go test.
log "running the test"
cd "$root/test/e2e"
budget=$((${E2E_TIMEOUT:-600} - SECONDS - 70)) # what is left, less the cleanup's bound
[ "$budget" -gt 30 ] || die "no time left for the test (E2E_TIMEOUT=${E2E_TIMEOUT:-600})"
# In the background, so that a signal runs the cleanup at once (bash defers traps
# while a foreground command runs).
only=()
[ -z "${E2E_SCALE:-}" ] || only=(-test.run '^TestScale$')
"$w/e2e.test" -test.v -test.timeout="${budget}s" "${only[@]}" > >(tee "$w/test.log") 2>&1 &
pids+=("$!")
names+=("test")
rc=0
wait "${pids[-1]}" || rc=$?
save_metrics() {
  local i
  for i in 1 2 3; do
    timeout 5 bash -c 'exec 3<>/dev/tcp/127.0.0.1/18080 && printf "GET /metrics HTTP/1.0\r\n\r\n" >&3 && cat <&3' \
      >"$w/crossplane-metrics.txt" 2>/dev/null && grep -q '^circuit_breaker_' "$w/crossplane-metrics.txt" && break
    sleep 1
  done
  grep '^circuit_breaker_[a-z_]*total' "$w/crossplane-metrics.txt" | sed 's/^/  /' >&2 || log "  (none in $w/crossplane-metrics.txt)"
}
log "Crossplane core's circuit breaker counters (per XR):"
save_metrics
# The function's response memo: hits are reconciles Crossplane made with a
# request (tag) it had answered before.
timeout 5 bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /metrics HTTP/1.0\r\n\r\n" >&3 && cat <&3' \
  >"$w/function-metrics.txt" 2>/dev/null || true
log "the function's response memo:"
grep '^function_response_memo_' "$w/function-metrics.txt" | sed 's/^/  /' >&2 || log "  (none in $w/function-metrics.txt)"
[ "$rc" = 0 ] || die "the Go test failed (exit $rc)"
if [ -n "${E2E_SCALE:-}" ]; then
  log "scale summary:"
  grep '^SCALE ' "$w/test.log" >&2 || die "no SCALE line in the test's output"
fi
# Crossplane core logs the API server's warnings: an unknown field in a composed
# resource is pruned silently with one (the provider CRDs have no such field).
if grep -n 'unknown field' "$w/crossplane.log" >&2; then
  die "the API server pruned unknown fields of composed resources (above, from crossplane.log)"
fi
log "PASS"
