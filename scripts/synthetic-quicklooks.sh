#!/usr/bin/env bash
# Writes docs/synthetic-quicklooks.png: synthetic scenes rendered from the measured spectra (RGB quicklook and truth
# overlay: cloud in blue by the README's label convention) next to real scenes from ../shared (ukis-csmask Sentinel-2
# with its reference mask, rio-cloudmask Landsat 8 with its 1.37 um band) and the synthetic 1.375 um band.
# Needs ../shared/data/spectra and ../shared/data/real. Usage, from the repository root:
#   scripts/synthetic-quicklooks.sh [OUT.png]        (about 15 s after the jar is built)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/synthetic-quicklooks.png}"
./sensei sensors >/dev/null   # builds sensei-cli/target/sensei.jar when missing or stale
exec java -Djava.awt.headless=true -cp sensei-cli/target/sensei.jar org.sensei4j.eval.report.SyntheticQuicklooks \
  ../shared/data/spectra ../shared/data/real "$out"
