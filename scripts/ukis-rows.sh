#!/usr/bin/env bash
# Cuts rows [FIRST, END) of the ukis-csmask scene (../shared/data/real/ukis-csmask/sentinel2.npz: (512, 512, 6)
# float32 TOA reflectance B2,B3,B4,B8,B11,B12 and (512, 512, 1) uint8 codes) into two GeoTIFFs, OUTDIR/NAME_img.tif
# (6 bands) and OUTDIR/NAME_mask.tif, via ENVI files and gdal_translate. Needs python3 with numpy and gdal-bin.
# The model card holds out rows 384-511 (the bottom quarter); rows 0-383 are the training and calibration part.
#   scripts/ukis-rows.sh NPZ FIRST END OUTDIR NAME
set -euo pipefail
NPZ=$1 FIRST=$2 END=$3 OUT=$4 NAME=$5
python3 - "$NPZ" "$FIRST" "$END" "$OUT" "$NAME" <<'PY'
import sys, numpy as np
d = np.load(sys.argv[1]); first, end = int(sys.argv[2]), int(sys.argv[3]); out, name = sys.argv[4], sys.argv[5]
img = d["img"][first:end, :, :].astype("<f4").transpose(2, 0, 1)   # (6, rows, 512)
msk = d["msk"][first:end, :, 0].astype("u1")
def envi(path, a, dtype_code):
    a.tofile(f"{path}.bin")
    bands = a.shape[0] if a.ndim == 3 else 1
    open(f"{path}.hdr", "w").write(
        f"ENVI\nsamples = {a.shape[-1]}\nlines = {a.shape[-2]}\nbands = {bands}\nheader offset = 0\n"
        f"file type = ENVI Standard\ndata type = {dtype_code}\ninterleave = bsq\nbyte order = 0\n")
envi(f"{out}/{name}_img", img, 4)
envi(f"{out}/{name}_mask", msk, 1)
PY
gdal_translate -q -of GTiff "$OUT/${NAME}_img.bin" "$OUT/${NAME}_img.tif"
gdal_translate -q -of GTiff "$OUT/${NAME}_mask.bin" "$OUT/${NAME}_mask.tif"
