#!/usr/bin/env bash
# Starts the convoy test cluster (a real kube-apiserver, etcd, kube-controller-manager
# and kube-scheduler, with 3 kwok fake nodes) or reuses the one already running.
#
# Writes the kubeconfig to ${CONVOY_CACHE:-$HOME/.cache/convoy}/testcluster/kubeconfig
# and prints its path and the time to ready. Builds the binaries first if needed.
# See docs/testcluster.md.
#
# Usage: bash tools/testcluster/up.sh
# Env:   CONVOY_CACHE            cache root (default ~/.cache/convoy)
#        CONVOY_TESTCLUSTER_PORT kube-apiserver port (default: a free port)
#        CONVOY_TESTCLUSTER_READY_TIMEOUT seconds to wait for readiness (default 180)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

t_start=$(tc_now_ms)
ready_timeout="${CONVOY_TESTCLUSTER_READY_TIMEOUT:-180}"

if ! tc_have_all_binaries; then
  tc_log "binaries missing in $TC_BIN; building them (bash tools/testcluster/build.sh)"
  bash "$TC_DIR/build.sh"
fi

mkdir -p "$TC_CACHE" "$TC_KWOK_WORKDIR"
# One up.sh at a time (parallel test runs share the cluster).
exec 8>"$TC_CACHE/.up.lock"
flock -w 900 8 || tc_die "another up.sh/down.sh holds $TC_CACHE/.up.lock for 15 minutes"

# Our kubectl first on PATH: kwokctl looks kubectl up there before it would
# try to download one.
export PATH="$TC_BIN:$PATH"

# Everything kwokctl could download is pointed at the local binaries.
export KWOK_WORKDIR="$TC_KWOK_WORKDIR"
export KWOK_RUNTIME=binary
export KWOK_KUBE_VERSION="$K8S_VERSION"
export KWOK_ETCD_VERSION="${ETCD_VERSION#v}"
export KWOK_VERSION="$KWOK_VERSION"
export KWOK_KUBE_BINARY_PREFIX="$TC_BIN"
export KWOK_KUBE_APISERVER_BINARY="$TC_BIN/kube-apiserver"
export KWOK_KUBE_CONTROLLER_MANAGER_BINARY="$TC_BIN/kube-controller-manager"
export KWOK_KUBE_SCHEDULER_BINARY="$TC_BIN/kube-scheduler"
export KWOK_KUBECTL_BINARY="$TC_BIN/kubectl"
export KWOK_BINARY_PREFIX="$TC_BIN"
export KWOK_CONTROLLER_BINARY="$TC_BIN/kwok"
export KWOK_ETCD_BINARY_PREFIX="$TC_BIN"
export KWOK_ETCD_BINARY="$TC_BIN/etcd"
export KWOK_QUIET_PULL=true
if [[ -n "${CONVOY_TESTCLUSTER_PORT:-}" ]]; then
  export KWOK_KUBE_APISERVER_PORT="$CONVOY_TESTCLUSTER_PORT"
fi

cluster_dir="$TC_KWOK_WORKDIR/clusters/$TC_CLUSTER_NAME"
cluster_kubeconfig="$cluster_dir/kubeconfig.yaml"
fingerprint_file="$cluster_dir/convoy-fingerprint"
# What the running cluster was made from: the binaries' versions and our manifests.
fingerprint="$TC_VERSION $(cat "$TC_DIR/manifests/"*.yaml | sha256sum | cut -c1-16)"

api_healthy() {
  [[ -f "$cluster_kubeconfig" ]] \
    && "$TC_BIN/kubectl" --kubeconfig "$cluster_kubeconfig" --request-timeout=3s get --raw /readyz >/dev/null 2>&1
}

