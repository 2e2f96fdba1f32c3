package org.radarbeam.codec;

import org.radarbeam.palette.Scaling;

/** Opens the bytes of one input file of a given format. One instance per worker. */
public interface FrameDecoder extends AutoCloseable {
  /**
   * @param defaults scaling to assume for attributes the file leaves out (formats with fixed
   *     scaling ignore it)
   */
  RasterFrame open(byte[] data, Scaling defaults) throws BadInputException;

  @Override
  void close();
}
