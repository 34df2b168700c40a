#!/usr/bin/env bash
# Reproduces the model card's table (README, "The bundled model"): the bundled model, the gradient-boosted floor
# and the threshold baseline on the real data held out from training, with the bands described as Sentinel-2 and
# as sensors the model never saw. Needs ../shared (the project's reference data), python3 with numpy (to cut the
# held-out quarter out of ukis-csmask's .npz) and gdal-bin. Usage, from the repository root:
#   scripts/evaluate-default-model.sh [MODEL] [OUTDIR]      (defaults: default, eval-default-model/)
set -euo pipefail
cd "$(dirname "$0")/.."
SENSEI=${SENSEI:-./sensei}   # the launcher; set SENSEI to run another build of the CLI
MODEL=${1:-default}
OUT=${2:-eval-default-model}
SHARED=../shared/data/real
[ -d "$SHARED" ] || { echo "error: $SHARED is missing: this script evaluates on the project's reference data" >&2; exit 2; }
mkdir -p "$OUT"
# 1. the held-out bottom quarter of the ukis scene (rows 384-511), as GeoTIFFs (float32 reflectance, uint8 codes)
scripts/ukis-rows.sh "$SHARED/ukis-csmask/sentinel2.npz" 384 512 "$OUT" ukis_holdout
gdal_translate -q -b 1 -b 2 -b 3 -b 4 "$OUT/ukis_holdout_img.tif" "$OUT/ukis_holdout_rgbnir.tif"
# 2. the floor, trained on exactly the pixels the model was trained on
"$SENSEI" floor train configs/train/default-model.yaml -o "$OUT/gbdt-floor.zip" > "$OUT/floor-train.txt"
ev() { "$SENSEI" evaluate --model "$MODEL" --floor "$OUT/gbdt-floor.zip" --baseline "$@"; }
I="$OUT/ukis_holdout_img.tif"; M="$OUT/ukis_holdout_mask.tif"; O=$SHARED/on-cloud-n
ev --image "$I" --sensor sentinel2 --bands B02,B03,B04,B08,B11,B12 --mask "$M" --mask-codes ukis-csmask \
   --band-set ALL --band-set RGB --band-set RGBNIR --json "$OUT/ukis-s2.json" --markdown "$OUT/ukis-s2.md" > /dev/null
ev --image "$I" --sensor landsat7 --bands B1,B2,B3,B4,B5,B7 --mask "$M" --mask-codes ukis-csmask \
   --json "$OUT/ukis-as-landsat7.json" --markdown "$OUT/ukis-as-landsat7.md" > /dev/null
ev --image "$I" --sensor landsat5 --bands B1,B2,B3,B4,B5,B7 --mask "$M" --mask-codes ukis-csmask \
   --json "$OUT/ukis-as-landsat5.json" --markdown "$OUT/ukis-as-landsat5.md" > /dev/null
ev --image "$OUT/ukis_holdout_rgbnir.tif" --sensor perusat1 --bands B1,B2,B3,B4 --mask "$M" --mask-codes ukis-csmask \
   --json "$OUT/ukis-as-perusat1.json" --markdown "$OUT/ukis-as-perusat1.md" > /dev/null
ev --dataset "on-cloud-n:$O" --band-set ALL --band-set RGB --json "$OUT/on-cloud-n.json" --markdown "$OUT/on-cloud-n.md" > /dev/null
for f in "$OUT"/*.md; do
  echo "== $f"
  grep -A10 '^| model' "$f" | grep '^|' | grep -v '^| class' | head -10
done
