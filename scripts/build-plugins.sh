#!/usr/bin/env bash
# Build the resource provider plugins the program needs and install them into PULUMI_HOME, so the
# CLI (PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true) never downloads one. Run right after
# scripts/build-engine.sh (.ci/run does); it shares Go's caches with it.
#
# Usage: scripts/build-plugins.sh [--force] [--real-only | --substitute-only] [--home DIR]
#
#   plugin                  npm package (version from package-lock.json)   Go modules
#   pulumi-resource-okta    @pulumi/okta 7.0.0     github.com/pulumi/pulumi-okta/provider/v7
#   pulumi-resource-random  @pulumi/random 4.21.2  github.com/pulumi/pulumi-random/provider/v4
#
# For each plugin the script first tries the REAL build (shared/docs/okta-plugin-build.md §4):
#   1. resolve the release commit: `go list -m -json <root>@vX.Y.Z+incompatible` (the repo root
#      has no go.mod, so the tag is only served as +incompatible; Origin.Hash is the commit);
#   2. the provider module has no tags of its own, so it is required by its commit
#      PSEUDO-VERSION (`go list -m -json <provider>@<hash>` prints it);
#   3. its go.mod says `replace terraform-provider-okta => ../upstream` (a git submodule) and
#      requires the placeholder v0.0.0: a dependency's replaces are ignored, so the wrapper
#      module restates the upstream pin (TF v7.0.0 `1f0d81d`, as a v0.0.0-<time>-<hash>
#      pseudo-version) and the plugin-sdk => pulumi fork replace copied from that go.mod;
#   4. the main package embeds `schema-embed.json`, which is git-ignored upstream and so MISSING
#      from the module zip: the wrapper has its own main.go and makes schema-embed.json from the
#      module's committed schema.json with "version" set;
#   5. `go build -ldflags -X …/pkg/version.Version=X.Y.Z` (the bridge panics on an empty version).
# If any step fails (on this machine the Go module proxy answers 403 "This module version is not
# available" for every pulumi-okta, terraform-provider-okta and pulumi-random/provider version,
# release or pseudo-version), the failure is printed and kept in .engine/plugins/<name>.log, and
# the script installs the SUBSTITUTE plugin instead: scripts/plugins/<name>/main.ts, a Node
# implementation of the resources the program uses, on the SDK's own gRPC stubs (see
# scripts/plugins/host.ts and docs/readme/sandbox.md "Limitations"). The substitute Okta plugin
# only talks to a local Okta (okta:httpProxy on 127.0.0.1).
#
# Exit status: 0 when every plugin is installed (real or substitute); 1 otherwise, or with
# --real-only when a real build failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GO="${GO:-/usr/local/go/bin/go}"
SRC_DIR="$ROOT/.engine/plugins-src"
OUT_DIR="$ROOT/.engine/plugins"
HOME_DIR="${PULUMI_HOME:-$ROOT/.pulumi/home}"
FORCE=0
MODE=auto

while [ $# -gt 0 ]; do
  case "$1" in
    --force) FORCE=1 ;;
    --real-only) MODE=real ;;
    --substitute-only) MODE=substitute ;;
    --home) HOME_DIR="${2:?--home needs a directory}"; shift ;;
    -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
    *) echo "build-plugins: unknown argument '$1' (allowed: --force, --real-only," \
         "--substitute-only, --home DIR)" >&2; exit 2 ;;
  esac
  shift
done

log() { printf '[build-plugins] %s\n' "$*" >&2; }
mkdir -p "$SRC_DIR" "$OUT_DIR" "$HOME_DIR/plugins"

lock_version() {
  "$ROOT/node_modules/.bin/node" -e '
    const p = require(process.argv[1]).packages["node_modules/" + process.argv[2]];
    if (!p) { console.error("package-lock.json has no node_modules/" + process.argv[2]); process.exit(1); }
    console.log(p.version);
  ' "$ROOT/package-lock.json" "$1"
}

# go_json <logfile> <go args...>: runs go, prints its JSON stdout; on failure appends stderr to
# the log and returns 1.
go_json() {
  local logfile="$1"; shift
  local out err
  err="$(mktemp)"
  if out="$(GOFLAGS=-mod=mod "$GO" "$@" 2>"$err")"; then
    rm -f "$err"; printf '%s' "$out"; return 0
  fi
  { echo "\$ go $*"; cat "$err"; } >>"$logfile"
  log "  go $* failed: $(head -c 400 "$err" | tr '\n' ' ')"
  rm -f "$err"
  return 1
}

