import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * The smallest Beam pipeline that runs a step: an Impulse and one DoFn, on the Direct runner. bench/floor.sh
 * compiles it against radar.jar and runs it with radar.jar's classes and archive, so its wall time is what
 * any Beam run of radar.jar pays before its own work: the JVM's start, Beam's options, the runner's set-up
 * and shut-down.
 */
public final class OneStepPipeline {
  private OneStepPipeline() {}

  static final class Emit extends DoFn<byte[], String> {
    @ProcessElement
    public void process(OutputReceiver<String> out) {
      out.output("done");
    }
  }

  public static void main(String[] args) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(args).withValidation().create());
    p.apply(Impulse.create()).apply(ParDo.of(new Emit()));
    p.run().waitUntilFinish();
  }
}
