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
 * Spreads frames over the workers: each frame gets a random key and a grouping step hands the
 * groups to whichever worker is free. The same as {@code Reshuffle.viaRandomKey()} for radarbeam's
 * graphs, which use only the global window and no element timestamps, in two steps around the
 * grouping where Reshuffle takes five: the Direct runner translates and deserialises a step's DoFn
 * for every bundle it runs, and here every frame is a bundle of its own.
 */
public final class SpreadFrames extends PTransform<PCollection<FrameRef>, PCollection<FrameRef>> {
  @Override
  public PCollection<FrameRef> expand(PCollection<FrameRef> frames) {
    return frames
        .apply("RandomKey", ParDo.of(new RandomKeyFn()))
        .setCoder(KvCoder.of(VarIntCoder.of(), frames.getCoder()))
        .apply("Group", GroupByKey.create())
        .apply("Ungroup", ParDo.of(new UngroupFn()))
        .setCoder(frames.getCoder());
  }

  private static final class RandomKeyFn extends DoFn<FrameRef, KV<Integer, FrameRef>> {
    @ProcessElement
    public void process(@Element FrameRef f, OutputReceiver<KV<Integer, FrameRef>> out) {
      out.output(KV.of(ThreadLocalRandom.current().nextInt(), f));
    }
  }

  private static final class UngroupFn extends DoFn<KV<Integer, Iterable<FrameRef>>, FrameRef> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<FrameRef>> group, OutputReceiver<FrameRef> out) {
      for (FrameRef f : group.getValue()) {
        out.output(f);
      }
    }
  }
}
