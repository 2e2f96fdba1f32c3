package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.radarbeam.transforms.TransformTests.T1500;
import static org.radarbeam.transforms.TransformTests.T1505;
import static org.radarbeam.transforms.TransformTests.filesBelow;
import static org.radarbeam.transforms.TransformTests.pipeline;
import static org.radarbeam.transforms.TransformTests.run;
import static org.radarbeam.transforms.TransformTests.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.radarbeam.store.LocalFileStore;

/** WriteExtentIndex: extent/{source}/extent_index.json once per source with rendered bounds, never rewritten. */
class WriteExtentIndexTest {
  private static final double[] GERMANY = {3.5, 45.125, 17.25, 56.0};
  private static final double[] HUNGARY = {13.75, 44.5, 26.0, 50.5};
  private static final double[] UNKNOWN = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
  private static final Pattern GENERATED = Pattern.compile("\"generated\": \"([^\"]+)\"");

  @TempDir Path data;

  private static WrittenFrame frame(String source, long nominal, double[] bounds) {
    return new WrittenFrame(source, "/in/" + source + "/" + nominal, source + "/" + nominal + ".png", nominal, 40, 30,
        1, bounds);
  }

  private PCollection<String> writeExtents(Pipeline p) {
    return p.apply(Create.of(List.of(
            frame("dwd", T1500, GERMANY), frame("dwd", T1505, GERMANY),
            frame("omsz", T1500, HUNGARY),
            frame("arso", T1500, UNKNOWN))))
        .apply(new WriteExtentIndex(new LocalFileStore(data.toString())));
  }

  /** The file's text, checked to be exactly the reference layout with the bounds as west/east/south/north. */
  private void assertExtent(String source, double west, double south, double east, double north) throws IOException {
    String json = Files.readString(data.resolve("extent/" + source + "/extent_index.json"));
    Matcher m = GENERATED.matcher(json);
    assertTrue(m.find(), json);
    Instant.parse(m.group(1));
    assertEquals(String.format(java.util.Locale.ROOT,
        "{\"metadata\": {\"title\": \"Radar Coverage Extent\", \"source\": \"%s\", \"generated\": \"%s\"},%n"
            + " \"wgs84\": {\"west\": %.6f, \"east\": %.6f, \"south\": %.6f, \"north\": %.6f}}%n",
        source, m.group(1), west, east, south, north), json);
  }

  @Test
  void writesOneIndexPerSourceWithBounds() throws IOException {
    Pipeline p = pipeline();
    PAssert.that(writeExtents(p)).containsInAnyOrder("extent/dwd/extent_index.json", "extent/omsz/extent_index.json");
    run(p);

    assertEquals(List.of("extent/dwd/extent_index.json", "extent/omsz/extent_index.json"), filesBelow(data));
    assertExtent("dwd", 3.5, 45.125, 17.25, 56.0);
    assertExtent("omsz", 13.75, 44.5, 26.0, 50.5);
  }

  @Test
  void existingIndexIsNotRewritten() throws IOException {
    write(data.resolve("extent/dwd"), "extent_index.json", "{\"kept\": true}\n".getBytes());
    Pipeline p = pipeline();
    PAssert.that(writeExtents(p)).containsInAnyOrder("extent/omsz/extent_index.json");
    run(p);

    assertEquals("{\"kept\": true}\n", Files.readString(data.resolve("extent/dwd/extent_index.json")));
    assertExtent("omsz", 13.75, 44.5, 26.0, 50.5);
    assertEquals(List.of("extent/dwd/extent_index.json", "extent/omsz/extent_index.json"), filesBelow(data));
  }

  @Test
  void framesWithoutBoundsWriteNothing() throws IOException {
    Pipeline p = pipeline();
    PCollection<String> written = p.apply(Create.of(List.of(frame("arso", T1500, UNKNOWN))))
        .apply(new WriteExtentIndex(new LocalFileStore(data.toString())));
    PAssert.that(written).empty();
    run(p);
    assertEquals(List.of(), filesBelow(data));
  }
}
