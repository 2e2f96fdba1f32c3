package org.radarbeam.transforms;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Values known when the graph is built, output together in one bundle (follow with {@link Spread}
 * where each value is much work). Beam's {@code Create.of} reads two or more values through a
 * splittable source, whose machinery (keyed work items, a split-requesting thread) the Direct
 * runner then sets up at every start; a list of source names or input patterns needs none of it.
 */
final class OneBundle<T> extends PTransform<PBegin, PCollection<T>> {
  private final List<T> values;
  private final Coder<T> coder;

  private OneBundle(List<T> values, Coder<T> coder) {
    this.values = values;
    this.coder = coder;
  }

  static <T> OneBundle<T> of(List<T> values, Coder<T> coder) {
    return new OneBundle<>(List.copyOf(values), coder);
  }

  @Override
  public PCollection<T> expand(PBegin input) {
    return input.apply(Impulse.create()).apply(ParDo.of(new EmitFn<>(values))).setCoder(coder);
  }

  private static final class EmitFn<T> extends DoFn<byte[], T> {
    private final List<T> values;

    EmitFn(List<T> values) {
      this.values = values;
    }

    @ProcessElement
    public void process(OutputReceiver<T> out) {
      values.forEach(out::output);
    }
  }
}
