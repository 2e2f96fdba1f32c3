package org.radarbeam.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * {@link WrittenFrame}'s fields in order, each with Beam's coder for its type (the bounds as four
 * doubles), for the reason {@link FrameRefCoder} gives.
 */
public final class WrittenFrameCoder extends AtomicCoder<WrittenFrame> {
  private static final WrittenFrameCoder INSTANCE = new WrittenFrameCoder();
  private static final Coder<String> TEXT = StringUtf8Coder.of();
  private static final Coder<Long> NUMBER = VarLongCoder.of();
  private static final Coder<Integer> COUNT = VarIntCoder.of();
  private static final Coder<Double> REAL = DoubleCoder.of();

  private WrittenFrameCoder() {}

  public static WrittenFrameCoder of() {
    return INSTANCE;
  }

  /** For {@code @DefaultCoder}: written frames in a collection whose coder is inferred use this one. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(WrittenFrame.class), INSTANCE);
  }

  @Override
  public void encode(WrittenFrame frame, OutputStream out) throws IOException {
    TEXT.encode(frame.source(), out);
    TEXT.encode(frame.uri(), out);
    TEXT.encode(frame.key(), out);
    NUMBER.encode(frame.nominalEpochSeconds(), out);
    COUNT.encode(frame.width(), out);
    COUNT.encode(frame.height(), out);
    NUMBER.encode(frame.bytes(), out);
    for (int i = 0; i < 4; i++) {
      REAL.encode(frame.bounds()[i], out);
    }
  }

  @Override
  public WrittenFrame decode(InputStream in) throws IOException {
    String source = TEXT.decode(in);
    String uri = TEXT.decode(in);
    String key = TEXT.decode(in);
    long nominal = NUMBER.decode(in);
    int width = COUNT.decode(in);
    int height = COUNT.decode(in);
    long bytes = NUMBER.decode(in);
    double[] bounds = new double[4];
    for (int i = 0; i < 4; i++) {
      bounds[i] = REAL.decode(in);
    }
    return new WrittenFrame(source, uri, key, nominal, width, height, bytes, bounds);
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
