#!/usr/bin/env bash
# Idempotent setup for a fresh Debian machine with only Node 20 + npm.
# Installs what the in-host test tier needs beyond npm packages (Chromium, ripgrep, Kerberos headers),
# then installs the npm dependencies with the environment code-server's install scripts require.
# Nothing is fetched from outside the npm registry and Debian's packages.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
# git: the `diff` command and the tests of it and of reading git's index build small repositories.
command -v git >/dev/null 2>&1 || need_apt+=(git)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing ${need_apt[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "setup: apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# @vscode/ripgrep (inside code-server) downloads ripgrep from GitHub unless its cache already holds the
# tarball; Debian's rg binary in that place satisfies it without any download.
rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
rg_tar="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$rg_tar" ]; then
  mkdir -p "$rg_cache"
  tar czf "$rg_tar" -C "$(dirname "$(command -v rg)")" rg
fi

# code-server's postinstall refuses to run as root without unsafe-perm; node-pty runs `npx node-gyp`;
# node-gyp must build against the local Node headers instead of downloading them.
export npm_config_unsafe_perm=true
export npm_config_yes=true
if [ -z "${npm_config_nodedir:-}" ]; then
  for dir in /usr /usr/local; do
    if [ -f "$dir/include/node/node.h" ]; then export npm_config_nodedir="$dir"; break; fi
  done
fi

stamp=node_modules/.setup-stamp
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ -d node_modules/code-server ]; then
  echo "setup: node_modules up to date"
  exit 0
fi
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi
touch "$stamp"
