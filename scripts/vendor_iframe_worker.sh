#!/bin/sh
# Vendor iframe-worker's shim (npm) into docs/assets/vendor/iframe-worker/.
#
# The docs site is built with Material's offline plugin, whose search runs
# in a web worker; from file:// a browser refuses workers, and the plugin's
# default shim comes from a CDN. mkdocs.yml points extra.polyfills at this
# copy instead, so the built site loads nothing from the network.
#
#   scripts/vendor_iframe_worker.sh          # the version pinned below
#
# Writes shim.js, LICENSE and README.txt (version, integrity, sha256), which
# tests/test_docs_site.py checks.
set -eu

VERSION="${1:-1.0.4}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/docs/assets/vendor/iframe-worker"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

INTEGRITY="$("$ROOT/scripts/npm_pack.sh" iframe-worker "$VERSION" "$WORK")"
mkdir -p "$DEST"
cp "$WORK/package/shim/index.js" "$DEST/shim.js"
cp "$WORK/package/LICENSE" "$DEST/LICENSE"
SUM="$(sha256sum "$DEST/shim.js" | cut -d' ' -f1)"
cat > "$DEST/README.txt" <<EOF2
Vendored iframe-worker, written by scripts/vendor_iframe_worker.sh.

- package: iframe-worker@$VERSION (the file shim/index.js, unchanged)
- tarball integrity: $INTEGRITY
- shim.js sha256: $SUM
EOF2
echo "vendored iframe-worker@$VERSION into $DEST"
