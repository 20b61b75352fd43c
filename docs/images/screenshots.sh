#!/bin/sh
# The screenshots of docs/cli.md's `--format html` section, taken again from the Camden sample:
#   docs/images/screenshots.sh [DULY]     (from the repository root; DULY: default ./build/duly)
# report-summary.png is the top of the page (the run, the figures, the chart of all rules, the
# summary); report-case.png the cases drawn, from their heading and key. Headless Chromium scrolls to no anchor when it
# takes a screenshot, so the case is shown in a frame of a page of its own, which does. pngquant
# (Debian's `pngquant`), when present, makes each file a third of the size.
set -eu
duly=${1:-./build/duly}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$duly" check policies/camden.policy examples/data/camden/events.csv \
  --cases examples/data/camden/cases.csv --as-of 2024-06-30 --by team \
  --format html --out "$work/report.html" 2>/dev/null
shoot() {  # shoot PNG URL HEIGHT
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files \
    "--user-data-dir=$work/profile" "--screenshot=$work/$1" "--window-size=1280,$3" "$2" \
    2>/dev/null
  if command -v pngquant >/dev/null; then
    pngquant --force --strip --quality 70-95 --output "docs/images/$1" "$work/$1"
  else
    cp "$work/$1" "docs/images/$1"
  fi
}
shoot report-summary.png "file://$work/report.html" 2000
printf '<!DOCTYPE html><html><body style="margin:0"><iframe src="report.html#cases" style="width:1280px;height:1400px;border:0;display:block"></iframe></body></html>' >"$work/case.html"
shoot report-case.png "file://$work/case.html" 1400
ls -l docs/images/report-summary.png docs/images/report-case.png
