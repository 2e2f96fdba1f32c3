package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.output.ViewerSettings;

/** The viewer page's settings: basemap, attribution, and how the page reaches the data prefix. */
class ViewerConfigTest {
  @TempDir Path tmp;

  private ViewerSettings viewer(String... extra) throws Exception {
    List<String> all = new ArrayList<>(List.of("--sources=dwd", "--input=" + tmp.resolve("in")));
    all.addAll(List.of(extra));
    if (all.stream().noneMatch(a -> a.startsWith("--output="))) {
      all.add("--output=" + tmp.resolve("out"));
    }
    return RunConfig.from(RadarJob.options(all.toArray(String[]::new))).outputs().viewer();
  }

  @Test
  void theDataPrefixIsReachedByARelativeUrlWhereOneLeadsThere() {
    assertEquals("../out-data/", ViewerConfig.relativeUrl("./out", "./out-data"));
    assertEquals("../out-data/", ViewerConfig.relativeUrl("/srv/www/out/", "/srv/www/out-data"));
    assertEquals("data/", ViewerConfig.relativeUrl(".", "./data"));
    assertEquals("../../meta/radar%20data/", ViewerConfig.relativeUrl("/srv/a/b", "/srv/meta/radar data"));
    assertEquals("./", ViewerConfig.relativeUrl("/srv/out", "/srv/out/"));
    assertEquals("../iradar-data/", ViewerConfig.relativeUrl("s3://maps/iradar", "s3://maps/iradar-data"));
    assertEquals("data/", ViewerConfig.relativeUrl("s3://maps", "s3://maps/data"));
    assertEquals("../../meta/", ViewerConfig.relativeUrl("s3://maps/radar/eu/", "s3://maps/meta"));
    assertNull(ViewerConfig.relativeUrl("s3://maps/iradar", "s3://other/iradar-data"), "another bucket");
    assertNull(ViewerConfig.relativeUrl("s3://maps/iradar", "/srv/data"), "a local data prefix for an S3 output");
  }

  @Test
  void theDefaultsAreOpenStreetMapAndTheSiblingDataPrefix() throws Exception {
    ViewerSettings v = viewer();
    assertEquals("https://tile.openstreetmap.org/{z}/{x}/{y}.png", v.basemap());
    assertTrue(v.attribution().contains("OpenStreetMap"), v.attribution());
    assertEquals("../out-data/legend/legend.png", v.legendUrl());
    assertEquals("../meta/legend/legend.png", viewer("--dataPrefix=" + tmp.resolve("meta")).legendUrl());
  }

  @Test
  void anotherBasemapHasItsOwnAttributionOrNone() throws Exception {
    ViewerSettings v = viewer("--viewerBasemap=https://tiles.example/{z}/{x}/{y}.png");
    assertEquals("https://tiles.example/{z}/{x}/{y}.png", v.basemap());
    assertEquals("", v.attribution());
    assertEquals("&copy; Example", viewer("--viewerBasemap=https://{s}.tiles.example/{z}/{x}/{y}.png",
        "--viewerAttribution=&copy; Example").attribution());
    assertEquals("", viewer("--viewerBasemap=none").basemap());
    assertEquals("https://tms.example/{z}/{x}/{-y}.png",
        viewer("--viewerBasemap=https://tms.example/{z}/{x}/{-y}.png").basemap());
  }

  @Test
  void aBasemapWithoutTilePlaceholdersIsAnInvalidOption() {
    InvalidOptionsException e = assertThrows(InvalidOptionsException.class,
        () -> viewer("--viewerBasemap=https://tiles.example/map.png"));
    assertTrue(e.getMessage().startsWith("--viewerBasemap must be a tile URL template with {z}, {x} and {y}"),
        e.getMessage());
  }

  @Test
  void theDataUrlOptionTakesOverWhereNoPathLeadsToTheDataPrefix() throws Exception {
    assertEquals("", viewer("--output=s3://maps/iradar", "--dataPrefix=s3://meta/iradar").legendUrl(),
        "another bucket, no option: no legend");
    assertEquals("https://meta.example/iradar/legend/legend.png", viewer("--output=s3://maps/iradar",
        "--dataPrefix=s3://meta/iradar", "--viewerDataUrl=https://meta.example/iradar").legendUrl());
  }
}
