#!/usr/bin/env bash
# The whole suite, from a fresh clone: installs what is missing (packages, Chromium), type-checks,
# runs the data-layer tests on PGlite and on a fresh PostgreSQL database, builds the app and runs
# the browser tests. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
export NEXT_TELEMETRY_DISABLED=1
started=$(date +%s)

require_node
ensure_dependencies || exit 1

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    step "Instalando Chromium de Debian para las pruebas de navegador"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1
  else
    echo "Falta Chromium en $CHROMIUM: instálalo (apt-get install chromium) o define CHROMIUM_PATH." >&2
    exit 1
  fi
fi
export CHROMIUM_PATH="$CHROMIUM"

reports=.data/reports
rm -rf "$reports" && mkdir -p "$reports"
status=0

step "Comprobando tipos (tsc)"
npx tsc --noEmit || status=1

step "Pruebas de datos y reglas en PGlite"
env -u DATABASE_URL npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest-pglite.json" || status=1

step "Pruebas de datos y reglas en PostgreSQL"
if ! node scripts/pg-test-db.mjs ping 2>/dev/null && command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "PostgreSQL no responde: intentando iniciarlo"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  sleep 2
fi
if node scripts/pg-test-db.mjs ping; then
  testdb="turno_test_$$_$(date +%s)"
  node scripts/pg-test-db.mjs create "$testdb" || status=1
  base="${TEST_POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
  DATABASE_URL="${base%/*}/$testdb" npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest-postgres.json" || status=1
  node scripts/pg-test-db.mjs drop "$testdb" || true
elif [ -n "${CI:-}" ]; then
  echo "PostgreSQL no está disponible en 127.0.0.1:5432 y en CI es obligatorio." >&2
  status=1
else
  echo "PostgreSQL no está disponible: se omiten estas pruebas en esta máquina (en CI son obligatorias)."
fi

step "Compilando la aplicación para las pruebas de navegador"
if npx next build >"$reports/build.log" 2>&1; then
  step "Pruebas de navegador (Playwright en Chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json || status=1
else
  tail -n 60 "$reports/build.log"
  status=1
fi

step "Resumen ($(( $(date +%s) - started )) s)"
node scripts/summarize-tests.mjs "$reports/vitest-pglite.json" "$reports/vitest-postgres.json" "$reports/playwright.json"
exit $status
