#!/usr/bin/env bash
# The built app on its own port and its own fresh embedded database, for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGLITE_DIR="${PGLITE_DIR:-.data/e2e}"
unset DATABASE_URL
rm -rf "$PGLITE_DIR"
npx tsx scripts/seed/cli.ts
exec npx next start -p "${E2E_PORT:-3100}"
