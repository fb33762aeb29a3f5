# shellcheck shell=bash
# The web client's vendored library (ECharts, client-web/package.json): `npm ci` restores it from the lock file when
# client-web/node_modules is missing or older than the lock. Restore time only; nothing is fetched while the silo runs.
client_ensure() {
  local dir=client-web
  if [ -f "$dir/node_modules/echarts/dist/echarts.esm.min.js" ] && [ "$dir/node_modules" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing npm for the charts' library (once)…" >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >&2
    else
      echo "npm is missing: install Node.js and npm (apt-get install npm) for the charts' library." >&2
      return 1
    fi
  fi
  echo "Restoring the web client's library (npm ci in client-web/)…" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2) && touch "$dir/node_modules"
}
