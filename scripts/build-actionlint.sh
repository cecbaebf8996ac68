#!/usr/bin/env bash
# Builds actionlint (the GitHub Actions workflow linter) from Go modules into .engine/bin/actionlint.
# - Pinned version (ACTIONLINT_VERSION, default below), fetched through the Go module proxy.
# - Skips the build when the binary is already there and reports the pinned version.
# - Reuses the usual Go caches (GOMODCACHE, GOCACHE); nothing is written into the repo but
#   .engine/ (git-ignored).
# Usage: scripts/build-actionlint.sh [--force]
set -euo pipefail

ACTIONLINT_VERSION="${ACTIONLINT_VERSION:-v1.7.12}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN_DIR="${ROOT}/.engine/bin"
BIN="${BIN_DIR}/actionlint"

force=false
if [[ "${1:-}" == "--force" ]]; then
  force=true
elif [[ $# -gt 0 ]]; then
  echo "build-actionlint: unknown argument '$1' (allowed: --force)" >&2
  exit 2
fi

if [[ -x "${BIN}" && "${force}" == false ]]; then
  have="$("${BIN}" -version 2>/dev/null | head -n 1 || true)"
  if [[ "${have}" == "${ACTIONLINT_VERSION}"* ]]; then
    echo "build-actionlint: ${BIN} is already ${ACTIONLINT_VERSION}; skipping (--force rebuilds)"
    exit 0
  fi
  echo "build-actionlint: ${BIN} reports '${have}', want ${ACTIONLINT_VERSION}; rebuilding"
fi

if ! command -v go >/dev/null 2>&1; then
  echo "build-actionlint: 'go' is not on PATH; install Go >= 1.24 (e.g. /usr/local/go/bin)" >&2
  exit 1
fi

mkdir -p "${BIN_DIR}"
echo "build-actionlint: building github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}"
start=$(date +%s)
# `go install pkg@version` builds outside any module (actionlint's go.mod has no replace
# directives), so no wrapper module is needed. GOFLAGS from the caller (e.g. -buildvcs=false) apply.
GOBIN="${BIN_DIR}" CGO_ENABLED=0 go install -trimpath \
  -ldflags "-s -w -X github.com/rhysd/actionlint.version=${ACTIONLINT_VERSION}" \
  "github.com/rhysd/actionlint/cmd/actionlint@${ACTIONLINT_VERSION}"
echo "build-actionlint: built ${BIN} ($("${BIN}" -version | head -n 1)) in $(($(date +%s) - start))s"
