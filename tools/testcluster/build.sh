#!/usr/bin/env bash
# Builds the binaries of the local test control plane into the version cache:
#   ${CONVOY_CACHE:-$HOME/.cache/convoy}/testcluster/<versions>/bin
# kube-apiserver, kube-controller-manager, kube-scheduler, kubectl (from k8s.io/kubernetes),
# etcd (wrapper over go.etcd.io/etcd/server/v3/etcdmain), kwok and kwokctl.
# A binary that is already there is not rebuilt, so a warm machine finishes at once.
# Everything comes from the Go module proxy; nothing else is downloaded.
#
# Usage: bash tools/testcluster/build.sh [--force]
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

force=0
[[ "${1:-}" == "--force" ]] && force=1

command -v go >/dev/null || tc_die "go is not installed (need go >= 1.26 for kwok $KWOK_VERSION and etcd $ETCD_VERSION)"
GO_PARALLEL="${CONVOY_GO_PARALLEL:-2}"

mkdir -p "$TC_BIN"
# Only one build at a time per cache dir.
exec 9>"$TC_CACHE/$TC_VERSION/.build.lock"
if ! flock -n 9; then
  tc_log "another build is running; waiting for it"
  flock 9
fi

started=$(date +%s)
built=()

need() { # need NAME -> true when NAME must be built
  (( force )) || [[ ! -x "$TC_BIN/$1" ]]
}

install_bin() { # install_bin TMPFILE NAME
  chmod 0755 "$1"
  mv -f "$1" "$TC_BIN/$2"
  built+=("$2")
}

# ---- Kubernetes components -------------------------------------------------
k8s_pkgs=(kube-apiserver kube-controller-manager kube-scheduler kubectl)
k8s_todo=()
for b in "${k8s_pkgs[@]}"; do need "$b" && k8s_todo+=("$b"); done
if (( ${#k8s_todo[@]} )); then
  cd "$TC_DIR/k8s"
  grep -Eq "^[[:space:]]*k8s\.io/kubernetes $K8S_VERSION( |$)" go.mod \
    || tc_die "k8s/go.mod does not pin k8s.io/kubernetes $K8S_VERSION; run: bash tools/testcluster/k8s/gen-gomod.sh"
  tc_log "downloading modules for k8s.io/kubernetes $K8S_VERSION"
  go mod download
  go mod verify >/dev/null
  # Version stamping as in kubernetes' hack/lib/version.sh, from the release's
  # module info (tag, commit, commit time), so /version reports the real release.
  info="$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/^[[:space:]]*"Info": "\(.*\)",$/\1/p')"
  [[ -f "$info" ]] || tc_die "no module info for k8s.io/kubernetes@$K8S_VERSION"
  commit="$(sed -n 's/.*"Hash":"\([0-9a-f]*\)".*/\1/p' "$info")"
  build_date="$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$info")"
  [[ -n "$commit" && -n "$build_date" ]] || tc_die "cannot read commit/time from $info"
  ver="${K8S_VERSION#v}"
  major="${ver%%.*}"; rest="${ver#*.}"; minor="${rest%%.*}"
  ldflags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$K8S_VERSION"
    ldflags+=" -X $pkg.gitMajor=$major"
    ldflags+=" -X $pkg.gitMinor=$minor"
    ldflags+=" -X $pkg.gitCommit=$commit"
    ldflags+=" -X $pkg.gitTreeState=clean"
    ldflags+=" -X $pkg.buildDate=$build_date"
  done
  for b in "${k8s_todo[@]}"; do
    t0=$(date +%s)
    tc_log "building $b $K8S_VERSION (go build -p $GO_PARALLEL)"
    CGO_ENABLED=0 go build -p "$GO_PARALLEL" -trimpath -ldflags "$ldflags" \
      -o "$TC_BIN/.$b.tmp" "k8s.io/kubernetes/cmd/$b"
    install_bin "$TC_BIN/.$b.tmp" "$b"
    tc_log "built $b in $(( $(date +%s) - t0 ))s"
  done
fi

# ---- etcd ------------------------------------------------------------------
if need etcd; then
  cd "$TC_DIR/etcd"
  grep -Eq "go\.etcd\.io/etcd/server/v3 $ETCD_VERSION( |$)" go.mod \
    || tc_die "etcd/go.mod does not pin go.etcd.io/etcd/server/v3 $ETCD_VERSION"
  t0=$(date +%s)
  tc_log "building etcd $ETCD_VERSION"
  go mod download
  go mod verify >/dev/null
  CGO_ENABLED=0 go build -p "$GO_PARALLEL" -trimpath -ldflags "-s -w" -o "$TC_BIN/.etcd.tmp" .
  install_bin "$TC_BIN/.etcd.tmp" etcd
  tc_log "built etcd in $(( $(date +%s) - t0 ))s"
fi

# ---- kwok / kwokctl ----------------------------------------------------------
for b in kwok kwokctl; do
  need "$b" || continue
  t0=$(date +%s)
  tc_log "building $b $KWOK_VERSION (go install sigs.k8s.io/kwok/cmd/$b@$KWOK_VERSION)"
  gobin="$(mktemp -d "$TC_BIN/.gobin.XXXXXX")"
  # Stamp the version the way kwok's release build does, so `kwokctl --version`
  # and the defaults derived from it (kube version) match the tag.
  kwok_ld="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=${K8S_VERSION#v}"
  (cd "$gobin" && GOBIN="$gobin" CGO_ENABLED=0 GOFLAGS= go install -p "$GO_PARALLEL" -trimpath -ldflags "$kwok_ld" \
    "sigs.k8s.io/kwok/cmd/$b@$KWOK_VERSION")
  install_bin "$gobin/$b" "$b"
  rm -rf "$gobin"
  tc_log "built $b in $(( $(date +%s) - t0 ))s"
done

if (( ${#built[@]} )); then
  tc_log "built ${built[*]} in $(( $(date +%s) - started ))s into $TC_BIN"
else
  tc_log "all binaries present in $TC_BIN"
fi