# Waits until the API server is ready, the 3 nodes are Ready and the default
# ServiceAccount exists in the default namespace.
wait_ready() {
  local deadline=$(( $(date +%s) + ready_timeout )) what=""
  while :; do
    if ! tc_kubectl --request-timeout=3s get --raw /readyz >/dev/null 2>&1; then
      what="kube-apiserver /readyz"
    elif [[ "$(tc_kubectl get nodes -l type=kwok -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' 2>/dev/null | grep -c '^True$')" -lt 3 ]]; then
      what="3 Ready nodes"
    elif ! tc_kubectl -n default get serviceaccount default >/dev/null 2>&1; then
      what="ServiceAccount default/default"
    else
      return 0
    fi
    if (( $(date +%s) >= deadline )); then
      tc_log "not ready after ${ready_timeout}s: still waiting for $what"
      return 1
    fi
    sleep 0.3
  done
}

write_kubeconfig() {
  local tmp="$TC_KUBECONFIG.tmp.$$"
  tc_kwokctl get kubeconfig >"$tmp"
  chmod 0600 "$tmp"
  mv -f "$tmp" "$TC_KUBECONFIG"
}

# shellcheck source=tools/testcluster/storage.sh
source "$TC_DIR/storage.sh"

report_ready() { # report_ready VERB
  local ms=$(( $(tc_now_ms) - t_start ))
  local secs
  secs="$(awk -v ms="$ms" 'BEGIN { printf "%.1f", ms / 1000 }')"
  tc_log "cluster '$TC_CLUSTER_NAME' $1 ($TC_VERSION) - ready in ${secs}s"
  tc_log "server: $(tc_kubectl config view -o jsonpath='{.clusters[0].cluster.server}')"
  echo "KUBECONFIG=$TC_KUBECONFIG"
  echo "READY_SECONDS=$secs"
}

if [[ -f "$cluster_dir/kwok.yaml" ]]; then
  if api_healthy && [[ "$(cat "$fingerprint_file" 2>/dev/null)" == "$fingerprint" ]]; then
    write_kubeconfig
    wait_ready || tc_die "the running cluster did not become ready; try: bash tools/testcluster/down.sh && bash tools/testcluster/up.sh"
    ensure_storage || tc_die "could not create the storage pool"
    report_ready "reused (already running)"
    exit 0
  fi
  if api_healthy; then
    tc_log "running cluster was made from other versions or manifests; recreating it"
  else
    tc_log "found a stopped or broken cluster '$TC_CLUSTER_NAME'; recreating it"
  fi
  tc_prune_stale_pidfiles
  tc_kwokctl delete cluster >&2 || true
  rm -rf "$cluster_dir"
fi

tc_log "creating cluster '$TC_CLUSTER_NAME' ($TC_VERSION) in $cluster_dir"
# --kubeconfig '' keeps kwokctl away from ~/.kube/config; we write our own file.
if ! tc_kwokctl create cluster \
    --runtime binary \
    --config "$TC_DIR/manifests/kwokctl.yaml" \
    --config "$TC_DIR/manifests/stages.yaml" \
    --kube-apiserver-binary "$TC_BIN/kube-apiserver" \
    --kube-controller-manager-binary "$TC_BIN/kube-controller-manager" \
    --kube-scheduler-binary "$TC_BIN/kube-scheduler" \
    --kwok-controller-binary "$TC_BIN/kwok" \
    --etcd-binary "$TC_BIN/etcd" \
    --kubeconfig "" \
    --timeout 5m >&2; then
  tc_log "kwokctl create cluster failed; logs: $cluster_dir/logs"
  tc_prune_stale_pidfiles
  tc_kwokctl delete cluster >&2 || true
  exit 1
fi
echo "$fingerprint" >"$fingerprint_file"
write_kubeconfig

# The fake nodes (apply is idempotent).
deadline=$(( $(date +%s) + ready_timeout ))
until tc_kubectl apply -f "$TC_DIR/manifests/nodes.yaml" >/dev/null 2>&1; do
  (( $(date +%s) < deadline )) || tc_die "could not create the nodes: $(tc_kubectl apply -f "$TC_DIR/manifests/nodes.yaml" 2>&1)"
  sleep 0.3
done

wait_ready || tc_die "cluster did not become ready; logs: $cluster_dir/logs (bash tools/testcluster/status.sh)"
ensure_storage || tc_die "could not create the storage pool"
report_ready "started"
