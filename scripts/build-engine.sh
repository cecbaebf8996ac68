#!/usr/bin/env bash
# Build the Pulumi engine used by the e2e tests and the sandbox, offline, into .engine/bin.
#
# Usage: scripts/build-engine.sh [--force] [--only PART[,PART...]] [--list]
#
# Structure (for whoever adds parts, e.g. provider plugins):
#   - PARTS below lists the buildable parts in build order; `--only cli,shims` builds a subset.
#   - Each part is a function `build_<part>` that writes into "$BIN_DIR" (.engine/bin) and calls
#     `skip_if_built <stamp-name> <version> <binaries...>` first, so a rebuild happens only when
#     the version changed, a binary is missing, or --force is given. It records the version with
#     `mark_built <stamp-name> <version>` (stamps live in .engine/stamps/).
#   - Go parts use `go_wrapper_module <dir> <module-lines...>`: a throw-away main module under
#     .engine/gomod/<dir> (git-ignored) whose go.mod pins versions with version-less `replace`
#     lines. All Go parts share Go's default GOMODCACHE/GOCACHE, so warm runs are fast.
#   - `timed <label> <command...>` prints what is built and how long it took.
#   - Versions are read from package-lock.json with `lock_version <npm package>`, never
#     hard-coded twice.
# Parts:
#   cli    the `pulumi` CLI, from the Go module github.com/pulumi/pulumi/pkg/v3 at the version of
#          @pulumi/pulumi in package-lock.json (-ldflags version stamp, clipboard fork, as
#          .goreleaser.yml does).
#   shims  `pulumi-language-nodejs` (see scripts/engine/README note below) and
#          `pulumi-resource-pulumi-nodejs` (the dynamic-provider host shipped in
#          node_modules/@pulumi/pulumi).
# The Go module of the Node.js language host (github.com/pulumi/pulumi/sdk/nodejs/cmd/
# pulumi-language-nodejs/v3) has no tags and the module proxy reachable here refuses every
# version of it (403 "This module version is not available", also for commit pseudo-versions),
# so the language host is scripts/engine/language-host.js, a small Node implementation of the
# LanguageRuntime gRPC service on the SDK's own stubs (plan C3 of shared/docs/pulumi-offline.md).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENGINE_DIR="$ROOT/.engine"
BIN_DIR="$ENGINE_DIR/bin"
STAMP_DIR="$ENGINE_DIR/stamps"
GO="${GO:-/usr/local/go/bin/go}"
PARTS=(cli shims)

FORCE=0
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=1 ;;
    --only) ONLY="${2:?--only needs a part name: ${PARTS[*]}}"; shift ;;
    --only=*) ONLY="${1#--only=}" ;;
    --list) printf '%s\n' "${PARTS[@]}"; exit 0 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "build-engine: unknown argument '$1' (allowed: --force, --only PART, --list)" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[build-engine] %s\n' "$*" >&2; }

# lock_version <npm package>: the version package-lock.json pins for node_modules/<package>.
lock_version() {
  local pkg="$1"
  if [ ! -x "$ROOT/node_modules/.bin/node" ]; then
    echo "build-engine: node_modules/.bin/node is missing: run npm ci in $ROOT first" >&2
    exit 1
  fi
  "$ROOT/node_modules/.bin/node" -e '
    const lock = require(process.argv[1]);
    const p = lock.packages["node_modules/" + process.argv[2]];
    if (!p) { console.error("package-lock.json has no node_modules/" + process.argv[2]); process.exit(1); }
    console.log(p.version);
  ' "$ROOT/package-lock.json" "$pkg"
}

# skip_if_built <stamp> <version> <binary...>: returns 0 (skip) when all binaries exist and the
# stamp records the same version, unless --force.
skip_if_built() {
  local stamp="$1" version="$2"; shift 2
  [ "$FORCE" = 1 ] && return 1
  [ -f "$STAMP_DIR/$stamp" ] && [ "$(cat "$STAMP_DIR/$stamp")" = "$version" ] || return 1
  local b
  for b in "$@"; do [ -x "$BIN_DIR/$b" ] || return 1; done
  log "$stamp $version: up to date ($*), skipping (use --force to rebuild)"
  return 0
}
mark_built() { mkdir -p "$STAMP_DIR"; printf '%s' "$2" >"$STAMP_DIR/$1"; }

