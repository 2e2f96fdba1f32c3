#!/usr/bin/python3
"""imeteo-radar's own single-source image of the real DWD file, as radarbeam palette indices.

Runs imeteo-radar's code (a checkout of franko14/radar-shmu, v2.9.4 at 9fc4c69, its src/ on
PYTHONPATH): the DWD source's process_to_array, then MultiFormatExporter.export_variants with its
default transform cache, with the PNG writer swapped for one that keeps the exporter's RGBA array
(its PNG goes through Pillow's palette conversion, which merges colours). Each RGBA colour is mapped
to its radarbeam palette index (RadarPalette.plte(), written to PLTE_BIN by a one-line Java call).

usage: PYTHONPATH=$IMETEO_SRC/src /usr/bin/python3 make_dwd_imeteo_golden.py DWD_FILE PLTE_BIN OUT
  (Debian packages python3-rasterio python3-h5py python3-pyproj python3-netcdf4 python3-scipy
  python3-opencv python3-matplotlib python3-pil python3-requests python3-boto3 python3-dotenv)
Writes OUT: width, height (big-endian int32 each), then zlib of width*height indices, first row
north, 0 = transparent. imeteo-radar keeps its grid cache in /tmp/iradar-data/grid.
"""
import hashlib
import struct
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np

from imeteo_radar.config.sources import get_source_instance
from imeteo_radar.processing import exporter as exporter_module
from imeteo_radar.processing.exporter import ExportConfig, MultiFormatExporter

kept = {}


def keep_rgba(self, rgba, path, transparent_background=True):
    kept["rgba"] = rgba.copy()


exporter_module.MultiFormatExporter._save_png = keep_rgba
dwd_file, plte_bin, out = sys.argv[1:4]
data = get_source_instance("dwd").process_to_array(dwd_file)
data["metadata"] = {"source": "dwd", "units": "dBZ"}
with tempfile.TemporaryDirectory() as tmp:
    MultiFormatExporter().export_variants(radar_data=data, output_base_path=Path(tmp) / "dwd",
                                          extent=data["extent"], config=ExportConfig())
rgba = kept["rgba"]
h, w = rgba.shape[:2]
plte = np.fromfile(plte_bin, np.uint8).reshape(-1, 3)
key = (rgba[..., 0].astype(np.uint32) << 16) | (rgba[..., 1].astype(np.uint32) << 8) | rgba[..., 2]
key[rgba[..., 3] == 0] = 0xFFFFFFFF
lut = {0xFFFFFFFF: 0}
for i in range(1, len(plte)):
    lut[(int(plte[i, 0]) << 16) | (int(plte[i, 1]) << 8) | int(plte[i, 2])] = i
indices = np.zeros((h, w), np.uint8)
for k in np.unique(key):
    indices[key == k] = lut[int(k)]  # a colour not in radarbeam's palette stops the script here
raw = indices.tobytes()
Path(out).write_bytes(struct.pack(">ii", w, h) + zlib.compress(raw, 9))
print(f"{w}x{h}, {int((indices > 0).sum())} drawn, sha256 of the indices {hashlib.sha256(raw).hexdigest()}")
