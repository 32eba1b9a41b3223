#!/usr/bin/env bash
# Refresh the vendored Leaflet from the npm registry (no CDN at run time).
set -euo pipefail
version=${1:-1.9.4}
dest="$(cd "$(dirname "$0")/.." && pwd)/src/opbouw/web/static/vendor/leaflet"
tmp=$(mktemp -d)
(cd "$tmp" && npm pack "leaflet@$version" >/dev/null && tar xzf "leaflet-$version.tgz")
cp "$tmp/package/dist/leaflet.js" "$tmp/package/dist/leaflet.css" "$tmp/package/LICENSE" "$dest/"
cp "$tmp/package/dist/images/"*.png "$dest/images/"
rm -rf "$tmp"
echo "Leaflet $version vendored in $dest"
