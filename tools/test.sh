#!/usr/bin/env bash
# convoy's test command (README, .ci/run): typecheck, lint, then every test tier
# (unit, golden, e2e) in one node:test run. e2e tests need the local control plane:
# it is built (first time only) and started here, or reused when already running.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/env.sh
echo "== typecheck" && npm run --silent typecheck
echo "== lint" && npm run --silent lint
echo "== build" && npm run --silent build
if [ "${CONVOY_SKIP_E2E:-}" != "1" ]; then
  echo "== local control plane" && bash tools/testcluster/up.sh
  # PostgreSQL and MariaDB for the database bootstrap tests (Debian packages; idempotent, seconds when running).
  echo "== databases" && bash tools/databases/start.sh >/dev/null
  export CONVOY_E2E=1
fi
echo "== tests"
exec node --test --test-concurrency=2 --test-reporter=spec \
  'test/unit/**/*.test.ts' 'test/golden/**/*.test.ts' 'test/e2e/**/*.test.ts'
