#!/usr/bin/env python3
"""Renders rio-cloudmask's true colour, its 1.38 um cirrus band B9 and a cloud mask side by side as one PNG
(needs numpy only; reads the ENVI .bin copies that scripts/real-scene-checks.sh writes with gdal_translate).
Usage: scripts/rio-quicklook.py OUTDIR OUT.png   (OUTDIR holds rio-mask.bin, rio-b9.bin, rio-b{2,3,4}.bin)"""
import sys, struct, zlib
import numpy as np

out, png = sys.argv[1], sys.argv[2]
H, W = 458, 508  # rio-cloudmask's grid (rows, columns)


def raw(name, dtype):
    a = np.fromfile(f"{out}/{name}.bin", dtype=dtype)
    if a.size != H * W:
        sys.exit(f"error: {out}/{name}.bin has {a.size} values, expected {H}x{W}")
    return a.reshape(H, W)


def stretch(a, lo, hi):
    return np.clip((np.nan_to_num(a) - lo) / (hi - lo), 0, 1)


rgb = np.dstack([stretch(raw(f"rio-b{b}", "<f4"), 0.0, 0.35) for b in (4, 3, 2)]) ** (1 / 1.6)
b9 = stretch(raw("rio-b9", "<f4"), 0.0, 0.06)
b9rgb = np.dstack([b9, b9, b9])
m = raw("rio-mask", "u1")
over = rgb * 0.55
over[m == 1] = [1.0, 0.85, 0.1]           # cloud: yellow
over[m == 2] = [0.2, 0.3, 1.0]            # shadow: blue
over[m == 255] = [0, 0, 0]
gap = np.ones((H, 8, 3))
img = (np.concatenate([rgb, gap, b9rgb, gap, over], axis=1) * 255).astype(np.uint8)


def chunk(kind, data):
    c = kind + data
    return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)


h, w = img.shape[:2]
rows = b"".join(b"\x00" + img[y].tobytes() for y in range(h))
with open(png, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
print(f"wrote {png}: true colour | B9 (0-0.06) | mask (yellow cloud, blue shadow)")
