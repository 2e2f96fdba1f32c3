package org.radarbeam.render;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.FrameDecoder;
import org.radarbeam.codec.InputFormat;
import org.radarbeam.codec.InputSniffer;
import org.radarbeam.codec.RasterFrame;
import org.radarbeam.codec.netcdf.OmszDecoder;
import org.radarbeam.codec.odim.OdimReader;
import org.radarbeam.codec.srd.SrdDecoder;
import org.radarbeam.palette.Scaling;

/**
 * The decoder of each input format, registered here once: a new format is one entry. Every input
 * passes the empty/HTML check once, then goes to its format's decoder. Decoders are created on
 * first use and kept (they hold Inflaters and scratch buffers): one instance per worker, not
 * thread-safe.
 */
public final class FrameDecoders implements AutoCloseable {
  private static final Map<InputFormat, Function<RenderSettings, FrameDecoder>> REGISTERED = Map.of(
      InputFormat.ODIM_H5, s -> new OdimReader(s.quantity(), s.maxPixels()),
      InputFormat.NETCDF_ZIP, s -> new OmszDecoder(s.maxPixels()),
      InputFormat.SRD3, s -> new SrdDecoder(s.maxPixels(), s.arsoGrid()));

  private final RenderSettings settings;
  private final Map<InputFormat, FrameDecoder> decoders = new EnumMap<>(InputFormat.class);

  public FrameDecoders(RenderSettings settings) {
    this.settings = settings;
  }

  /**
   * Opens {@code data} as a frame of {@code format}; the caller closes it.
   *
   * @param data an array-backed view from position 0, unchanged while the frame is open
   * @param defaults scaling assumed for attributes the file leaves out (formats with fixed scaling ignore it)
   */
  public RasterFrame open(ByteBuffer data, InputFormat format, Scaling defaults) throws BadInputException {
    InputSniffer.requireContent(data, format);
    return decoders.computeIfAbsent(format, f -> REGISTERED.get(f).apply(settings)).open(data, defaults);
  }

  @Override
  public void close() {
    decoders.values().forEach(FrameDecoder::close);
    decoders.clear();
  }
}
