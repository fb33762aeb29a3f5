# shellcheck shell=bash
# Debian's Chromium and a CJK font for the browser tests (Playwright drives /usr/bin/chromium;
# it never downloads a browser of its own). Installed with apt when missing and root.
browser_ensure() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  fc-list 2>/dev/null | grep -qiE 'wqy|noto sans cjk|noto serif cjk' || missing+=(fonts-wqy-microhei)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} for the browser tests (once)…" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "Missing for the browser tests: ${missing[*]} (install with apt-get install ${missing[*]})." >&2
    return 1
  fi
}
