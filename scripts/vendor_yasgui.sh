#!/bin/sh
# Vendor the built Yasgui (@zazuko/yasgui on npm) into kg/server/static/yasgui/.
#
# The workbench's query page (kg serve, /query) runs on these files; they
# ship in the wheel and are served by kg serve itself, never from a CDN.
#
#   scripts/vendor_yasgui.sh            # the version pinned below
#   scripts/vendor_yasgui.sh 4.6.3      # another version (then update VERSION below)
#
# Needs npm and openssl (scripts/npm_pack.sh: the tarball, checked against
# the registry's integrity; nothing is installed). Writes yasgui.min.js, yasgui.min.css,
# LICENSE and README.md (the version, the tarball's integrity and the sha256
# of each file); tests/server/test_workbench.py checks those sums.
set -eu

VERSION="${1:-4.6.2}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/kg/server/static/yasgui"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

INTEGRITY="$("$ROOT/scripts/npm_pack.sh" @zazuko/yasgui "$VERSION" "$WORK")"
cd "$WORK"

mkdir -p "$DEST"
cp package/build/yasgui.min.js package/build/yasgui.min.css "$DEST/"

# The npm tarball carries no licence file; package.json says MIT. This is the
# LICENSE of the source repository (github.com/rdfjs/Yasgui), with the
# copyright holders package.json names.
cat > "$DEST/LICENSE" <<'EOF'
Yasgui (@zazuko/yasgui): Copyright (c) Triply B.V. and Zazuko GmbH
(package.json: author Triply <info@triply.cc>, contributor Zazuko GmbH).
Source: https://github.com/rdfjs/Yasgui (packages/yasgui, packages/yasqe,
packages/yasr, packages/utils).

The MIT License (MIT)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.

The bundle includes, under their own licences, the libraries package.json
lists as dependencies of @zazuko/yasgui, @zazuko/yasqe and @zazuko/yasr,
among them CodeMirror 5 (MIT), jQuery (MIT), DataTables (MIT), DOMPurify
(Apache-2.0 or MPL-2.0), SortableJS (MIT), Choices.js (MIT),
@tarekraafat/autocomplete.js (Apache-2.0) and lodash-es (MIT).
EOF

JS_SUM="$(sha256sum "$DEST/yasgui.min.js" | cut -d' ' -f1)"
CSS_SUM="$(sha256sum "$DEST/yasgui.min.css" | cut -d' ' -f1)"
cat > "$DEST/README.md" <<EOF
# Vendored Yasgui

The built files of [@zazuko/yasgui](https://www.npmjs.com/package/@zazuko/yasgui)
$VERSION, copied unchanged from the npm tarball by \`scripts/vendor_yasgui.sh\`
(re-run it to update). The workbench's query page loads them from kg serve
itself; its own settings (endpoint, completers, no remote lookups) live in
\`../workbench/query.js\`.

- package: @zazuko/yasgui@$VERSION
- tarball integrity: $INTEGRITY

| file | sha256 |
| --- | --- |
| yasgui.min.js | $JS_SUM |
| yasgui.min.css | $CSS_SUM |

The source map (yasgui.min.js.map, 3.6 MB) is left out; a browser asks for it
only with its developer tools open, and the server answers 404.
EOF
echo "vendored @zazuko/yasgui@$VERSION into $DEST"
