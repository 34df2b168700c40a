#!/usr/bin/env bash
# Leave-one-source-out for the bundled model's config (configs/train/default-model-v2.yaml, `sensei loso`): for each
# of its sources -- the real ukis-csmask scene and each sensor family of its synthetic data set (sentinel2, landsat8,
# planetscope-superdove, sentinel3-slstr, cbers4-awfi, perusat1, sentinel3-olci, modis and `virtual`) -- trains the
# model and the gradient-boosted floor without it for MAX_STEPS steps (default 1000, a quarter of the config's 4,000)
# and tests them and the threshold baseline on it. One table: OUT/loso.md (printed) and OUT/loso.json. Needs
# ../shared/data (real and spectra) and runs/pretrain/best-model.zip (sensei pretrain configs/pretrain/default-encoder.yaml).
# On this 2-core machine a fold takes about MAX_STEPS x 0.75 s for the network plus a few minutes for the floor and
# the synthetic scenes. Usage, from the repository root:
#   scripts/loso-default-model.sh [OUT] [loso options...]     e.g. --source ukis-csmask, --source synthetic-measured/virtual
#   (default OUT: runs/loso-default-model-v2; MAX_STEPS=300 scripts/loso-default-model.sh for a short run)
set -euo pipefail
cd "$(dirname "$0")/.."
SENSEI=${SENSEI:-./sensei}   # the launcher; set SENSEI to run another build of the CLI
MAX_STEPS=${MAX_STEPS:-1000}
OUT=${1:-runs/loso-default-model-v2}
shift || true
[ -d ../shared/data/real ] && [ -d ../shared/data/spectra ] || { echo "error: ../shared/data is missing: this script trains on the project's reference data" >&2; exit 2; }
"$SENSEI" loso configs/train/default-model-v2.yaml --max-steps "$MAX_STEPS" -o "$OUT" "$@"
