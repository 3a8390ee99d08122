# Shared settings for tools/testcluster/*.sh. Source it; do not run it.
# shellcheck shell=bash

TC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$TC_DIR/versions.env"

TC_CLUSTER_NAME="${CONVOY_TESTCLUSTER_NAME:-convoy}"
TC_CACHE="${CONVOY_CACHE:-$HOME/.cache/convoy}/testcluster"
# One directory per pinned set of versions: bumping any version builds a new set
# next to the old one instead of mixing binaries.
TC_VERSION="${K8S_VERSION}-etcd${ETCD_VERSION#v}-kwok${KWOK_VERSION#v}"
TC_BIN="$TC_CACHE/$TC_VERSION/bin"
TC_KUBECONFIG="$TC_CACHE/kubeconfig"
# kwokctl keeps its clusters (pki, etcd data, logs, pids) here instead of ~/.kwok.
TC_KWOK_WORKDIR="$TC_CACHE/kwok"
TC_APISERVER_PORT="${CONVOY_TESTCLUSTER_PORT:-32766}"

TC_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok kwokctl)

export GOTOOLCHAIN=local
export GOFLAGS=-mod=mod

tc_log() { printf '[testcluster] %s\n' "$*" >&2; }
tc_die() { printf '[testcluster] error: %s\n' "$*" >&2; exit 1; }

tc_have_all_binaries() {
  local b
  for b in "${TC_BINARIES[@]}"; do
    [[ -x "$TC_BIN/$b" ]] || return 1
  done
}

# kwokctl with its state under the cache dir, never touching ~/.kwok.
# The lock descriptors (8: up/down, 9: build) are closed for it: the cluster
# processes kwokctl forks would inherit them and hold the lock while they run.
tc_kwokctl() {
  KWOK_WORKDIR="$TC_KWOK_WORKDIR" "$TC_BIN/kwokctl" --name "$TC_CLUSTER_NAME" "$@" 8>&- 9>&-
}

# kubectl against the test cluster.
tc_kubectl() {
  "$TC_BIN/kubectl" --kubeconfig "$TC_KUBECONFIG" "$@"
}

tc_now_ms() { date +%s%3N; }

tc_cluster_dir() { printf '%s\n' "$TC_KWOK_WORKDIR/clusters/$TC_CLUSTER_NAME"; }

# Prints "NAME PID" for each live process of the cluster, from kwokctl's pid
# files. A pid counts only if its command line mentions the cluster directory,
# so a stale pid file never points at an unrelated process.
tc_cluster_pids() {
  local dir f pid name
  dir="$(tc_cluster_dir)"
  [[ -d "$dir/pids" ]] || return 0
  for f in "$dir"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    pid="$(tr -dc '0-9' <"$f")"
    name="$(basename "$f" .pid)"
    [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || continue
    if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$dir"; then
      printf '%s %s\n' "$name" "$pid"
    fi
  done
}

# kwokctl stops a cluster by killing the pids in its pid files, unchecked. After a
# machine restart those pids may belong to unrelated processes, so pid files whose
# process is not one of the cluster's are removed before kwokctl is asked to stop it.
tc_prune_stale_pidfiles() {
  local dir f pid
  dir="$(tc_cluster_dir)"
  [[ -d "$dir/pids" ]] || return 0
  for f in "$dir"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    pid="$(tr -dc '0-9' <"$f")"
    if [[ -z "$pid" || ! -r "/proc/$pid/cmdline" ]] || ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$dir"; then
      rm -f "$f"
    fi
  done
}
