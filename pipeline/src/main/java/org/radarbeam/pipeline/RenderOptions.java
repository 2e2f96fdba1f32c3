package org.radarbeam.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.radarbeam.codec.srd.ArsoPlacement;
import org.radarbeam.geo.PixelPlacement;
import org.radarbeam.png.PngFilter;
import org.radarbeam.render.Projection;

/** What is drawn, on which grid, and how the PNGs are compressed. */
public interface RenderOptions extends PipelineOptions {
  @Description("ODIM quantity to render; the first data set whose what/quantity matches is used.")
  @Default.String("DBZH")
  String getQuantity();

  void setQuantity(String value);

  @Description("Grid of the output images: webmercator (EPSG:3857, north up, as web maps place image overlays by their"
      + " WGS84 bounds; nearest neighbour onto GDAL's suggested warp grid) or native (the file's own grid).")
  @Default.Enum("WEBMERCATOR")
  Projection getProjection();

  void setProjection(Projection value);

  @Description("Where ARSO's SRD cells go on the map: lcc (each where it lies, on its Lambert conformal conic grid)"
      + " or lonlat (as imeteo-radar places them: the lon/lat box of the cell centres taken as a regular lon/lat"
      + " grid, which moves cells by up to about 10 km; for images and composites that must equal that system's).")
  @Default.Enum("LCC")
  ArsoPlacement getArsoGrid();

  void setArsoGrid(ArsoPlacement value);

  @Description("Which source cell a pixel of a source's own Web Mercator image takes: exact (the cell its centre lies"
      + " in, GDAL's nearest neighbour, as imeteo-radar's composite and coverage masks are warped) or imeteo (as"
      + " imeteo-radar's single-source images: its cached reprojection grids round each pixel's cell coordinate, so"
      + " about half the pixels take the next cell east or south and the picture lies half a cell west and north of"
      + " where the cells are; for images that must equal that system's). The composite is placed exactly either way.")
  @Default.Enum("EXACT")
  PixelPlacement getPixelPlacement();

  void setPixelPlacement(PixelPlacement value);

  @Description("Images to write per frame: full (the image itself, always written) and scaled variants as Web Mercator"
      + " pixel sizes in metres, e.g. full,1000,2000 writes {unix}.png, {unix}@1000m.png and {unix}@2000m.png (same"
      + " bounds, colours picked by nearest neighbour, never blended). Variants need --projection=webmercator.")
  @Default.String("full")
  String getResolutions();

  void setResolutions(String value);

  @Description("Render threshold in dBZ, within the colour scale (-35..85): pixels below it are transparent.")
  @Default.Double(10.0)
  double getMinDbz();

  void setMinDbz(double value);

  @Description("Largest grid (width x height) accepted, 1..2147483639; larger files are refused before anything is"
      + " allocated for them.")
  @Default.Long(50_000_000L)
  long getMaxPixels();

  void setMaxPixels(long value);

  @Description("Compress the PNGs with zlib's Deflater at this level, 0 (none) to 9 (smallest, slowest). Default:"
      + " radarbeam's run-length deflate encoder, which on radar images is about 5x faster than level 6 and smaller"
      + " than level 9 (docs/performance.md).")
  Integer getCompressionLevel();

  void setCompressionLevel(Integer value);

  @Description("PNG row filter. Default: up with the run-length encoder, none with --compressionLevel (the"
      + " smallest and fastest of the three for each on the DWD frame, docs/performance.md).")
  PngFilter getPngFilter();

  void setPngFilter(PngFilter value);
}