# build_real <name> <version> <major> <root module> <provider module> <upstream module>
#            <upstream ref> <version package>: the real bridged plugin, or return 1.
build_real() {
  local name="$1" version="$2" major="$3" root="$4" provider="$5" upstream="$6" upref="$7"
  local verpkg="$8"
  local logfile="$OUT_DIR/$name.log" bin="$OUT_DIR/$name-v$version/pulumi-resource-$name"
  : >"$logfile"
  if [ "$FORCE" = 0 ] && [ -x "$bin" ] && "$bin" -version 2>/dev/null | grep -q "$version"; then
    log "$name $version: real plugin already built ($bin)"; printf '%s' "$bin"; return 0
  fi
  local started=$SECONDS info hash pinfo pver dir upinfo upver fork
  log "$name $version: resolving the release commit of $root v$version"
  info="$(go_json "$logfile" list -m -json "$root@v$version+incompatible")" || return 1
  hash="$(jq -r '.Origin.Hash // empty' <<<"$info")"
  [ -n "$hash" ] || { echo "no Origin.Hash for $root v$version" >>"$logfile"; return 1; }
  log "$name: release commit $hash; resolving $provider at that commit (pseudo-version)"
  pinfo="$(go_json "$logfile" list -m -json "$provider@$hash")" || return 1
  pver="$(jq -r .Version <<<"$pinfo")"
  dir="$(go_json "$logfile" mod download -json "$provider@$pver" | jq -r '.Dir // empty')" || return 1
  local schema="$dir/cmd/pulumi-resource-$name/schema.json"
  [ -f "$schema" ] || { echo "module zip lacks $schema" >>"$logfile"; return 1; }
  local wrapper="$SRC_DIR/$name"
  mkdir -p "$wrapper"
  # schema-embed.json is git-ignored upstream, hence missing from the module zip: make it.
  jq --arg v "$version" '. + {version: $v}' "$schema" >"$wrapper/schema-embed.json"
  local upline=""
  if [ -n "$upstream" ]; then
    upinfo="$(go_json "$logfile" list -m -json "$upstream@$upref")" || return 1
    upver="$(jq -r .Version <<<"$upinfo")"
    upline="replace $upstream => $upstream $upver"
  fi
  fork="$(grep -E '^\s*(replace\s+)?github.com/hashicorp/terraform-plugin-sdk/v2 =>' "$dir/go.mod" \
    | sed -E 's/^\s*(replace\s+)?//' | head -1)"
  cat >"$wrapper/main.go" <<GO
// Generated by scripts/build-plugins.sh: the upstream main embeds schema-embed.json, which its
// module zip lacks, so this wrapper embeds its own copy (schema.json with "version" set).
package main

import (
	"context"
	_ "embed"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfbridge"
	$name "$provider"
)

//go:embed schema-embed.json
var pulumiSchema []byte

func main() {
	tfbridge.MainWithMuxer(context.Background(), "$name", $name.Provider(), pulumiSchema)
}
GO
  cat >"$wrapper/go.mod" <<MOD
module local/${name}plugin

go 1.26

require $provider $pver

${fork:+replace $fork}
$upline
MOD
  cp "$dir/go.sum" "$wrapper/go.sum" 2>/dev/null || true
  (
    cd "$wrapper"
    CGO_ENABLED=0 "$GO" mod tidy >>"$logfile" 2>&1 &&
      mkdir -p "$(dirname "$bin")" &&
      CGO_ENABLED=0 "$GO" build -trimpath \
        -ldflags "-s -w -X $verpkg.Version=$version" -o "$bin" . >>"$logfile" 2>&1
  ) || { log "  go mod tidy/build failed, see ${logfile#"$ROOT"/}"; return 1; }
  log "$name $version: real plugin built in $((SECONDS - started)) s"
  printf '%s' "$bin"
}

# install <name> <version> <binary>: into $HOME_DIR/plugins/resource-<name>-v<version>/.
install_plugin() {
  local name="$1" version="$2" bin="$3"
  local dest="$HOME_DIR/plugins/resource-$name-v$version"
  rm -rf "$dest" "$dest.partial" "$dest.lock"
  mkdir -p "$dest"
  cp "$bin" "$dest/pulumi-resource-$name"
  chmod +x "$dest/pulumi-resource-$name"
}

# install_substitute <name> <version>: a launcher for scripts/plugins/<name>/main.ts.
install_substitute() {
  local name="$1" version="$2"
  local dest="$HOME_DIR/plugins/resource-$name-v$version"
  rm -rf "$dest" "$dest.partial" "$dest.lock"
  mkdir -p "$dest"
  cat >"$dest/pulumi-resource-$name" <<SH
#!/bin/sh
# Generated by scripts/build-plugins.sh: SUBSTITUTE pulumi-resource-$name $version (the real
# plugin could not be built from Go modules here; see .engine/plugins/$name.log).
export TS_NODE_TRANSPILE_ONLY=true TS_NODE_PROJECT="$ROOT/tsconfig.json"
exec "$ROOT/node_modules/.bin/node" -r "$ROOT/node_modules/ts-node/register/transpile-only" \\
  "$ROOT/scripts/plugins/$name/main.ts" "\$@"
SH
  chmod +x "$dest/pulumi-resource-$name"
  printf 'substitute: scripts/plugins/%s/main.ts\n' "$name" >"$dest/SUBSTITUTE"
}

failures=0
plugin() { # plugin <name> <npm package> <major> <root> <provider> <upstream> <upref> <verpkg>
  local name="$1" v bin=""
  v="$(lock_version "$2")"
  if [ "$MODE" != substitute ]; then
    if bin="$(build_real "$name" "$v" "$3" "$4" "$5" "$6" "$7" "$8")"; then
      install_plugin "$name" "$v" "$bin"
      log "$name $v: installed the real plugin into ${HOME_DIR#"$ROOT"/}/plugins"
      return 0
    fi
    log "$name $v: the real plugin could not be built (details: ${OUT_DIR#"$ROOT"/}/$name.log)"
    if [ "$MODE" = real ]; then failures=$((failures + 1)); return 0; fi
  fi
  install_substitute "$name" "$v"
  log "$name $v: installed the SUBSTITUTE plugin (scripts/plugins/$name) into" \
    "${HOME_DIR#"$ROOT"/}/plugins/resource-$name-v$v"
}

started=$SECONDS
plugin okta @pulumi/okta v7 github.com/pulumi/pulumi-okta \
  github.com/pulumi/pulumi-okta/provider/v7 github.com/okta/terraform-provider-okta 1f0d81d \
  github.com/pulumi/pulumi-okta/provider/v7/pkg/version
plugin random @pulumi/random v4 github.com/pulumi/pulumi-random \
  github.com/pulumi/pulumi-random/provider/v4 "" "" \
  github.com/pulumi/pulumi-random/provider/v4/pkg/version
log "done in $((SECONDS - started)) s"
exit $((failures > 0 ? 1 : 0))
