# Shared by ./run and scripts/test.sh: print steps, install what a fresh machine lacks.
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

require_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "Turno necesita Node.js 20 o más reciente, y no está instalado." >&2
    exit 1
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    echo "Turno necesita Node.js 20 o más reciente (tienes $(node --version))." >&2
    exit 1
  fi
}

# npm ci only when node_modules is missing or older than the lockfile.
ensure_dependencies() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Instalando dependencias (npm ci)"
    npm ci --no-audit --no-fund
  else
    step "Dependencias ya instaladas"
  fi
}