# timed <label> <command...>
timed() {
  local label="$1"; shift
  local start end
  start=$(date +%s)
  log "building $label ..."
  "$@"
  end=$(date +%s)
  log "built $label in $((end - start)) s"
}

# go_wrapper_module <dir> <go.mod body>: (re)creates .engine/gomod/<dir>/go.mod, prints the dir.
go_wrapper_module() {
  local dir="$ENGINE_DIR/gomod/$1"
  mkdir -p "$dir"
  printf '%s\n' "$2" >"$dir/go.mod.new"
  if ! cmp -s "$dir/go.mod.new" "$dir/go.mod.base" 2>/dev/null; then
    cp "$dir/go.mod.new" "$dir/go.mod.base"
    cp "$dir/go.mod.new" "$dir/go.mod"
    rm -f "$dir/go.sum"
  fi
  rm -f "$dir/go.mod.new"
  printf '%s' "$dir"
}

go_env() {
  export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:--buildvcs=false}"
  # Go's default caches (GOMODCACHE ~/go/pkg/mod, GOCACHE ~/.cache/go-build) are shared by all parts.
}

build_cli() {
  local v; v="$(lock_version @pulumi/pulumi)"
  skip_if_built cli "$v" pulumi && return 0
  local dir
  dir="$(go_wrapper_module cli "module local/pulumibuild

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 v$v
	github.com/pulumi/pulumi/sdk/v3 v$v
)

replace github.com/pulumi/pulumi/pkg/v3 => github.com/pulumi/pulumi/pkg/v3 v$v

replace github.com/pulumi/pulumi/sdk/v3 => github.com/pulumi/pulumi/sdk/v3 v$v

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e

tool github.com/pulumi/pulumi/pkg/v3/cmd/pulumi")"
  go_env
  (
    cd "$dir"
    timed "go mod tidy (pulumi CLI v$v)" "$GO" mod tidy
    timed "pulumi CLI v$v (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)" \
      "$GO" build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$v" \
      -o "$BIN_DIR/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  )
  mark_built cli "$v"
}

build_shims() {
  local v; v="$(lock_version @pulumi/pulumi)"
  local host="$ROOT/scripts/engine/language-host.js"
  # The launcher holds absolute paths: rebuild when the SDK, the host or the checkout moves.
  local sum; sum="$v-$(cksum <"$host" | cut -d' ' -f1)-$ROOT"
  skip_if_built shims "$sum" pulumi-language-nodejs pulumi-resource-pulumi-nodejs && return 0
  mkdir -p "$BIN_DIR"
  # The language host: a tiny launcher that runs scripts/engine/language-host.js on Node 22.
  cat >"$BIN_DIR/pulumi-language-nodejs" <<SH
#!/bin/sh
# Generated by scripts/build-engine.sh: Node.js language host for the Pulumi CLI (plan C3).
exec "$ROOT/node_modules/.bin/node" "$host" "\$@"
SH
  chmod +x "$BIN_DIR/pulumi-language-nodejs"
  # The dynamic-provider host, as shipped by the SDK (it resolves @pulumi/pulumi from the cwd).
  ln -sf "$ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" \
    "$BIN_DIR/pulumi-resource-pulumi-nodejs"
  log "shims: pulumi-language-nodejs -> scripts/engine/language-host.js," \
    "pulumi-resource-pulumi-nodejs -> node_modules/@pulumi/pulumi"
  mark_built shims "$sum"
}

main() {
  local total_start; total_start=$(date +%s)
  mkdir -p "$BIN_DIR"
  local selected=("${PARTS[@]}")
  if [ -n "$ONLY" ]; then IFS=',' read -r -a selected <<<"$ONLY"; fi
  local p
  for p in "${selected[@]}"; do
    if ! declare -F "build_$p" >/dev/null; then
      echo "build-engine: unknown part '$p' (allowed: ${PARTS[*]})" >&2; exit 2
    fi
  done
  for p in "${selected[@]}"; do "build_$p"; done
  log "done in $(( $(date +%s) - total_start )) s; binaries in ${BIN_DIR#"$ROOT"/}: $(ls "$BIN_DIR" | tr '\n' ' ')"
}
main
