"""One composite slot through imeteo-radar's own code, for bench/composite-vs-python.sh.

Does for the five local files of bench/composite.sh's slot what `imeteo-radar composite` does for one
timestamp once they are downloaded (cli_composite._process_latest without the network): the OMSZ ZIP
unpacked as its download does, pass 1 (each file's extent), pass 2 (each source decoded, its own image
exported, merged), the composite exported, the composite extent written, then the coverage masks made
where missing. imeteo-radar is imported from $IMETEO_SRC (its src/ folder); its data folder is its fixed
/tmp/iradar-data, which the calling script empties before each run.

usage: python3 composite_slot.py INPUT_DIR OUTPUT_DIR [--no-individual]
  --no-individual: as `imeteo-radar composite --no-individual`, the composite alone (and the masks it needs)
"""
import gc
import sys
import tempfile
import zipfile
from pathlib import Path

SOURCES = ["dwd", "shmu", "chmi", "omsz", "arso"]
SLOT = "202511171500"
UNIX = 1763391600  # 2025-11-17 15:00 UTC


def main(input_dir: Path, output: Path, individual: bool) -> int:
    from imeteo_radar import cli, cli_composite
    from imeteo_radar.config.sources import get_source_instance
    from imeteo_radar.processing.compositor import RadarCompositor
    from imeteo_radar.processing.exporter import MultiFormatExporter

    composite_dir = output / "composite"
    args = cli.create_parser().parse_args(
        ["composite", "--sources", ",".join(SOURCES), "--output", str(composite_dir), "--disable-upload", "--no-cache"]
        + ([] if individual else ["--no-individual"]))
    composite_dir.mkdir(parents=True, exist_ok=True)
    exporter = MultiFormatExporter()
    export_config = cli.parse_export_config(args)

    files = {}
    unpacked = tempfile.mkdtemp(prefix="imeteo-omsz-")
    for name in SOURCES:
        f = next((input_dir / name).iterdir())
        if f.name.endswith(".zip"):  # the OMSZ download unpacks the netCDF from its ZIP
            with zipfile.ZipFile(f) as z:
                member = next(n for n in z.namelist() if n.endswith(".nc"))
                f = Path(z.extract(member, unpacked))
        files[name] = str(f)

    # pass 1: every file's extent
    for name in SOURCES:
        get_source_instance(name).extract_extent_only(files[name])

    # pass 2: one source at a time: decoded, its own image, merged
    compositor = RadarCompositor(cli_composite.REFERENCE_EXTENT.copy(), resolution_m=args.resolution)
    for name in SOURCES:
        data = get_source_instance(name).process_to_array(files[name])
        if individual:
            cli_composite._export_single_source(name, data, exporter, export_config, UNIX, SLOT, args)
            gc.collect()
        compositor.add_source(name, data)
        del data
        gc.collect()

    composite = compositor.get_composite()
    from dataclasses import replace
    exporter.export_variants(
        radar_data={"data": composite["data"], "timestamp": SLOT, "product": "composite",
                    "metadata": {"source": "composite", "units": "dBZ"}},
        output_base_path=composite_dir / str(UNIX),
        extent={"wgs84": composite["extent"]},
        config=replace(export_config, reproject=False, colormap_type="shmu"))
    cli_composite._save_extent_index(composite_dir, {"extent": {"wgs84": composite["extent"]}}, SOURCES,
                                     args.resolution)
    offline_masks(files)
    cli_composite._auto_generate_masks_if_missing(SOURCES, args, composite_dir, include_individual=individual)
    return 0


def offline_masks(files: dict) -> None:
    """A source's mask, and the extent it needs where no own image wrote one, are made from its newest file,
    which imeteo-radar downloads: here the local one."""
    from imeteo_radar.config import sources
    from imeteo_radar.processing import coverage_mask

    make = sources.get_source_instance

    def local_source(name):
        source = make(name)
        source.download_latest = lambda *a, **k: [{"path": files[name.lower()]}]
        return source

    coverage_mask.get_source_instance = local_source
    sources.get_source_instance = local_source  # looked up when an extent is made


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), "--no-individual" not in sys.argv[3:]))
