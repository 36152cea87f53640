#!/usr/bin/env bash
# The whole test suite, as the README's test command runs it (`npm test`):
# unit tests, then integration tests against the private Dovecot/Postfix, then
# browser tests in Debian's Chromium. Layers run one after another: the
# machines have 2 cores, and the later layers share the mail stack.
set -euo pipefail
cd "$(dirname "$0")/.."

bash e2e/mailserver/install.sh
bash e2e/install-browser.sh
bash e2e/deploy/install.sh
npm run --silent typecheck
npm run --silent lint
npm run --silent build

results=$(mktemp -d)
status=0
for layer in unit integration e2e; do
  echo "== $layer tests"
  npx vitest run --project "$layer" --reporter=default --reporter=json --outputFile.json="$results/$layer.json" || status=1
done
node e2e/summarise-results.mjs "$results"/*.json
exit $status
