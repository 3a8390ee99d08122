#!/usr/bin/env bash
# The main job: start the local control plane (built on first use) and deploy an example
# stack onto it with convoy, then show it healthy. Usage: npm run demo [-- <stack> [flags]]
# Default stack: examples/panda -e lsst.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/env.sh
[ -d dist ] || npm run --silent build
bash tools/testcluster/up.sh
export KUBECONFIG="${CONVOY_CACHE:-$HOME/.cache/convoy}/testcluster/kubeconfig"
if [ "$#" -eq 0 ]; then set -- examples/panda -e lsst; fi
echo "== convoy graph $*"
node bin/convoy.js graph "$@"
echo "== convoy apply $*"
node bin/convoy.js apply "$@"
echo "== convoy status $*"
node bin/convoy.js status "$@"
echo "== convoy plan $* (a second run changes nothing)"
node bin/convoy.js plan "$@" --detailed-exitcode
echo "demo done: the stack is deployed and Current. Clean up with: node bin/convoy.js destroy $*"
