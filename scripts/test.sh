#!/usr/bin/env bash
# `npm test`: every test — unit, integration (PGlite, and PostgreSQL when TEST_DATABASE_URL is set)
# and end-to-end in Chromium — then one closing line `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh

pnpm install --frozen-lockfile --prefer-offline --reporter=silent || exit 1

if [ ! -x /usr/bin/chromium ]; then
  echo "› Installing Debian's Chromium for the end-to-end tests"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || { echo "Could not install chromium"; exit 1; }
  else
    sudo sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null' || { echo "Install Debian's chromium package (apt-get install chromium), then run the tests again"; exit 1; }
  fi
fi

rm -rf test-results && mkdir -p test-results
status=0

echo "› Unit and integration tests"
pnpm exec turbo run test --force --concurrency=1 --continue --output-logs=full || status=1

echo "› Building the app for the end-to-end tests"
pnpm exec turbo run build --filter=@boomerang/admin --output-logs=errors-only || status=1

echo "› End-to-end tests in Chromium"
if [ $status -eq 0 ] || [ -d apps/admin/.next ]; then
  pnpm --filter @boomerang/admin test:e2e || status=1
fi

node scripts/test-summary.mjs | tee test-results/summary.txt
exit $status
