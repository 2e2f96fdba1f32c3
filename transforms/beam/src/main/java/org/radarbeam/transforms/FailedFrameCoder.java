package org.radarbeam.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/** {@link FailedFrame}'s fields in order, each with Beam's coder for its type, for the reason {@link FrameRefCoder} gives. */
public final class FailedFrameCoder extends AtomicCoder<FailedFrame> {
  private static final FailedFrameCoder INSTANCE = new FailedFrameCoder();
  private static final Coder<String> TEXT = StringUtf8Coder.of();
  private static final Coder<String> OPTIONAL_TEXT = NullableCoder.of(TEXT);
  private static final Coder<Long> OPTIONAL_NUMBER = NullableCoder.of(VarLongCoder.of());

  private FailedFrameCoder() {}

  public static FailedFrameCoder of() {
    return INSTANCE;
  }

  /** For {@code @DefaultCoder}: failures in a collection whose coder is inferred use this one. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(FailedFrame.class), INSTANCE);
  }

  @Override
  public void encode(FailedFrame failure, OutputStream out) throws IOException {
    OPTIONAL_TEXT.encode(failure.uri(), out);
    OPTIONAL_TEXT.encode(failure.source(), out);
    OPTIONAL_NUMBER.encode(failure.nominalEpochSeconds(), out);
    OPTIONAL_TEXT.encode(failure.kind(), out);
    TEXT.encode(failure.message(), out);
  }

  @Override
  public FailedFrame decode(InputStream in) throws IOException {
    return new FailedFrame(OPTIONAL_TEXT.decode(in), OPTIONAL_TEXT.decode(in), OPTIONAL_NUMBER.decode(in),
        OPTIONAL_TEXT.decode(in), TEXT.decode(in));
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
