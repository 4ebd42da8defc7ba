#!/usr/bin/env bash
# Every test, on a fresh machine: system packages and npm packages when missing, then typecheck, lint,
# unit, integration and e2e suites; ends with one summary line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-packages.sh || exit 1
bash scripts/ensure-node-modules.sh || exit 1
rm -rf test-results && mkdir -p test-results

status=0
step() {
  echo "== $*"
  "$@" || status=1
}
step npx tsc --noEmit
step npx eslint .
for project in unit integration; do
  step npx vitest run --project "$project" --reporter=default --reporter=json --outputFile="test-results/$project.json"
done
if npm run build >test-results/build.log 2>&1; then
  step npx vitest run --project e2e --reporter=default --reporter=json --outputFile=test-results/e2e.json
else
  cat test-results/build.log
  echo "extension build failed"
  status=1
fi
node scripts/summarise-test-results.mjs test-results || status=1
exit $status
