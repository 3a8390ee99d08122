#!/usr/bin/env bash
# Shows the state of the convoy test cluster: binaries, processes with their
# memory (RSS), API health, nodes, and the kubeconfig path.
# Exit code: 0 when the cluster is up and its API is ready, 1 otherwise.
#
# Usage: bash tools/testcluster/status.sh
set -uo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

echo "versions:   kubernetes $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION"
if tc_have_all_binaries; then
  echo "binaries:   $TC_BIN (complete)"
else
  missing=()
  for b in "${TC_BINARIES[@]}"; do [[ -x "$TC_BIN/$b" ]] || missing+=("$b"); done
  echo "binaries:   $TC_BIN (missing: ${missing[*]}; run bash tools/testcluster/build.sh)"
fi

cluster_dir="$(tc_cluster_dir)"
if [[ ! -d "$cluster_dir" ]]; then
  echo "cluster:    '$TC_CLUSTER_NAME' does not exist (bash tools/testcluster/up.sh)"
  exit 1
fi
echo "cluster:    '$TC_CLUSTER_NAME' in $cluster_dir"

total_kb=0
procs=0
while read -r name pid; do
  [[ -n "$pid" ]] || continue
  kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)"
  printf '  %-26s pid %-8s rss %6d MiB\n' "$name" "$pid" $(( kb / 1024 ))
  total_kb=$(( total_kb + kb ))
  procs=$(( procs + 1 ))
done < <(tc_cluster_pids)
echo "processes:  $procs running, RSS total $(( total_kb / 1024 )) MiB"

echo "kubeconfig: $TC_KUBECONFIG"
if [[ ! -f "$TC_KUBECONFIG" ]] || [[ ! -x "$TC_BIN/kubectl" ]]; then
  echo "api:        unknown (no kubeconfig or kubectl)"
  exit 1
fi
echo "server:     $(tc_kubectl config view -o jsonpath='{.clusters[0].cluster.server}')"
if ! tc_kubectl --request-timeout=3s get --raw /readyz >/dev/null 2>&1; then
  echo "api:        NOT ready"
  exit 1
fi
echo "api:        ready, $(tc_kubectl --request-timeout=3s get --raw /version | sed -n 's/.*"gitVersion": *"\([^"]*\)".*/\1/p' | head -1)"
tc_kubectl --request-timeout=5s get nodes -o wide 2>/dev/null | sed 's/^/  /'
exit 0
