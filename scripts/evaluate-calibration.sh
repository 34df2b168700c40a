#!/usr/bin/env bash
# Before/after numbers for a calibration (scripts/calibrate-default-model.sh): the uncalibrated and the calibrated
# bundle side by side on real data held out from both training and calibration: the ukis-csmask bottom quarter (rows
# 384-511; all 6 bands, RGB, RGB+NIR), On Cloud N chips 4-5 (all 4 bands, RGB), the clear Wright scene (share called
# cloud; it is in the calibration pool, so this checks the rule keeps it clear) and the unlabelled Landsat-8
# rio-cloudmask scene (share of pixels with B9 (cirrus) TOA > 0.02 called cloud, and of all pixels). Needs ../shared,
# python3 with numpy, gdal-bin. Usage, from the repository root:
#   scripts/evaluate-calibration.sh BEFORE AFTER [OUTDIR]       (e.g. default calibrated-model.zip eval-calibration)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/reference-data.sh   # SENSEI (the launcher; set SENSEI to run another build of the CLI), REAL, CLEAR
BEFORE=${1:?give the uncalibrated bundle (or default)}
AFTER=${2:?give the calibrated bundle}
OUT=${3:-eval-calibration}
require_reference_data "evaluates on"
mkdir -p "$OUT"
scripts/ukis-rows.sh "$REAL/ukis-csmask/sentinel2.npz" 384 512 "$OUT" ukis_holdout
on_cloud_n_chips "$OUT/on-cloud-n-4-5" 4 5
ev() { "$SENSEI" evaluate --model "$BEFORE" --model "$AFTER" "$@"; }
ev --image "$OUT/ukis_holdout_img.tif" --sensor sentinel2 --bands B02,B03,B04,B08,B11,B12 \
   --mask "$OUT/ukis_holdout_mask.tif" --mask-codes ukis-csmask --band-set ALL --band-set RGB --band-set RGBNIR \
   --json "$OUT/ukis.json" --markdown "$OUT/ukis.md" > /dev/null
# The same held-out pixels described as Landsat 7 ETM+ / Landsat 5 TM / Landsat 8 OLI bands (blue, green, red, NIR,
# SWIR 1, SWIR 2: the six bands the ukis file holds match theirs): the model sees those sensors' band descriptors
# with real Sentinel-2 reflectances, a labelled stand-in for Landsat scenes (no thermal band, 12-bit radiometry).
for fam in "landsat7 B1,B2,B3,B4,B5,B7" "landsat5 B1,B2,B3,B4,B5,B7" "landsat8 B2,B3,B4,B5,B6,B7"; do
  read -r sensor bands <<< "$fam"
  ev --image "$OUT/ukis_holdout_img.tif" --sensor "$sensor" --bands "$bands" \
     --mask "$OUT/ukis_holdout_mask.tif" --mask-codes ukis-csmask --markdown "$OUT/ukis-as-$sensor.md" > /dev/null
done
ev --dataset "on-cloud-n:$OUT/on-cloud-n-4-5" --band-set ALL --band-set RGB \
   --json "$OUT/on-cloud-n-4-5.json" --markdown "$OUT/on-cloud-n-4-5.md" > /dev/null
ev --image "$CLEAR/wright-20160101-img.tif" --sensor sentinel2 --bands B02,B03,B04,B05,B06,B07,B08,B8A,B11,B12 \
   --mask "$CLEAR/wright-20160101-mask.tif" --mask-codes "clear=0;cloud=1" \
   --json "$OUT/wright.json" --markdown "$OUT/wright.md" > /dev/null
"$SENSEI" report "$OUT/ukis.json" "$OUT/on-cloud-n-4-5.json" "$OUT/wright.json" -o "$OUT/report.html"
for m in "$BEFORE" "$AFTER"; do
  name=$(basename "$m" .zip)
  "$SENSEI" mask "$REAL/rio-cloudmask" --sensor landsat8 --classes cloud --model "$m" -o "$OUT/rio-$name.tif" 2> "$OUT/rio-$name.txt"
  gdal_translate -q -of ENVI "$OUT/rio-$name.tif" "$OUT/rio-$name.bin"
done
gdal_translate -q -of ENVI "$REAL/rio-cloudmask/LC80130312015295LGN00_B9_toa.tif" "$OUT/rio-b9.bin"
python3 - "$OUT" "$(basename "$BEFORE" .zip)" "$(basename "$AFTER" .zip)" <<'PY'
import sys, numpy as np
out = sys.argv[1]
b9 = np.fromfile(f"{out}/rio-b9.bin", dtype="<f4")
print("rio-cloudmask (Landsat-8, no labels): model | cloud % of valid pixels | cloud % of pixels with B9 TOA > 0.02")
for name in sys.argv[2:]:
    m = np.fromfile(f"{out}/rio-{name}.bin", dtype="u1")
    valid = m != 255
    cirrus = valid & (b9 > 0.02)
    cloud = m == 1   # --classes cloud: 0 not cloud, 1 cloud
    print(f"{name} | {100 * (cloud & valid).sum() / valid.sum():.2f} ({valid.sum()} px) | "
          f"{100 * (cloud & cirrus).sum() / cirrus.sum():.2f} ({cirrus.sum()} px)")
PY
for f in "$OUT"/ukis.md "$OUT"/ukis-as-landsat7.md "$OUT"/ukis-as-landsat5.md "$OUT"/ukis-as-landsat8.md \
         "$OUT"/on-cloud-n-4-5.md "$OUT"/wright.md; do
  echo "== $f"
  grep -A12 '^| model' "$f" | grep '^|' | head -12
  grep -i 'expected calibration error' "$f" || true
done
