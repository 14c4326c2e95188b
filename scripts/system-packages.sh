#!/usr/bin/env bash
# Installs the system packages the portal needs, when they are missing:
# PostgreSQL + PostGIS (database), GDAL/GEOS/PROJ (GeoDjango), Pango and DejaVu fonts
# (PDFs with WeasyPrint); with --browser (make test), Debian's Chromium (browser
# tests) and redis-server (tests/test_two_processes.py; the portal itself needs no
# Redis); with --bench, wrk (the load part of `make bench`). Uses apt-get as root or
# through sudo; otherwise it
# prints the exact command to run and stops.
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
packages=(gdal-bin libgeos-c1v5 libproj25 postgresql-client
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
# A server is only needed when no DATABASE_URL points elsewhere.
if [ -z "${DATABASE_URL:-}" ]; then
  packages+=("postgresql-${PG_VERSION}" "postgresql-${PG_VERSION}-postgis-3")
fi
for option in "$@"; do
  case "$option" in
    --browser) packages+=(chromium redis-server) ;;
    --bench) packages+=(wrk) ;;  # optional: only `make bench` needs it
  esac
done

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: missing system packages (${missing[*]}) and no apt-get on this machine." >&2
  echo "Install PostgreSQL ${PG_VERSION} with PostGIS 3, GDAL and Chromium by hand, or set DATABASE_URL." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "error: these system packages are missing: ${missing[*]}" >&2
  echo "Run this once (it needs root), then run make again:" >&2
  echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "==> Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
