package org.radarbeam.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.reflect.DoFnInvokers;

/**
 * Generates the DoFn invokers of a pipeline on a spare core while the main thread hands the
 * pipeline to the runner. Beam makes an invoker class per DoFn class with Byte Buddy when a step
 * first runs (about 10 ms each, classes that no class-data-sharing archive can hold) and caches it
 * per class, thread-safely; doing it ahead takes that off the start of a short run. The warm-up
 * only fills that cache: if it is late or fails, the runner makes what is missing itself.
 */
final class InvokerWarmUp {
  private InvokerWarmUp() {}

  /** Starts generating the invokers of {@code p}'s DoFns; returns at once (the DoFns are listed first). */
  static void start(Pipeline p) {
    if (Runtime.getRuntime().availableProcessors() < 2) {
      return; // no spare core: the same work, only later
    }
    List<DoFn<?, ?>> fns = doFns(p);
    Thread t = new Thread(() -> {
      for (DoFn<?, ?> fn : fns) {
        try {
          DoFnInvokers.invokerFor(fn);
        } catch (RuntimeException | LinkageError e) {
          // the runner generates it again and reports what is wrong
        }
      }
    }, "radarbeam-invoker-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** The DoFns of {@code p}'s ParDo steps, each class once. */
  static List<DoFn<?, ?>> doFns(Pipeline p) {
    Map<Class<?>, DoFn<?, ?>> byClass = new LinkedHashMap<>();
    p.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public void visitPrimitiveTransform(TransformHierarchy.Node node) {
        PTransform<?, ?> t = node.getTransform();
        if (t instanceof ParDo.MultiOutput<?, ?> m) {
          byClass.putIfAbsent(m.getFn().getClass(), m.getFn());
        }
      }
    });
    return new ArrayList<>(byClass.values());
  }
}
