package org.radarbeam.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.radarbeam.codec.odim.TestComposites;

/** What the transform tests share: a Direct-runner pipeline, its counters, and the frames of 2025-11-17. */
final class TransformTests {
  /** 2025-11-17 15:00, 15:05 and 15:10 UTC in Unix seconds. */
  /** A stand-in for an image written before: the PNG signature (an empty or garbled file counts as missing). */
  static final byte[] WRITTEN_PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static final long T1500 = 1763391600L;
  static final long T1505 = 1763391900L;
  static final long T1510 = 1763392200L;

  private TransformTests() {}

  static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.create());
  }

  /** {@code n} DWD frames five minutes apart from 15:00, then the first again (a duplicate stays a duplicate). */
  static List<FrameRef> framesWithADuplicate(int n) {
    List<FrameRef> frames = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      frames.add(new FrameRef("dwd", "/in/dwd/" + i, T1500 + 300L * i));
    }
    frames.add(new FrameRef("dwd", "/in/dwd/0", T1500));
    return frames;
  }

  /** Runs {@code p} to completion (PAssert failures fail here) and checks it finished. */
  static PipelineResult run(Pipeline p) {
    PipelineResult result = p.run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
    return result;
  }

  /** The committed value of counter radarbeam:{name}, summed over the steps that count it; 0 if never counted. */
  static long counter(PipelineResult result, String name) {
    long sum = 0;
    for (MetricResult<Long> c : result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(RadarMetrics.NAMESPACE, name)).build()).getCounters()) {
      sum += c.getCommitted();
    }
    return sum;
  }

  /**
   * The bundles {@code in} arrives in, as counter radarbeam:{name} of {@link #counter}, and their sizes,
   * as {@link #bundleSizes}.
   */
  static <T> void countBundles(String name, PCollection<T> in) {
    in.apply("Count" + name, ParDo.of(new CountBundlesFn<T>(name)));
  }

  /** The smallest and largest bundle {@link #countBundles} saw for {@code name}. */
  static DistributionResult bundleSizes(PipelineResult result, String name) {
    return result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(RadarMetrics.NAMESPACE, name + "Size")).build())
        .getDistributions().iterator().next().getCommitted();
  }

  private static final class CountBundlesFn<T> extends DoFn<T, Void> {
    private final Counter bundles;
    private final Distribution sizes;
    private int size;

    CountBundlesFn(String name) {
      bundles = Metrics.counter(RadarMetrics.NAMESPACE, name);
      sizes = Metrics.distribution(RadarMetrics.NAMESPACE, name + "Size");
    }

    @StartBundle
    public void start() {
      bundles.inc();
      size = 0;
    }

    @ProcessElement
    public void process(@Element T element) {
      size++;
    }

    @FinishBundle
    public void finish() {
      sizes.update(size);
    }
  }

  /** Each element of {@code in} as a string, for PAssert on records whose equality is not by value. */
  static <T> PCollection<String> strings(String name, PCollection<T> in, SerializableFunction<T, String> f) {
    return in.apply(name, MapElements.into(TypeDescriptors.strings()).via(f));
  }

  /** The DWD composite of 2025-11-17 at {@code hhmm} (40x30), as its provider names it. */
  static byte[] composite(String hhmm) {
    return TestComposites.uint8Composite("20251117", hhmm + "00");
  }

  static String dwdName(String hhmm) {
    return "composite_dmax_20251117_" + hhmm + "-hd5";
  }

  /** Writes {@code data} to {@code dir/name} (creating dir) and returns the file's path as a string. */
  static String write(Path dir, String name, byte[] data) throws IOException {
    Files.createDirectories(dir);
    return Files.write(dir.resolve(name), data).toString();
  }

  /** Every regular file below {@code root}, as sorted relative paths with '/' separators. */
  static List<String> filesBelow(Path root) throws IOException {
    if (!Files.exists(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted().collect(Collectors.toList());
    }
  }
}
