#!/bin/sh
# Install LibreOffice (our stand-in for Microsoft Office) and poppler's PDF tools
# for the tests that use them as a real client. Debian/Ubuntu with root only;
# elsewhere, install LibreOffice yourself and those tests run, or they skip.
set -e
if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing LibreOffice (headless) and poppler-utils..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui libreoffice-calc-nogui python3-uno poppler-utils \
    fonts-dejavu-core fonts-liberation2 >/dev/null
else
  echo "LibreOffice is not installed and cannot be installed here (needs root and apt-get);"
  echo "the tests marked 'office' will be skipped."
fi
