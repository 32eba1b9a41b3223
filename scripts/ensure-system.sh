#!/usr/bin/env bash
# System packages the tests need: Debian's chromium (browser tests), PostgreSQL (the
# test suite runs the web tests against it too), Pango and DejaVu fonts (PDF reports with
# WeasyPrint) and poppler-utils (the report tests convert PDF pages to PNG and text).
# Installed with apt-get when run as root and missing; otherwise say what is missing.
set -euo pipefail
need=()
[ -x /usr/lib/chromium/chromium ] || command -v chromium >/dev/null || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# reports: WeasyPrint needs Pango and a font; the report tests read PDFs with poppler
ldconfig -p 2>/dev/null | grep -q libpango-1.0.so || need+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so || need+=(libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Missing system packages: ${need[*]} (install them: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
