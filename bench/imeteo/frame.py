"""imeteo-radar's time per frame: one source's file decoded and exported as its Web Mercator PNG, as
`imeteo-radar fetch` does for each frame once it is downloaded, N times in one process after a first,
untimed frame (its imports done, its cached reprojection grid made). Prints each frame's time and the
median, the figure to set beside radar.jar's marginal cost per frame (bench/scaling.sh, RenderBenchmark).

usage: PYTHONPATH=$IMETEO_SRC/src python3 frame.py SOURCE FILE [N]   (e.g. dwd composite_hx_test.hd5 5)
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

from imeteo_radar.config.sources import get_source_instance
from imeteo_radar.processing.exporter import ExportConfig, MultiFormatExporter


def frame(source_name: str, file: str, exporter: MultiFormatExporter, out: Path) -> None:
    data = get_source_instance(source_name).process_to_array(file)
    data["metadata"] = {"source": source_name, "units": "dBZ"}
    exporter.export_variants(radar_data=data, output_base_path=out, extent=data["extent"], config=ExportConfig())


def main(source_name: str, file: str, n: int) -> int:
    exporter = MultiFormatExporter()
    with tempfile.TemporaryDirectory() as tmp:
        frame(source_name, file, exporter, Path(tmp) / "first")
        times = []
        for i in range(n):
            t0 = time.perf_counter()
            frame(source_name, file, exporter, Path(tmp) / str(i))
            times.append(time.perf_counter() - t0)
            print(f"frame {i + 1}: {times[-1] * 1000:.0f} ms")
    print(f"median of {n}: {statistics.median(times) * 1000:.0f} ms per frame")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5))
