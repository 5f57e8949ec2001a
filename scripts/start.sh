#!/usr/bin/env bash
# `npm start`: install, create the embedded database, load demo data on first start, build, serve.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pnpm.sh

echo "› Installing dependencies"
pnpm install --frozen-lockfile --prefer-offline --reporter=silent

mkdir -p .data
if [ -z "${AUTH_SECRET:-}" ]; then
  # Kept on disk so sessions survive restarts; never committed (.data is ignored).
  [ -s .data/auth-secret ] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' > .data/auth-secret
  AUTH_SECRET="$(cat .data/auth-secret)"
  export AUTH_SECRET
fi

if [ -n "${DATABASE_URL:-}" ]; then
  echo "› Using PostgreSQL from DATABASE_URL"
else
  echo "› Using the embedded database in .data/pglite (for trying Boomerang; use PostgreSQL in production)"
fi
echo "› Applying migrations and loading demo data if the database is empty"
pnpm --filter @boomerang/db db:seed --if-empty

echo "› Building the app (cached after the first time)"
pnpm exec turbo run build --filter=@boomerang/admin --output-logs=errors-only

PORT="${PORT:-3000}"
echo
echo "  Boomerang is starting on http://localhost:$PORT"
echo "  Demo logins (password demo1234): admin@boomerang.demo · marketer@boomerang.demo ·"
echo "  analyst@boomerang.demo · manager.milano@boomerang.demo · manager.roma@boomerang.demo"
echo
exec pnpm --filter @boomerang/admin exec next start --port "$PORT"
