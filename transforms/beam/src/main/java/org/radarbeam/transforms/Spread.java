package org.radarbeam.transforms;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Spreads elements (frames, input patterns) over the workers: each gets a random key and a
 * grouping step hands the groups to whichever worker is free. The same as
 * {@code Reshuffle.viaRandomKey()} for radarbeam's graphs, which use only the global window and no
 * element timestamps, in two steps around the grouping where Reshuffle takes five: the Direct runner
 * translates and deserialises a step's DoFn for every bundle it runs, and after a spread every
 * element is a bundle of its own.
 */
public final class Spread<T> extends PTransform<PCollection<T>, PCollection<T>> {
  @Override
  public PCollection<T> expand(PCollection<T> elements) {
    return regroup(elements, "RandomKey", new RandomKeyFn<T>());
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

  private static final class UngroupFn<T> extends DoFn<KV<Integer, Iterable<T>>, T> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<T>> group, OutputReceiver<T> out) {
      for (T e : group.getValue()) {
        out.output(e);
      }
    }
  }
}
