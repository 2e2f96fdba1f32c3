package org.radarbeam.codec.netcdf;

import java.nio.ByteBuffer;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.FrameDecoder;
import org.radarbeam.codec.InputSniffer;
import org.radarbeam.codec.hdf5.ChunkedRasterDecoder;
import org.radarbeam.io.ReusableBuffer;
import org.radarbeam.palette.Scaling;

/**
 * Opens OMSZ (Hungary) composites: a ZIP whose first {@code .nc} member is netCDF, either
 * netCDF-4 (HDF5, read with jhdf) or netCDF classic CDF-1/2/5 (read with
 * {@link NetcdfClassicReader}).
 *
 * <p>What is read, as imeteo-radar reads it: the 2-D variable {@code refl2D}, int8 whose bytes are read
 * as unsigned: dBZ = raw x 0.5 - 32, raw 0 (background) and 255 (outside coverage) are no data.
 * Its {@code _FillValue} is deliberately ignored: the default int8 fill -127 is raw 129 = 32.5 dBZ,
 * a real echo. Scalars {@code La1} (latitude of the first, northern row), {@code Lo1} (longitude
 * of the first, western column), {@code Dx}, {@code Dy} (steps in degrees) place the grid on plain
 * WGS84 lat/lon with rows north to south: north = La1, south = La1 - (rows-1) Dy, west = Lo1,
 * east = Lo1 + (cols-1) Dx, all pixel centres. {@code GMTime}, a char array such as
 * "201911211200" or "2019-11-21 12:00", is the nominal time in UTC.
 *
 * <p>The ZIP is inflated in memory with at most {@code maxMemberBytes} inflated bytes, the members
 * before the {@code .nc} one included (counted, not taken from the headers), and grids above
 * {@code maxPixels} are refused before any raster buffer exists. One instance per worker; not
 * thread-safe.
 */
public final class OmszDecoder implements FrameDecoder {
  /** Default bound on the bytes a ZIP inflates to up to its .nc member (the real 813 x 961 grid needs < 1 MiB). */
  public static final long DEFAULT_MAX_MEMBER_BYTES = 64L << 20;
  /** Raw uint8 (the int8 bytes) to dBZ; raw 0 and 255 are no data. */
  public static final Scaling SCALING = new Scaling(0.5, -32.0, 0.0, 255.0, false);
  public static final String QUANTITY = "DBZH";
  public static final String PROJDEF = "+proj=longlat +datum=WGS84 +no_defs";
  public static final String VARIABLE = "refl2D";

  private final long maxPixels;
  private final long maxMemberBytes;
  private final ChunkedRasterDecoder chunks = new ChunkedRasterDecoder();

  /** @param maxPixels grids with more pixels are refused before anything is allocated for them */
  public OmszDecoder(long maxPixels) {
    this(maxPixels, DEFAULT_MAX_MEMBER_BYTES);
  }

  /** @param maxMemberBytes a ZIP whose members up to the .nc one inflate to more bytes is refused (TOO_LARGE) */
  public OmszDecoder(long maxPixels, long maxMemberBytes) {
    if (maxMemberBytes <= 0 || maxMemberBytes >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxMemberBytes must be in 1 .. 2 GiB, got " + maxMemberBytes);
    }
    this.maxPixels = maxPixels;
    this.maxMemberBytes = maxMemberBytes;
  }

  /** Opens a zipped OMSZ netCDF held in memory; {@code defaults} is ignored (fixed scaling). */
  @Override
  public OmszFrame open(ByteBuffer data, Scaling defaults) throws BadInputException {
    byte[] zip = ReusableBuffer.array(data);
    int length = data.limit();
    if (!BoundedUnzip.looksLikeZip(zip, length)) {
      throw new BadInputException(Kind.UNSUPPORTED, "not a ZIP archive (OMSZ publishes netCDF inside a ZIP; "
          + length + " bytes starting " + InputSniffer.hexHead(zip, length) + ")");
    }
    BoundedUnzip.Member member = BoundedUnzip.first(zip, length, ".nc", maxMemberBytes);
    try {
      return openNetcdf(member.data);
    } catch (BadInputException e) {
      throw new BadInputException(e.kind(), "ZIP member " + member.name + ": " + e.getMessage(), e);
    }
  }

  /** {@link #open(ByteBuffer, Scaling)} of a whole array. */
  public OmszFrame open(byte[] data, Scaling defaults) throws BadInputException {
    return open(ByteBuffer.wrap(data), defaults);
  }

  /** Opens netCDF bytes (classic or netCDF-4) that are not zipped. */
  public OmszFrame openNetcdf(byte[] nc) throws BadInputException {
    if (nc.length == 0) {
      throw new BadInputException(Kind.EMPTY, "empty netCDF (0 bytes)");
    }
    if (NetcdfClassicReader.isClassic(nc)) {
      return OmszClassic.open(NetcdfClassicReader.parse(nc), nc, maxPixels);
    }
    if (InputSniffer.hdf5SuperblockOffset(nc) >= 0) {
      return OmszNetcdf4.open(nc, chunks, maxPixels);
    }
    throw new BadInputException(Kind.CORRUPT, "not netCDF (no CDF or HDF5 signature; " + nc.length + " bytes starting "
        + InputSniffer.hexHead(nc) + ")");
  }

  @Override
  public void close() {
    chunks.close();
  }

}
