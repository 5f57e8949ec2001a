# Sourced by the other scripts: makes the pinned pnpm available without assuming it is installed.
# A local install under .tools touches nothing global (corepack's signature check fails on this
# registry, and `npm i -g` collides with corepack's shim).
PNPM_VERSION="10.34.9"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! "$ROOT/.tools/node_modules/.bin/pnpm" --version 2>/dev/null | grep -qx "$PNPM_VERSION"; then
  echo "› Getting pnpm $PNPM_VERSION (once, into .tools/)"
  npm install --prefix "$ROOT/.tools" --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >/dev/null
fi
export PATH="$ROOT/.tools/node_modules/.bin:$ROOT/node_modules/.bin:$PATH"
export TURBO_TELEMETRY_DISABLED=1
export NEXT_TELEMETRY_DISABLED=1
