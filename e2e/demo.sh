#!/usr/bin/env bash
# The README's first command: install what is missing, build, start a private
# Dovecot + Postfix with seeded accounts, and run the webmail against it.
set -euo pipefail
cd "$(dirname "$0")/.."

bash e2e/mailserver/install.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent build
npx tsx e2e/demo-setup.ts
WEBMAIL_CONFIG_FILE=.run/demo/webmail.env exec node dist/server/server/main.js
