#!/usr/bin/env bash
# Two checks of a model on real scenes without pixel labels (needs ../shared, python3 with numpy, gdal-bin):
#   - rio-cloudmask (Landsat 8 OLI, 120 m, Long Island 2015-10-22: cirrus, a contrail, thin cloud over the sea,
#     small cumulus): the share of the pixels whose 1.38 um cirrus band B9 reads TOA reflectance > 0.02 that the
#     mask calls cloud (B9 itself is given to the model, as a user would);
#   - s2cloudmask-wright (Sentinel-2, fully clear): the share of pixels called cloud (false positives).
# Usage, from the repository root:  scripts/real-scene-checks.sh [MODEL] [OUTDIR] [extra sensei mask options]
set -euo pipefail
cd "$(dirname "$0")/.."
SENSEI=${SENSEI:-./sensei}   # the launcher; set SENSEI to run another build of the CLI
MODEL=${1:-default}
OUT=${2:-eval-real-scenes}
shift $(( $# > 2 ? 2 : $# ))
R=../shared/data/real/rio-cloudmask
W=../shared/data/clear/s2cloudmask-wright
[ -d "$R" ] && [ -d "$W" ] || { echo "error: ../shared is missing: these checks run on the project's reference data" >&2; exit 2; }
mkdir -p "$OUT"
"$SENSEI" mask "$R" -o "$OUT/rio-mask.tif" --sensor landsat8 --model "$MODEL" "$@" > "$OUT/rio-mask.txt"
"$SENSEI" mask "$W/wright-20160101-img.tif" -o "$OUT/wright-mask.tif" --model "$MODEL" --sensor sentinel2 \
    --bands B02,B03,B04,B05,B06,B07,B08,B8A,B11,B12 "$@" > "$OUT/wright-mask.txt"
for f in rio-mask wright-mask; do gdal_translate -q -of ENVI "$OUT/$f.tif" "$OUT/$f.bin"; done
for b in 2 3 4 9; do gdal_translate -q -of ENVI -ot Float32 "$R"/LC80130312015295LGN00_B${b}_toa.tif "$OUT/rio-b$b.bin"; done
python3 - "$OUT" <<'PY'
import sys, numpy as np
out = sys.argv[1]
def raw(name, dtype, shape=None):
    a = np.fromfile(f"{out}/{name}.bin", dtype=dtype)
    return a
m = raw("rio-mask", "u1"); b9 = raw("rio-b9", "<f4")
valid = m != 255
cirrus = valid & (b9 > 0.02)
print(f"rio-cloudmask: cloud {100 * np.mean(m[valid] == 1):.1f}% of {valid.sum()} valid pixels; "
      f"B9 > 0.02: {cirrus.sum()} px, called cloud {100 * np.mean(m[cirrus] == 1):.1f}%")
w = raw("wright-mask", "u1"); v = w != 255
print(f"s2cloudmask-wright (clear): cloud {100 * np.mean(w[v] == 1):.2f}% of {v.sum()} valid pixels")
PY
scripts/rio-quicklook.py "$OUT" "$OUT/rio-quicklook.png"
