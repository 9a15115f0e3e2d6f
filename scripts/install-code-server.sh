#!/usr/bin/env bash
# Installs code-server (a real VS Code with a Node extension host, served to a browser) into
# the ignored .cache/code-server/, from the npm registry only. Idempotent: does nothing when
# the wanted version is already there. Needs Debian's ripgrep and libkrb5-dev (see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.100.3 # the newest code-server whose engines accept Node 20
prefix="$PWD/.cache/code-server"
pkg="$prefix/node_modules/code-server/package.json"

if [ -f "$pkg" ] && [ "$(node -p "require('$pkg').version")" = "$version" ] \
  && [ -f "$prefix/node_modules/code-server/out/node/entry.js" ]; then
  echo "code-server $version already installed in $prefix"
  exit 0
fi

rg_bin="$(command -v rg || true)"
if [ -z "$rg_bin" ]; then
  echo "install-code-server: ripgrep is missing (apt-get install ripgrep)" >&2
  exit 1
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable); it first looks in
# its cache for this exact tarball, so we put Debian's rg there.
tmp="${TMPDIR:-/tmp}"
rg_cache="$tmp/vscode-ripgrep-cache-1.15.11"
rg_tar="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rg_tar" ]; then
  mkdir -p "$rg_cache"
  stage="$(mktemp -d)"
  cp "$rg_bin" "$stage/rg"
  tar -czf "$rg_tar" -C "$stage" rg
  rm -rf "$stage"
fi

export npm_config_unsafe_perm=true # installs run as root
export npm_config_yes=true         # node-pty runs `npx node-gyp`

rm -rf "$prefix"
mkdir -p "$prefix"
echo '{ "name": "code-server-install", "private": true }' >"$prefix/package.json"
echo "installing code-server $version into $prefix (about a minute)"
npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel=error "code-server@$version"

if [ ! -f "$prefix/node_modules/code-server/out/node/entry.js" ]; then
  echo "install-code-server: code-server $version did not install" >&2
  exit 1
fi
echo "code-server $version installed in $prefix"
