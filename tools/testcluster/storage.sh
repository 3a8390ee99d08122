# Sourced by up.sh. Static storage for the local control plane, which has no volume
# provisioner: a default StorageClass `standard` (kubernetes.io/no-provisioner, Immediate
# binding) and a pool of hostPath PersistentVolumes that the real controller-manager binds
# to PVCs (StatefulSet volumeClaimTemplates included). Released volumes (their claim was
# deleted) are recreated so the pool stays usable across test runs.
# Pool size: CONVOY_TESTCLUSTER_PVS (default 200); each volume offers 100Gi, RWO/ROX/RWX.

ensure_storage() {
  local n="${CONVOY_TESTCLUSTER_PVS:-200}" released
  released="$(tc_kubectl get pv -l convoy.dev/testcluster-pool=true \
    -o jsonpath='{range .items[?(@.status.phase=="Released")]}{.metadata.name}{"\n"}{end}' 2>/dev/null || true)"
  if [[ -n "$released" ]]; then
    # shellcheck disable=SC2086
    tc_kubectl delete pv --wait=false $released >/dev/null 2>&1 || true
    for pv in $released; do # wait until gone so they can be recreated
      for _ in $(seq 1 50); do tc_kubectl get pv "$pv" >/dev/null 2>&1 || break; sleep 0.1; done
    done
  fi
  {
    cat <<'YAML'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: Immediate
reclaimPolicy: Retain
YAML
    for i in $(seq -f '%03g' 1 "$n"); do
      cat <<YAML
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: convoy-pv-$i
  labels: {convoy.dev/testcluster-pool: "true"}
spec:
  capacity: {storage: 100Gi}
  accessModes: [ReadWriteOnce, ReadOnlyMany, ReadWriteMany]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: standard
  hostPath: {path: /tmp/convoy-testcluster-pv/$i, type: DirectoryOrCreate}
YAML
    done
  } | tc_kubectl apply --server-side --field-manager=convoy-testcluster -f - >/dev/null
}
