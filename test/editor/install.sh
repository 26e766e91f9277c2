#!/usr/bin/env bash
# Installs what the editor tests need to run the extension in real VS Code on this kind of machine:
# code-server (VS Code in the browser, Node 20 build) and playwright-core from the npm registry, and
# Debian's Chromium, ripgrep and Kerberos headers. Safe to run again: it returns in a second when
# everything is already in place.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

log() { echo "editor-tests install: $*"; }

# --- Debian packages -------------------------------------------------------------------------
# chromium: the browser that shows code-server's workbench; ripgrep: the search binary VS Code
# ships (its npm package would otherwise download it); libkrb5-dev: headers for the kerberos addon.
apt_packages=(chromium ripgrep libkrb5-dev)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "editor-tests install: need root (or sudo) to apt-get install ${missing[*]}" >&2
    exit 1
  fi
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  log "apt-get install ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- npm packages ----------------------------------------------------------------------------
# The stamp records the package.json + lock that node_modules was installed from.
stamp_file="node_modules/.rbac-doctor-editor-install"
stamp() { { cat package.json; if [ -f package-lock.json ]; then cat package-lock.json; fi; } | sha256sum | cut -d' ' -f1; }
want_stamp="$(stamp)"
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want_stamp" ] \
  && [ -x node_modules/.bin/code-server ] && [ -f node_modules/code-server/lib/vscode/out/server-main.js ] \
  && [ -d node_modules/playwright-core ]; then
  log "already installed (code-server $(node -p "require('./node_modules/code-server/package.json').version"))"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg unless it finds this archive; give it Debian's rg.
rg_version="1.15.11"
rg_asset="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-${rg_version}"
if [ ! -s "$rg_cache/$rg_asset" ]; then
  mkdir -p "$rg_cache"
  tmp_rg="$(mktemp -d)"
  cp "$(command -v rg)" "$tmp_rg/rg"
  tar -C "$tmp_rg" -czf "$rg_cache/$rg_asset" rg
  rm -rf "$tmp_rg"
fi

# As root, npm runs install scripts only with unsafe-perm; code-server's nested `npx node-gyp`
# must not stop to ask. Install scripts of the dependencies that need them are approved by name
# in package.json's allowScripts; nested installs inside code-server's postinstall have no such
# field, so they are allowed here for this one install only.
export npm_config_unsafe_perm=true
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false

log "npm install (code-server takes about a minute and a half)"
start=$SECONDS
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
log "npm done in $((SECONDS - start)) s"

for f in node_modules/.bin/code-server node_modules/code-server/lib/vscode/out/server-main.js \
  node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg; do
  if [ ! -e "$f" ]; then
    echo "editor-tests install: $f is missing after npm install" >&2
    exit 1
  fi
done
stamp > "$stamp_file"
log "ready"
