"""How alike two PNGs of one grid are: pixels drawn in both or neither, and of those drawn in both, the
share whose colours differ by at most 12 per channel (imeteo-radar's PNGs pass through Pillow's palette
conversion, which merges nearby colours; see docs/rendering.md).

usage: python3 agreement.py RADARBEAM.png IMETEO.png
"""
import sys

import numpy as np
from PIL import Image


def main(a_path: str, b_path: str) -> int:
    a = np.asarray(Image.open(a_path).convert("RGBA")).astype(np.int16)
    b = np.asarray(Image.open(b_path).convert("RGBA")).astype(np.int16)
    if a.shape != b.shape:
        print(f"sizes differ: {a.shape[1]}x{a.shape[0]} and {b.shape[1]}x{b.shape[0]}")
        return 1
    drawn_a, drawn_b = a[..., 3] > 0, b[..., 3] > 0
    both = drawn_a & drawn_b
    close = np.abs(a[..., :3] - b[..., :3]).max(axis=-1) <= 12
    print(f"{a.shape[1]}x{a.shape[0]}: drawn alike {(drawn_a == drawn_b).mean() * 100:.2f}% of pixels"
          f" ({drawn_a.sum()} and {drawn_b.sum()} drawn), colours alike on {(close & both).sum() / max(both.sum(), 1) * 100:.2f}%"
          f" of those drawn in both")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
