package org.radarbeam.codec;

import java.nio.ByteBuffer;
import org.radarbeam.palette.Scaling;

/** Opens the bytes of one input file of a given format. One instance per worker. */
public interface FrameDecoder extends AutoCloseable {
  /**
   * @param data the file: an array-backed view from position 0 (a worker's reusable input buffer),
   *     which must not change while the frame is open
   * @param defaults scaling to assume for attributes the file leaves out (formats with fixed
   *     scaling ignore it)
   */
  RasterFrame open(ByteBuffer data, Scaling defaults) throws BadInputException;

  @Override
  void close();
}
