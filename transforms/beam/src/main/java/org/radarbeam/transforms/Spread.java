package org.radarbeam.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * Spreads elements (frames, input patterns) over the workers: each gets a key and a grouping step
 * hands the groups to whichever worker is free. The same as {@code Reshuffle.viaRandomKey()} for
 * radarbeam's graphs, which use only the global window and no element timestamps, in two steps around
 * the grouping where Reshuffle takes five.
 *
 * <p>How elements are keyed depends on the runner. One that spreads keys over parallel instances by
 * their hash (Flink) gets a random key per element ({@code workers} 0). The Direct runner runs each key's
 * group as one bundle, and for every bundle of every step it translates the step and deserialises its
 * DoFn: one bundle per frame costs that per frame, and the Java serialisation it runs is the hottest code
 * the JIT compilers then take the second core for. So for {@code workers} threads the elements of each
 * input bundle are dealt in turn into a multiple of {@code workers} groups of at most
 * {@link #MAX_GROUP} each: the same number of elements for every worker, a few bundles instead of one per
 * frame, and progress counters that still move every few frames (the runner commits them per bundle).
 * {@link #confinedTo} deals into exactly as many groups as threads the elements may take.
 */
public final class Spread<T> extends PTransform<PCollection<T>, PCollection<T>> {
  /** The most elements dealt into one group when spreading over a known number of workers. */
  static final int MAX_GROUP = 8;

  private final int workers;
  private final int maxGroup;
  private final boolean confined;

  private Spread(int workers, int maxGroup, boolean confined) {
    if (workers < 0) {
      throw new IllegalArgumentException("workers must be 0 (a key per element) or more, got " + workers);
    }
    if (maxGroup < 1) {
      throw new IllegalArgumentException("a group holds at least one element, got " + maxGroup);
    }
    this.workers = workers;
    this.maxGroup = maxGroup;
    this.confined = confined;
  }

  /**
   * @param workers the worker threads of a runner that runs one bundle per key (the Direct runner), or 0
   *     for a random key per element
   */
  public static <T> Spread<T> over(int workers) {
    return new Spread<>(workers, MAX_GROUP, false);
  }

  /**
   * Elements dealt into exactly {@code threads} groups, keyed 0 to {@code threads - 1} whatever bundle they
   * come in, so on the Direct runner (a bundle per group) they never take more than {@code threads} of its
   * threads at once, however many there are: how a provider source that answers slowly leaves threads to
   * the other sources. The groups grow with the elements, and a group's counters are committed when all of
   * its elements are done.
   */
  public static <T> Spread<T> confinedTo(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("elements are confined to at least one thread, got " + threads);
    }
    return new Spread<>(threads, Integer.MAX_VALUE, true); // groups of any size: one per thread
  }

  /**
   * The same, with one element per group: each frame's counters are committed as soon as it is done (the
   * runner commits them per bundle), so a run cancelled by its timeout still counts the frames it wrote.
   */
  public Spread<T> oneByOne() {
    if (confined) {
      throw new IllegalStateException("elements confined to threads are dealt into as many groups");
    }
    return new Spread<>(workers, 1, false);
  }

  @Override
  public PCollection<T> expand(PCollection<T> elements) {
    return workers == 0
        ? regroup(elements, "RandomKey", new RandomKeyFn<T>())
        : regroup(elements, "Deal", new DealFn<T>(workers, maxGroup, confined));
  }

  /**
   * The number of groups {@code n} elements are dealt into for {@code workers}, at most {@code maxGroup}
   * elements a group: a multiple of {@code workers}.
   */
  static int groups(int n, int workers, int maxGroup) {
    int perWorker = Math.max(1, ceilDiv(ceilDiv(n, maxGroup), workers));
    return perWorker * workers;
  }

  private static int ceilDiv(int a, int b) {
    return a / b + (a % b == 0 ? 0 : 1); // no overflow for a group size of Integer.MAX_VALUE
  }

  /** {@code elements} keyed by {@code keys}, grouped, and ungrouped again: one bundle per key. */
  static <T> PCollection<T> regroup(PCollection<T> elements, String keyStep, DoFn<T, KV<Integer, T>> keys) {
    return elements
        .apply(keyStep, ParDo.of(keys))
        .setCoder(KvCoder.of(VarIntCoder.of(), elements.getCoder()))
        .apply("Group", GroupByKey.create())
        .apply("Ungroup", ParDo.of(new UngroupFn<T>()))
        .setCoder(elements.getCoder());
  }

  private static final class RandomKeyFn<T> extends DoFn<T, KV<Integer, T>> {
    @ProcessElement
    public void process(@Element T e, OutputReceiver<KV<Integer, T>> out) {
      out.output(KV.of(ThreadLocalRandom.current().nextInt(), e));
    }
  }

  /**
   * Holds a bundle's elements (references to frames: small) and deals them at its end, when their number
   * is known; the groups of different bundles are kept apart by a random first key, unless they are
   * {@code confined} to {@code workers} groups in all.
   */
  private static final class DealFn<T> extends DoFn<T, KV<Integer, T>> {
    private final int workers;
    private final int maxGroup;
    private final boolean confined;
    private transient List<Held<T>> held;

    DealFn(int workers, int maxGroup, boolean confined) {
      this.workers = workers;
      this.maxGroup = maxGroup;
      this.confined = confined;
    }

    @StartBundle
    public void start() {
      held = new ArrayList<>();
    }

    @ProcessElement
    public void process(@Element T e, @Timestamp Instant timestamp, BoundedWindow window) {
      held.add(new Held<>(e, timestamp, window));
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      int groups = groups(held.size(), workers, maxGroup);
      // confined: the same keys for every bundle, from a random one on, so that small bundles share them out
      int first = confined ? ThreadLocalRandom.current().nextInt(groups) : ThreadLocalRandom.current().nextInt();
      for (int i = 0; i < held.size(); i++) {
        Held<T> h = held.get(i);
        int key = confined ? (first + i) % groups : first + i % groups;
        c.output(KV.of(key, h.element()), h.timestamp(), h.window());
      }
      held = null;
    }
  }

  private record Held<T>(T element, Instant timestamp, BoundedWindow window) {}

  private static final class UngroupFn<T> extends DoFn<KV<Integer, Iterable<T>>, T> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<T>> group, OutputReceiver<T> out) {
      for (T e : group.getValue()) {
        out.output(e);
      }
    }
  }
}
