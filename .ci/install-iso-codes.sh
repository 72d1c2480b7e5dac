#!/usr/bin/env bash
# Installs Debian's iso-codes, whose ISO 4217 list (/usr/share/iso-codes/json/iso_4217.json) Iso4217Tests compares
# the app's currency catalog with. Does nothing when the file is already there.
set -euo pipefail

if [ -f /usr/share/iso-codes/json/iso_4217.json ]; then
  echo "iso-codes present: $(dpkg-query -W -f='${Version}' iso-codes 2>/dev/null || echo unknown version)"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends iso-codes
test -f /usr/share/iso-codes/json/iso_4217.json
