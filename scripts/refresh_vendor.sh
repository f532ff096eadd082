#!/usr/bin/env bash
# Refresh the pinned front-end libraries under static/vendor/ from the npm registry.
# The app never loads a script or style from another host (closed intranets), so these files
# are committed. Change a version below, run this script, look at the pages, commit.
set -euo pipefail

VUE=3.5.45
ELEMENT_PLUS=2.14.8
ICONS=2.3.2
ECHARTS=6.1.0

top=$(cd "$(dirname "$0")/.." && pwd)
dest="$top/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() {  # fetch NAME VERSION: unpack the registry tarball into $work/NAME
  local dir="$work/$(echo "$1" | tr '/@' '__')"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "$1@$2" >/dev/null && tar -xzf ./*.tgz)
  echo "$dir/package"
}

rm -rf "$dest" && mkdir -p "$dest"/{vue,element-plus,element-plus-icons,echarts}

p=$(fetch vue "$VUE")
cp "$p/dist/vue.global.prod.js" "$dest/vue/"
cp "$p/LICENSE" "$dest/vue/"

p=$(fetch element-plus "$ELEMENT_PLUS")
cp "$p/dist/index.full.min.js" "$p/dist/index.css" "$dest/element-plus/"
cp "$p/dist/locale/zh-cn.min.js" "$p/dist/locale/en.min.js" "$dest/element-plus/"
# The maps are not shipped: their references would fail production's collectstatic (the manifest storage
# resolves every sourceMappingURL and refuses a missing file).
sed -i '/^\/\/# sourceMappingURL=/d' "$dest"/element-plus/*.js
cp "$p/LICENSE" "$dest/element-plus/"

p=$(fetch @element-plus/icons-vue "$ICONS")
cp "$p/dist/index.iife.min.js" "$dest/element-plus-icons/"
cp "$p/LICENSE" "$dest/element-plus-icons/" 2>/dev/null || true

p=$(fetch echarts "$ECHARTS")
cp "$p/dist/echarts.min.js" "$dest/echarts/"
cp "$p/LICENSE" "$dest/echarts/"

cat > "$dest/VERSIONS" <<VERSIONS
vue $VUE
element-plus $ELEMENT_PLUS
@element-plus/icons-vue $ICONS
echarts $ECHARTS
VERSIONS
echo "static/vendor refreshed:"; cat "$dest/VERSIONS"
