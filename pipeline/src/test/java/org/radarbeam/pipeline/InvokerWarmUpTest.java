package org.radarbeam.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** The warm-up finds every ParDo's DoFn of a graph, each class once, without changing the graph. */
class InvokerWarmUpTest {
  static final class Upper extends DoFn<String, String> {
    @ProcessElement
    public void process(@Element String s, OutputReceiver<String> out) {
      out.output(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  static final class Length extends DoFn<String, Integer> {
    @ProcessElement
    public void process(@Element String s, OutputReceiver<Integer> out) {
      out.output(s.length());
    }
  }

  @Test
  void listsEachDoFnClassOnceAndStartsWithoutTouchingTheGraph() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollection<String> words = p.apply(Create.of("a", "bb"));
    words.apply("Upper1", ParDo.of(new Upper())).apply("Upper2", ParDo.of(new Upper()))
        .apply(ParDo.of(new Length()));
    List<DoFn<?, ?>> fns = InvokerWarmUp.doFns(p);
    List<Class<?>> classes = fns.stream().<Class<?>>map(Object::getClass).toList();
    assertEquals(1, classes.stream().filter(Upper.class::equals).count());
    assertEquals(1, classes.stream().filter(Length.class::equals).count());
    InvokerWarmUp.start(p);
    assertEquals(classes, InvokerWarmUp.doFns(p).stream().<Class<?>>map(Object::getClass).toList());
  }
}
