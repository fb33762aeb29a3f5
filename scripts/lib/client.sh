# shellcheck shell=bash
# The web client's vendored library (ECharts, client-web/package.json): `npm ci` restores it from the lock file when
# client-web/node_modules is missing or older than the lock. Restore time only; nothing is fetched while the silo runs.
client_ensure() {
  local dir=client-web
  if [ -f "$dir/node_modules/echarts/dist/echarts.esm.min.js" ] && [ "$dir/node_modules" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: install Node.js (apt-get install nodejs npm) for the charts' library." >&2
    return 1
  fi
  echo "Restoring the web client's library (npm ci in client-web/)…" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2) && touch "$dir/node_modules"
}
