package org.radarbeam.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * {@link FrameRef}'s fields in order, each with Beam's coder for its type. Java serialisation (Beam's
 * {@code SerializableCoder}) wrote each frame's class descriptors again and ran through the JDK's
 * reflective serialisation code wherever a runner copies or ships an element: at every grouping on
 * the Direct runner, between operators and in state on Flink.
 */
public final class FrameRefCoder extends AtomicCoder<FrameRef> {
  private static final FrameRefCoder INSTANCE = new FrameRefCoder();
  private static final Coder<String> TEXT = StringUtf8Coder.of();
  private static final Coder<String> OPTIONAL_TEXT = NullableCoder.of(TEXT);
  private static final Coder<Long> OPTIONAL_NUMBER = NullableCoder.of(VarLongCoder.of());
  private static final Coder<List<String>> TEXTS = ListCoder.of(TEXT);

  private FrameRefCoder() {}

  public static FrameRefCoder of() {
    return INSTANCE;
  }

  /** For {@code @DefaultCoder}: frames in a collection whose coder is inferred use this one. */
  public static CoderProvider getCoderProvider() {
    return CoderProviders.forCoder(TypeDescriptor.of(FrameRef.class), INSTANCE);
  }

  @Override
  public void encode(FrameRef frame, OutputStream out) throws IOException {
    TEXT.encode(frame.source(), out);
    TEXT.encode(frame.uri(), out);
    OPTIONAL_NUMBER.encode(frame.nominalEpochSeconds(), out);
    OPTIONAL_TEXT.encode(frame.grid(), out);
    TEXTS.encode(frame.alternates(), out);
    BooleanCoder.of().encode(frame.imageElsewhere(), out);
  }

  @Override
  public FrameRef decode(InputStream in) throws IOException {
    return new FrameRef(TEXT.decode(in), TEXT.decode(in), OPTIONAL_NUMBER.decode(in), OPTIONAL_TEXT.decode(in),
        TEXTS.decode(in), BooleanCoder.of().decode(in));
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
