#!/bin/sh
# Download one npm package's tarball, check it against the registry's
# integrity, and unpack it into a folder (as package/).
#
#   scripts/npm_pack.sh NAME VERSION DIR    # prints the tarball's integrity
#
# Needs npm (only `npm pack` and `npm view`; nothing is installed) and
# openssl. The vendoring scripts (vendor_yasgui.sh, vendor_iframe_worker.sh)
# call it.
set -eu

NAME="$1"
VERSION="$2"
DIR="$3"

cd "$DIR"
TARBALL="$(npm pack --silent "$NAME@$VERSION")"
INTEGRITY="$(npm view "$NAME@$VERSION" dist.integrity)"
# the tarball must be the one the registry lists
GOT="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
if [ "$GOT" != "$INTEGRITY" ]; then
    echo "integrity mismatch for $NAME@$VERSION: registry $INTEGRITY, tarball $GOT" >&2
    exit 1
fi
tar xzf "$TARBALL"
echo "$INTEGRITY"
