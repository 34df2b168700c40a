#!/usr/bin/env bash
# Calibrates a model bundle (temperature + cloud threshold, `sensei calibrate`) on real labelled data that is NOT
# held out for the model card's evaluation: the top 3/4 of the ukis-csmask scene (rows 0-383; the bottom quarter is
# the held-out block of scripts/evaluate-default-model.sh), On Cloud N chips 1-3 (chips 4-5 stay held out) and the
# clear Wright scene (../shared/data/clear). Each is one source of the pool, given all its bands and, as a second and
# third source each, RGB+NIR and RGB (so the threshold fits the band sets the model is used with); sources weigh
# equally. Needs ../shared, python3 with numpy and gdal-bin (to cut the ukis rows out of the .npz). Usage, from the
# repository root:
#   scripts/calibrate-default-model.sh [MODEL] [OUT.zip] [WORKDIR] [calibrate options...]
#   (defaults: default, calibrated-model.zip, calibrate-work/; e.g. --method temperature, --curve curve.csv)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/reference-data.sh   # SENSEI (the launcher; set SENSEI to run another build of the CLI), REAL, CLEAR
MODEL=${1:-default}
OUT=${2:-calibrated-model.zip}
WORK=${3:-calibrate-work}
require_reference_data "calibrates on"
mkdir -p "$WORK"
# 1. the top three quarters of the ukis scene (rows 0-383), as GeoTIFFs (float32 reflectance, uint8 codes)
scripts/ukis-rows.sh "$REAL/ukis-csmask/sentinel2.npz" 0 384 "$WORK" ukis_top
# 2. On Cloud N chips 1-3 as a data set of their own (links to the chip folders)
on_cloud_n_chips "$WORK/on-cloud-n-1-3" 1 2 3
# 3. calibrate
"$SENSEI" calibrate --model "$MODEL" -o "$OUT" --band-set ALL --band-set RGBNIR --band-set RGB \
  --image "$WORK/ukis_top_img.tif" --mask "$WORK/ukis_top_mask.tif" --mask-codes ukis-csmask \
      --sensor sentinel2 --bands B02,B03,B04,B08,B11,B12 \
  --dataset "on-cloud-n:$WORK/on-cloud-n-1-3" \
  --image "$CLEAR/wright-20160101-img.tif" --mask "$CLEAR/wright-20160101-mask.tif" --mask-codes "clear=0;cloud=1" \
      --sensor sentinel2 --bands B02,B03,B04,B05,B06,B07,B08,B8A,B11,B12 \
  "${@:4}"
