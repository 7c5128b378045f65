#!/usr/bin/env bash
# Vendor the dashboard's npm assets into src/flashpoint/web/vendor/ (git-ignored).
#
# Versions are pinned in tools/web/package.json and package-lock.json; `npm ci`
# installs exactly those into build/web-assets/, and the few files the dashboard
# loads are copied next to it, so the page needs no network beyond its own server:
#   leaflet (map), topojson-client (TopoJSON -> GeoJSON), world-atlas (country shapes).
# Re-running is cheap: nothing happens while the lock file is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

SRC=tools/web
BUILD=build/web-assets
VENDOR=src/flashpoint/web/vendor
STAMP="$VENDOR/.lock-sha256"

if ! command -v npm >/dev/null 2>&1; then
    echo "web-assets: npm not found; install Node.js and npm (Debian: apt-get install nodejs npm)" >&2
    exit 1
fi

want=$(sha256sum "$SRC/package-lock.json" | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] \
    && [ -f "$VENDOR/leaflet/leaflet.js" ] && [ -f "$VENDOR/world-atlas/countries-110m.json" ]; then
    exit 0
fi

rm -rf "$BUILD"
mkdir -p "$BUILD"
cp "$SRC/package.json" "$SRC/package-lock.json" "$BUILD/"
(cd "$BUILD" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

NM="$BUILD/node_modules"
rm -rf "$VENDOR"
mkdir -p "$VENDOR/leaflet/images" "$VENDOR/topojson-client" "$VENDOR/world-atlas"
cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$NM/leaflet/LICENSE" "$VENDOR/leaflet/"
cp "$NM/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
cp "$NM/topojson-client/dist/topojson-client.min.js" "$NM/topojson-client/LICENSE" "$VENDOR/topojson-client/"
cp "$NM/world-atlas/countries-110m.json" "$NM/world-atlas/LICENSE" "$VENDOR/world-atlas/"
echo "$want" > "$STAMP"
echo "web-assets: vendored leaflet, topojson-client, world-atlas into $VENDOR"
