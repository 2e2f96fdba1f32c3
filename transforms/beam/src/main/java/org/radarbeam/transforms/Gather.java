package org.radarbeam.transforms;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * All elements in one bundle, once every one is in: the opposite of {@link Spread}, for light
 * per-element steps after heavy ones (the records of written images, before the indexes made of
 * them). After a spread the elements come in many bundles (one per frame, or per group of frames dealt
 * to a worker), and the Direct runner translates and deserialises a step's DoFn for every bundle;
 * gathered, the steps after this run once. Meant for small elements: they all pass through one key.
 */
public final class Gather<T> extends PTransform<PCollection<T>, PCollection<T>> {
  @Override
  public PCollection<T> expand(PCollection<T> elements) {
    return Spread.regroup(elements, "OneKey", new OneKeyFn<T>());
  }

  private static final class OneKeyFn<T> extends DoFn<T, KV<Integer, T>> {
    @ProcessElement
    public void process(@Element T e, OutputReceiver<KV<Integer, T>> out) {
      out.output(KV.of(0, e));
    }
  }
}
