#!/usr/bin/env bash
# Stops the convoy test cluster and removes its state (etcd data, pki, logs) and
# the kubeconfig. The cached binaries stay.
#
# Usage: bash tools/testcluster/down.sh
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$TC_CACHE"
exec 8>"$TC_CACHE/.up.lock"
flock -w 900 8 || tc_die "another up.sh/down.sh holds $TC_CACHE/.up.lock for 15 minutes"

cluster_dir="$(tc_cluster_dir)"
if [[ ! -d "$cluster_dir" ]]; then
  tc_log "no cluster '$TC_CLUSTER_NAME' (nothing to stop)"
  rm -f "$TC_KUBECONFIG"
  exit 0
fi
tc_prune_stale_pidfiles
before="$(tc_cluster_pids)"
if [[ -x "$TC_BIN/kwokctl" ]]; then
  PATH="$TC_BIN:$PATH" tc_kwokctl delete cluster >&2 || tc_log "kwokctl delete cluster failed; removing the state anyway"
fi
# kwokctl stops the processes from their pid files; make sure none is left.
while read -r name pid; do
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || continue
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$cluster_dir" || continue
  tc_log "stopping leftover $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
done <<<"$before"
rm -rf "$cluster_dir"
rm -f "$TC_KUBECONFIG"
tc_log "cluster '$TC_CLUSTER_NAME' stopped and removed"
