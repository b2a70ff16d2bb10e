#!/usr/bin/env bash
# Makes sure the programs the tests drive are installed: poppler-utils
# (pdftotext, pdfimages, pdfsig) to re-read the PDFs Naskah writes, chromium
# (browser tests), dovecot-imapd (IMAP tests), tesseract with Indonesian data
# and qpdf (scan tests).
# As root it installs what is missing with apt-get and says so; otherwise it
# prints the apt-get line to run. With CI=true anything still missing fails.
set -euo pipefail

need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx ind; } ||
  need+=(tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng) # OCR tests (letters/scan)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf) # a password-protected PDF (letters/scan)
command -v chromium >/dev/null 2>&1 || need+=(chromium) # browser tests (letters/web)
command -v dovecot >/dev/null 2>&1 || need+=(dovecot-imapd) # IMAP tests (mail, cmd/naskah fetch)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: installing ${need[*]} with apt-get (needed by the tests)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  exit 0
fi

echo "test-deps: missing ${need[*]}; install with: sudo apt-get install ${need[*]}" >&2
if [ "${CI:-}" = true ]; then
  exit 1
fi
