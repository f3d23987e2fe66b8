#!/usr/bin/env bash
# Regenerates the pictures of README.md and docs/ from the report of the bundled dataset.
#
#   docs/images/regenerate.sh             all pictures into docs/images/
#   docs/images/regenerate.sh page DIR    only the page's picture, into DIR (the tests use this)
#
# Needs Rust, LibreOffice and poppler-utils (the deck's slide), Graphviz (the diagrams are drawn by `report`; without Graphviz it keeps the
# committed pictures whose DOT is unchanged) and Chromium for the page's picture. The diagrams
# are byte copies of out/diagrams/, which a test checks; run this after regenerating out/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

chromium_binary() {
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
      echo "$candidate"
      return
    fi
  done
  echo "regenerate.sh: Chromium is needed for the page's picture (Debian/Ubuntu: apt-get install chromium)" >&2
  exit 1
}

# The route finder's answer to MLIT -> India, as a reader sees it on a 1500 x 950 window.
page_picture() {
  local dir="$1" browser
  browser="$(chromium_binary)"
  "$browser" --headless --no-sandbox --hide-scrollbars --window-size=1500,950 \
    --screenshot="$dir/page-mlit-india.png" "file://$root/out/index.html#route=MLIT,India" \
    >/dev/null 2>&1
  test -s "$dir/page-mlit-india.png"
}

if [ "${1:-}" = page ]; then
  page_picture "${2:?usage: regenerate.sh page DIR}"
  exit 0
fi

cargo run --release -- report
for diagram in network-slide org; do
  cp "out/diagrams/$diagram.png" "docs/images/$diagram.png"
done
page_picture docs/images
# The deck's network slide as LibreOffice draws it (page 2 of briefing.pdf; needs poppler-utils).
pdftoppm -f 2 -l 2 -r 110 -png -singlefile out/briefing.pdf docs/images/slide-network
echo "regenerate.sh: pictures written to docs/images/"
