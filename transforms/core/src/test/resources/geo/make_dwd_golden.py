#!/usr/bin/python3
"""Upstream's Web Mercator image of the DWD file, from upstream's native RGBA (/tmp/golden/dwd.rgba,
made by /tmp/golden/golden.py), two ways:
  R: rasterio.warp.reproject(nearest) onto calculate_default_transform's grid (what upstream calls)
  X: upstream's transform-cache rule: exact inverse projection of every destination pixel centre
Both are mapped to radarbeam palette indices by colour and written zlib-compressed.
Inputs: /tmp/golden/dwd.rgba (upstream's native RGBA, 4800x4400x4 bytes) and /tmp/geo/plte.bin
(RadarPalette.plte() written out by a one-line Java call). Outputs /tmp/geo/dwd_3857_*.idx.zz.
Run with /usr/bin/python3 (Debian packages python3-rasterio python3-gdal python3-h5py)."""
import sys, time, zlib, hashlib
import numpy as np, h5py, pyproj, rasterio
from rasterio.warp import calculate_default_transform, reproject, Resampling
from rasterio.transform import Affine
from rasterio.crs import CRS

f = h5py.File('/work/shared/testdata/real/dwd/composite_hx_test.hd5', 'r')
a = dict(f['where'].attrs); pd = a['projdef'].decode()
W, H = int(a['xsize']), int(a['ysize'])
t = pyproj.Transformer.from_crs("EPSG:4326", pd, always_xy=True)
ulx, uly = t.transform(a['UL_lon'], a['UL_lat']); urx, ury = t.transform(a['UR_lon'], a['UR_lat'])
llx, lly = t.transform(a['LL_lon'], a['LL_lat'])
pw = (urx - ulx) / (W - 1); ph = (uly - lly) / (H - 1)
ox, oy = ulx - pw / 2, uly + ph / 2
src_t = Affine(pw, 0, ox, 0, -ph, oy)
dt, dw, dh = calculate_default_transform(CRS.from_proj4(pd), 'EPSG:3857', W, H,
                                         left=ox, bottom=oy - H * ph, right=ox + W * pw, top=oy)
print('dst', dw, dh, repr(dt))

rgba = np.fromfile('/tmp/golden/dwd.rgba', np.uint8).reshape(H, W, 4)
plte = np.fromfile('/tmp/geo/plte.bin', np.uint8).reshape(-1, 3)
key = (rgba[..., 0].astype(np.uint32) << 16) | (rgba[..., 1].astype(np.uint32) << 8) | rgba[..., 2]
key[rgba[..., 3] == 0] = 0xFFFFFFFF
lut = {0xFFFFFFFF: 0}
for i in range(1, len(plte)):
    lut[(int(plte[i, 0]) << 16) | (int(plte[i, 1]) << 8) | int(plte[i, 2])] = i
uniq = np.unique(key)
missing = [hex(u) for u in uniq if int(u) not in lut]
assert not missing, missing
native = np.zeros((H, W), np.uint8)
for u in uniq:
    native[key == u] = lut[int(u)]
print('native non-transparent', int((native > 0).sum()))

t0 = time.time()
R = np.zeros((dh, dw), np.uint8)
reproject(native, R, src_transform=src_t, src_crs=CRS.from_proj4(pd), dst_transform=dt, dst_crs='EPSG:3857',
          resampling=Resampling.nearest)
print('rasterio reproject %.1fs non-transparent %d' % (time.time() - t0, int((R > 0).sum())))

t0 = time.time()
X = np.zeros((dh, dw), np.uint8)
fwd = pyproj.Transformer.from_crs('EPSG:4326', pd, always_xy=True)
R0 = 6378137.0
xs = dt.c + (np.arange(dw) + 0.5) * dt.a
lon = np.degrees(xs / R0)
for r0 in range(0, dh, 256):
    rows = np.arange(r0, min(dh, r0 + 256))
    ys = dt.f + (rows + 0.5) * dt.e
    lat = np.degrees(np.pi / 2 - 2 * np.arctan(np.exp(-ys / R0)))
    LON, LAT = np.meshgrid(lon, lat)
    NX, NY = fwd.transform(LON, LAT)
    c = np.floor((NX - ox) / pw); r = np.floor((oy - NY) / ph)
    ok = (c >= 0) & (c < W) & (r >= 0) & (r < H)
    blk = np.zeros(LON.shape, np.uint8)
    blk[ok] = native[r[ok].astype(np.int64), c[ok].astype(np.int64)]
    X[rows[0]:rows[-1] + 1] = blk
print('exact per-pixel %.1fs non-transparent %d' % (time.time() - t0, int((X > 0).sum())))
print('R vs X equal: %.5f%%, differing %d' % (100 * (R == X).mean(), int((R != X).sum())))
for name, img in (('rasterio', R), ('exact', X)):
    raw = img.tobytes()
    hdr = np.array([dw, dh], '>i4').tobytes()
    z = zlib.compress(raw, 9)
    open('/tmp/geo/dwd_3857_%s.idx.zz' % name, 'wb').write(hdr + z)
    print(name, 'zlib bytes', len(z), 'sha256', hashlib.sha256(raw).hexdigest())
