package org.radarbeam.codec.odim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.ByteShuffleFilter;
import io.jhdf.filter.DeflatePipelineFilter;
import io.jhdf.filter.Filter;
import io.jhdf.filter.PipelineFilterWithData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.radarbeam.codec.BadInputException;
import org.radarbeam.codec.BadInputException.Kind;
import org.radarbeam.codec.hdf5.ChunkedRasterDecoder;
import org.radarbeam.codec.odim.OdimFixtures.Storage;
import org.radarbeam.palette.PaletteLut;
import org.radarbeam.palette.SampleType;
import org.radarbeam.palette.Scaling;
import org.radarbeam.png.PngDecode;
import org.radarbeam.png.PngFilter;
import org.radarbeam.render.FrameRenderer;
import org.radarbeam.render.RenderSettings;

/**
 * Every storage type and layout decoded pixel by pixel against imeteo-radar's rendering rule
 * ({@link org.radarbeam.palette.SpecRule}): contiguous, chunked
 * without filters, deflate only (streamed through the Inflater), shuffle + deflate (decompressed
 * by jhdf), with partial edge chunks.
 */
class ChunkedRasterDecoderTest {
  @TempDir
  static Path dir;

  /** A raster type with the scaling its fixtures use. */
  enum Type {
    UINT8(SampleType.UINT8, 0.5, -32, 255, 0),
    INT8(SampleType.INT8, 0.5, 32, -128, 0),
    UINT16(SampleType.UINT16, 0.002929821616590115, -64.00292982161659, 65535, 0),
    FLOAT32(SampleType.FLOAT32, 1.0, 0.0, -9999000, -8888000),
    FLOAT64(SampleType.FLOAT64, 1.0, 0.0, -9999000, -8888000),
    INT32(SampleType.INT32, 0.001, -40.0, Integer.MIN_VALUE, -1),
    INT64(SampleType.INT64, 0.001, -40.0, Long.MIN_VALUE, -1);

    final SampleType sampleType;
    final double gain;
    final double offset;
    final double nodata;
    final double undetect;

    Type(SampleType sampleType, double gain, double offset, double nodata, double undetect) {
      this.sampleType = sampleType;
      this.gain = gain;
      this.offset = offset;
      this.nodata = nodata;
      this.undetect = undetect;
    }

    Object raster(int rows, int cols, long seed) {
      switch (this) {
        case UINT8:
        case INT8: return OdimFixtures.bytes(rows, cols, seed);
        case UINT16: return OdimFixtures.shorts(rows, cols, seed);
        case FLOAT32: return OdimFixtures.floats(rows, cols, seed);
        case INT32: return ints(rows, cols, seed);
        case INT64: return longs(rows, cols, seed);
        default: return OdimFixtures.doubles(rows, cols, seed);
      }
    }

    boolean unsigned() {
      return this == UINT8 || this == UINT16;
    }
  }

  /** Random int32 raster: 0 .. 140000 (-40 .. 100 dBZ at gain 0.001), with nodata and undetect mixed in. */
  static int[][] ints(int rows, int cols, long seed) {
    long[][] wide = longs(rows, cols, seed);
    int[][] out = new int[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r][c] = wide[r][c] == Long.MIN_VALUE ? Integer.MIN_VALUE : (int) wide[r][c];
      }
    }
    return out;
  }

  /** Random int64 raster like {@link #ints}. */
  static long[][] longs(int rows, int cols, long seed) {
    Random rnd = new Random(seed);
    long[][] out = new long[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int pick = rnd.nextInt(20);
        out[r][c] = pick == 0 ? Long.MIN_VALUE : pick == 1 ? -1 : rnd.nextInt(140_000);
      }
    }
    return out;
  }

  static final int[][] CHUNKS = {{16, 16}, {50, 37}, {7, 5}, {32, 32}, {1, 37}, {50, 1}, {50, 16}, {3, 37}};

  static Stream<Arguments> variants() {
    List<Arguments> out = new ArrayList<>();
    for (Type t : Type.values()) {
      out.add(Arguments.of(t, Storage.CONTIGUOUS, 50, 37));
      for (Storage s : new Storage[] {Storage.CHUNKED, Storage.DEFLATE, Storage.SHUFFLE_DEFLATE}) {
        for (int[] c : CHUNKS) {
          out.add(Arguments.of(t, s, c[0], c[1]));
        }
      }
    }
    return out.stream();
  }

  static Fixture fixture(Type t, Storage s, int rows, int cols, int chunkRows, int chunkCols, long seed) throws Exception {
    Object raster = t.raster(rows, cols, seed);
    OdimFixtures.DataField f = OdimFixtures.comp().field(1, 1, "DBZH", raster)
        .scaling(t.gain, t.offset, t.nodata, t.undetect).storage(s).chunks(chunkRows, chunkCols);
    if (t == Type.INT8) {
      f.signed();
    }
    Path file = f.done().write(dir);
    byte[] want = Decoded.expected(raster, t.unsigned(), t.gain, t.offset, t.nodata, t.undetect, false, 10.0);
    return new Fixture(file, Files.readAllBytes(file), want, cols, rows);
  }

  static final class Fixture {
    final Path path;
    final byte[] bytes;
    final byte[] want;
    final int width;
    final int height;

    Fixture(Path path, byte[] bytes, byte[] want, int width, int height) {
      this.path = path;
      this.bytes = bytes;
      this.want = want;
      this.width = width;
      this.height = height;
    }
  }

  @ParameterizedTest(name = "{0} {1} grid 50x37 chunks {2}x{3}")
  @MethodSource("variants")
  void decodesEveryPixelPerTheSpecRule(Type t, Storage s, int chunkRows, int chunkCols) throws Exception {
    Fixture fx = fixture(t, s, 50, 37, chunkRows, chunkCols, 31L * chunkRows + chunkCols);
    assertLayout(fx.path, s, chunkRows, chunkCols);
    OdimReader reader = new OdimReader("DBZH", 50_000_000L);
    try (OdimFrame frame = reader.open(fx.bytes, Scaling.ODIM_DEFAULTS); ChunkedRasterDecoder decoder = new ChunkedRasterDecoder()) {
      assertEquals(t.sampleType, frame.sampleType());
      assertEquals(37, frame.width());
      assertEquals(50, frame.height());
      byte[] got = Decoded.indices(frame, decoder, 10.0);
      Decoded.assertIndices(fx.want, got, 37, t + " " + s + " chunks " + chunkRows + "x" + chunkCols);
    }
    assertTrue(Decoded.drawn(fx.want) > 100, "the fixture draws something: " + Decoded.drawn(fx.want));
    assertTrue(Decoded.drawn(fx.want) < fx.want.length - 100, "the fixture leaves something transparent");
  }

  /** The fixture really has the layout and filters it claims (read with jhdf). */
  static void assertLayout(Path file, Storage s, int chunkRows, int chunkCols) {
    try (HdfFile h = new HdfFile(file)) {
      Dataset ds = h.getDatasetByPath("/dataset1/data1/data");
      if (s == Storage.CONTIGUOUS) {
        assertTrue(!(ds instanceof ChunkedDataset), "contiguous");
        return;
      }
      assertTrue(ds instanceof ChunkedDataset, "chunked");
      ChunkedDataset cds = (ChunkedDataset) ds;
      assertEquals(chunkRows, cds.getChunkDimensions()[0]);
      assertEquals(chunkCols, cds.getChunkDimensions()[1]);
      List<Integer> ids = cds.getFilters().stream().map(PipelineFilterWithData::getId).collect(Collectors.toList());
      switch (s) {
        case CHUNKED: assertEquals(List.of(), ids); break;
        case DEFLATE: assertEquals(List.of(1), ids); break;
        default: assertEquals(List.of(2, 1), ids);
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} large single chunk")
  @MethodSource("largeVariants")
  void largeChunksStreamThroughTheScratchBuffer(Type t, Storage s, int rows, int cols, int chunkRows, int chunkCols) throws Exception {
    Fixture fx = fixture(t, s, rows, cols, chunkRows, chunkCols, 99);
    byte[] got = Decoded.indices(fx.bytes, "DBZH", Scaling.ODIM_DEFAULTS, 10.0);
    Decoded.assertIndices(fx.want, got, cols, t + " " + s + " " + rows + "x" + cols + " chunks " + chunkRows + "x" + chunkCols);
  }

  static Stream<Arguments> largeVariants() {
    return Stream.of(
        Arguments.of(Type.UINT16, Storage.DEFLATE, 600, 500, 600, 500),
        Arguments.of(Type.UINT16, Storage.DEFLATE, 601, 333, 256, 300),
        Arguments.of(Type.UINT8, Storage.DEFLATE, 700, 300, 700, 300),
        Arguments.of(Type.UINT8, Storage.DEFLATE, 256, 256, 256, 256),
        Arguments.of(Type.FLOAT32, Storage.DEFLATE, 301, 257, 301, 257),
        Arguments.of(Type.FLOAT64, Storage.DEFLATE, 300, 211, 300, 211),
        Arguments.of(Type.FLOAT64, Storage.SHUFFLE_DEFLATE, 300, 211, 128, 128),
        Arguments.of(Type.UINT16, Storage.CONTIGUOUS, 300, 301, 1, 1),
        Arguments.of(Type.FLOAT64, Storage.CHUNKED, 257, 199, 100, 100));
  }

  @Test
  void oneDecoderServesManyFramesOfDifferentTypesAndLayouts() throws Exception {
    List<Fixture> fixtures = new ArrayList<>();
    long seed = 500;
    for (Type t : Type.values()) {
      fixtures.add(fixture(t, Storage.DEFLATE, 50, 37, 16, 16, seed++));
      fixtures.add(fixture(t, Storage.SHUFFLE_DEFLATE, 23, 61, 8, 20, seed++));
      fixtures.add(fixture(t, Storage.CONTIGUOUS, 9, 5, 1, 1, seed++));
    }
    OdimReader reader = new OdimReader("DBZH", 50_000_000L);
    try (ChunkedRasterDecoder decoder = new ChunkedRasterDecoder()) {
      for (int round = 0; round < 2; round++) {
        for (Fixture fx : fixtures) {
          try (OdimFrame frame = reader.open(fx.bytes, Scaling.ODIM_DEFAULTS)) {
            Decoded.assertIndices(fx.want, Decoded.indices(frame, decoder, 10.0), fx.width, "reused decoder, " + fx.path.getFileName());
          }
        }
      }
    }
  }

  @Test
  void frameRendererPngDecodesToTheExpectedIndices() throws Exception {
    List<Fixture> fixtures = new ArrayList<>();
    long seed = 900;
    for (Type t : Type.values()) {
      fixtures.add(fixture(t, Storage.DEFLATE, 50, 37, 16, 16, seed++));
      fixtures.add(fixture(t, Storage.CONTIGUOUS, 11, 70, 1, 1, seed++));
    }
    for (PngFilter filter : PngFilter.values()) {
      try (FrameRenderer renderer = new FrameRenderer(new RenderSettings("DBZH", 10.0, 50_000_000L, 6, filter))) {
        for (Fixture fx : fixtures) {
          FrameRenderer.Rendered r = renderer.render(fx.bytes, Scaling.ODIM_DEFAULTS);
          assertEquals(fx.width, r.width());
          assertEquals(fx.height, r.height());
          Decoded.assertIndices(fx.want, PngDecode.indices(r.png()), fx.width, filter + " " + fx.path.getFileName());
        }
      }
    }
  }

  @Test
  void minDbzThresholdIsConfigurableThroughRenderSettings() throws Exception {
    Type t = Type.UINT8;
    Object raster = t.raster(50, 37, 5);
    byte[] file = OdimFixtures.comp().field(1, 1, "DBZH", raster).scaling(t.gain, t.offset, t.nodata, t.undetect).done().bytes(dir);
    for (double min : new double[] {-30.0, 0.0, 10.0, 42.5}) {
      byte[] want = Decoded.expected(raster, true, t.gain, t.offset, t.nodata, t.undetect, false, min);
      try (FrameRenderer renderer = new FrameRenderer(new RenderSettings("DBZH", min, 50_000_000L, 6, PngFilter.UP))) {
        FrameRenderer.Rendered r = renderer.render(file, Scaling.ODIM_DEFAULTS);
        Decoded.assertIndices(want, PngDecode.indices(r.png()), 37, "minDbz " + min);
      }
    }
  }

  /** The pixels of {@code want} (width 37) inside the 16 x 16 chunk at (r0, c0) set to no data. */
  static byte[] withoutChunk(byte[] want, int r0, int c0) {
    byte[] out = want.clone();
    for (int r = r0; r < Math.min(r0 + 16, 50); r++) {
      for (int c = c0; c < Math.min(c0 + 16, 37); c++) {
        out[r * 37 + c] = 0;
      }
    }
    return out;
  }

  /**
   * Chunks a writer never wrote (their index entry holds the undefined address) hold the fill value:
   * their pixels are no data, an inner chunk's as an edge chunk's, and the others decode as stored.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Storage.class, names = {"CHUNKED", "DEFLATE", "SHUFFLE_DEFLATE"})
  void chunksNeverWrittenAreDrawnAsNoData(Storage s) throws Exception {
    Type t = s == Storage.SHUFFLE_DEFLATE ? Type.UINT16 : Type.UINT8;
    Fixture fx = fixture(t, s, 50, 37, 16, 16, 77);
    byte[] data = fx.bytes.clone();
    FixedArrays index = new FixedArrays(data);
    assertEquals(12, index.entries(), "4 x 3 chunks");
    index.address(4, -1L).address(11, -1L); // the chunks at (16, 16) and (48, 32), the bottom right one
    byte[] want = withoutChunk(withoutChunk(fx.want, 16, 16), 48, 32);
    assertTrue(Decoded.drawn(fx.want) - Decoded.drawn(want) > 50, "the fixture draws in the chunks left out");
    Decoded.assertIndices(want, Decoded.indices(data, "DBZH", Scaling.ODIM_DEFAULTS, 10.0), 37, s + " with 2 chunks unwritten");
  }

  /** HDF5's Fletcher-32 filter, the encoding half: the chunk, then its checksum (as libhdf5 computes it). */
  static final class Fletcher32 implements Filter {
    @Override
    public int getId() {
      return 3;
    }

    @Override
    public String getName() {
      return "fletcher32";
    }

    @Override
    public byte[] decode(byte[] data, int[] filterData) {
      throw new UnsupportedOperationException("encoding only");
    }

    @Override
    public byte[] encode(byte[] data, int[] filterData) {
      long sum1 = 0;
      long sum2 = 0;
      int p = 0;
      for (int words = data.length / 2; words > 0; ) {
        int n = Math.min(words, 360);
        words -= n;
        for (; n > 0; n--, p += 2) {
          sum1 += ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
          sum2 += sum1;
        }
        sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
        sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
      }
      if (data.length % 2 != 0) {
        sum1 += (data[p] & 0xFF) << 8;
        sum2 += sum1;
        sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
        sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
      }
      sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
      sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
      byte[] out = Arrays.copyOf(data, data.length + 4);
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length, (int) (sum2 << 16 | sum1));
      return out;
    }
  }

  /** A filter radarbeam does not undo, stored as its id and name say but leaving the bytes as they are. */
  static final class Foreign implements Filter {
    private final int id;
    private final String name;

    Foreign(int id, String name) {
      this.id = id;
      this.name = name;
    }

    @Override
    public int getId() {
      return id;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public byte[] decode(byte[] data, int[] filterData) {
      throw new UnsupportedOperationException("encoding only");
    }

    @Override
    public byte[] encode(byte[] data, int[] filterData) {
      return data;
    }
  }

  /** The fixture of {@code fixture(t, s, 50, 37, 16, 16, seed)} with {@code filters} added to its pipeline. */
  static Fixture filtered(Type t, Storage s, long seed, Filter... filters) throws Exception {
    Object raster = t.raster(50, 37, seed);
    OdimFixtures.DataField f = OdimFixtures.comp().field(1, 1, "DBZH", raster)
        .scaling(t.gain, t.offset, t.nodata, t.undetect).storage(s).chunks(16, 16);
    if (t == Type.INT8) {
      f.signed();
    }
    for (Filter filter : filters) {
      f.filter(filter, filter instanceof DeflatePipelineFilter ? new int[] {6} : new int[0]);
    }
    Path file = f.done().writeUnverified(dir);
    byte[] want = Decoded.expected(raster, t.unsigned(), t.gain, t.offset, t.nodata, t.undetect, false, 10.0);
    return new Fixture(file, Files.readAllBytes(file), want, 37, 50);
  }

  /** The checksum of a Fletcher-32 chunk is stripped (not verified, as jhdf does not either), in every layout. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("checksummedVariants")
  void checksummedChunksDecodeAsThePlainOnes(Type t, Storage s) throws Exception {
    Fixture fx = filtered(t, s, 41, new Fletcher32());
    try (HdfFile h = new HdfFile(fx.path)) {
      List<Integer> ids = ((ChunkedDataset) h.getDatasetByPath("/dataset1/data1/data")).getFilters().stream()
          .map(PipelineFilterWithData::getId).collect(Collectors.toList());
      assertEquals(3, ids.get(ids.size() - 1), "fletcher32 last: " + ids);
    }
    Decoded.assertIndices(fx.want, Decoded.indices(fx.bytes, "DBZH", Scaling.ODIM_DEFAULTS, 10.0), 37, t + " " + s + " fletcher32");
  }

  static Stream<Arguments> checksummedVariants() {
    List<Arguments> out = new ArrayList<>();
    for (Type t : new Type[] {Type.UINT8, Type.UINT16, Type.FLOAT64}) {
      for (Storage s : new Storage[] {Storage.CHUNKED, Storage.DEFLATE, Storage.SHUFFLE_DEFLATE}) {
        out.add(Arguments.of(t, s));
      }
    }
    return out.stream();
  }

  /**
   * Shuffled without deflate, a chunk's bytes are unshuffled where they lie: its checksum must be off
   * them first, or every value would be gathered from the wrong places.
   */
  @Test
  void aShuffledChecksummedChunkIsUnshuffledWithoutItsChecksum() throws Exception {
    for (Type t : new Type[] {Type.UINT16, Type.FLOAT32}) {
      Fixture fx = filtered(t, Storage.CHUNKED, 49, new ByteShuffleFilter(), new Fletcher32());
      Decoded.assertIndices(fx.want, Decoded.indices(fx.bytes, "DBZH", Scaling.ODIM_DEFAULTS, 10.0), 37,
          t + " shuffle + fletcher32");
    }
  }

  /** Chunk 4 of the 4 x 3: the one at row 16, column 16. */
  private static final int INNER = 4;

  @Test
  void aChecksummedChunkTooShortForItsChecksumIsCorrupt() throws Exception {
    byte[] data = filtered(Type.UINT8, Storage.CHUNKED, 42, new Fletcher32()).bytes;
    new FixedArrays(data).size(INNER, 3);
    BadInputException e = BadInputTest.refused(data, Kind.CORRUPT);
    assertEquals("corrupt HDF5: chunk at row 16, column 16 is too short for its checksum", e.getMessage());
  }

  /** Plain values that end before the chunk's do (here 96 of 256, then the checksum). */
  @Test
  void aChecksummedChunkCutShortIsCorrupt() throws Exception {
    byte[] data = filtered(Type.UINT8, Storage.CHUNKED, 43, new Fletcher32()).bytes;
    new FixedArrays(data).size(INNER, 100);
    BadInputException e = BadInputTest.refused(data, Kind.CORRUPT);
    assertEquals("corrupt HDF5: chunk at row 16, column 16 holds 96 of 256 values", e.getMessage());
  }

  @Test
  void aPipelineWithAnotherCompressionIsUnsupportedAndNamed() throws Exception {
    byte[] lzf = filtered(Type.UINT8, Storage.CHUNKED, 44, new Foreign(32000, "lzf")).bytes;
    BadInputException e = BadInputTest.refused(lzf, Kind.UNSUPPORTED);
    assertEquals("HDF5 filter pipeline lzf (id 32000) is not supported (only shuffle, deflate and fletcher32,"
        + " in that order)", e.getMessage());
    byte[] afterDeflate = filtered(Type.UINT8, Storage.DEFLATE, 45, new Foreign(32000, "lzf")).bytes;
    e = BadInputTest.refused(afterDeflate, Kind.UNSUPPORTED);
    assertEquals("HDF5 filter pipeline deflate (id 1) -> lzf (id 32000) is not supported (only shuffle, deflate"
        + " and fletcher32, in that order)", e.getMessage());
  }

  /** Supported filters, but applied in an order radarbeam does not undo (the checksum inside the deflate stream). */
  @Test
  void supportedFiltersInAnotherOrderAreUnsupported() throws Exception {
    byte[] data = filtered(Type.UINT8, Storage.CHUNKED, 46, new Fletcher32(), new DeflatePipelineFilter()).bytes;
    BadInputException e = BadInputTest.refused(data, Kind.UNSUPPORTED);
    assertEquals("HDF5 filter pipeline fletcher32 (id 3) -> deflate (id 1) is not supported (only shuffle, deflate"
        + " and fletcher32, in that order)", e.getMessage());
  }

  /** A filter id jhdf itself does not know: jhdf cannot even list the pipeline. */
  @Test
  void aFilterUnknownToJhdfIsUnsupported() throws Exception {
    byte[] data = filtered(Type.UINT8, Storage.CHUNKED, 47, new Foreign(307, "mystery")).bytes;
    BadInputException e = BadInputTest.refused(data, Kind.UNSUPPORTED);
    assertEquals("unsupported HDF5 filter: A required filter is not available: name='mystery' id=307", e.getMessage());
  }

  /** A shuffle set for 4-byte values over 1-byte ones would scatter every value: the file contradicts itself. */
  @Test
  void aShuffleForValuesOfAnotherSizeIsCorrupt() throws Exception {
    Object raster = Type.UINT8.raster(50, 37, 48);
    Path file = OdimFixtures.comp().field(1, 1, "DBZH", raster).storage(Storage.CHUNKED).chunks(16, 16)
        .filter(new ByteShuffleFilter(), 4).done().writeUnverified(dir);
    BadInputException e = BadInputTest.refused(Files.readAllBytes(file), Kind.CORRUPT);
    assertEquals("corrupt HDF5: the shuffle filter is set for 4-byte values, the data set holds 1-byte values",
        e.getMessage());
  }

  /** {@code raster} with every value's bytes reversed: what a big-endian writer stores, read as little-endian. */
  static Object byteSwapped(Object raster) {
    int rows = java.lang.reflect.Array.getLength(raster);
    Object out = java.lang.reflect.Array.newInstance(raster.getClass().getComponentType(), rows);
    for (int r = 0; r < rows; r++) {
      Object row = java.lang.reflect.Array.get(raster, r);
      if (row instanceof short[] v) {
        short[] w = new short[v.length];
        for (int c = 0; c < v.length; c++) {
          w[c] = Short.reverseBytes(v[c]);
        }
        row = w;
      } else if (row instanceof int[] v) {
        int[] w = new int[v.length];
        for (int c = 0; c < v.length; c++) {
          w[c] = Integer.reverseBytes(v[c]);
        }
        row = w;
      } else if (row instanceof long[] v) {
        long[] w = new long[v.length];
        for (int c = 0; c < v.length; c++) {
          w[c] = Long.reverseBytes(v[c]);
        }
        row = w;
      } else if (row instanceof float[] v) {
        float[] w = new float[v.length];
        for (int c = 0; c < v.length; c++) {
          w[c] = Float.intBitsToFloat(Integer.reverseBytes(Float.floatToRawIntBits(v[c])));
        }
        row = w;
      } else {
        double[] v = (double[]) row;
        double[] w = new double[v.length];
        for (int c = 0; c < v.length; c++) {
          w[c] = Double.longBitsToDouble(Long.reverseBytes(Double.doubleToRawLongBits(v[c])));
        }
        row = w;
      }
      java.lang.reflect.Array.set(out, r, row);
    }
    return out;
  }

  /**
   * Values stored big-endian are read in that order when the type says so (jhdf's writer writes only
   * little-endian: the fixture holds each value byte-reversed, and the decoder is told big-endian).
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bigEndianVariants")
  void bigEndianValuesAreReadInTheirOrder(Type t, Storage s) throws Exception {
    Object raster = t.raster(50, 37, 61);
    Path file = OdimFixtures.comp().field(1, 1, "DBZH", byteSwapped(raster))
        .scaling(t.gain, t.offset, t.nodata, t.undetect).storage(s).chunks(16, 16).done().writeUnverified(dir);
    byte[] want = Decoded.expected(raster, t.unsigned(), t.gain, t.offset, t.nodata, t.undetect, false, 10.0);
    OdimReader reader = new OdimReader("DBZH", 50_000_000L);
    try (OdimFrame frame = reader.open(Files.readAllBytes(file), Scaling.ODIM_DEFAULTS);
        ChunkedRasterDecoder decoder = new ChunkedRasterDecoder()) {
      assertEquals(ByteOrder.LITTLE_ENDIAN, frame.byteOrder());
      byte[] got = new byte[37 * 50];
      decoder.decode(frame.dataset(), t.sampleType, ByteOrder.BIG_ENDIAN, 37, 50,
          new PaletteLut(t.sampleType, frame.scaling(), 10.0), got);
      Decoded.assertIndices(want, got, 37, t + " " + s + " big-endian");
    }
    assertTrue(Decoded.drawn(want) > 100, "the fixture draws something");
  }

  static Stream<Arguments> bigEndianVariants() {
    List<Arguments> out = new ArrayList<>();
    for (Type t : new Type[] {Type.UINT16, Type.INT32, Type.INT64, Type.FLOAT32, Type.FLOAT64}) {
      for (Storage s : new Storage[] {Storage.CONTIGUOUS, Storage.DEFLATE, Storage.SHUFFLE_DEFLATE}) {
        out.add(Arguments.of(t, s));
      }
    }
    return out.stream();
  }

  /** uint32 values at and above 2^31 are read unsigned: as int32 they would be negative, below every threshold. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Storage.class, names = {"CONTIGUOUS", "CHUNKED", "DEFLATE", "SHUFFLE_DEFLATE"})
  void unsigned32BitValuesAreReadUnsigned(Storage s) throws Exception {
    int[][] raster = new int[50][37];
    for (int i = 0; i < 50 * 37; i++) {
      raster[i / 37][i % 37] = (int) (2_000_000_000L + i * 1_200_000L); // 10 .. 65.5 dBZ
    }
    raster[0][0] = -1; // 4294967295: nodata
    raster[0][1] = 0; // undetect
    double gain = 2.5e-8;
    Path file = OdimFixtures.comp().field(1, 1, "DBZH", raster).unsignedIntegers()
        .scaling(gain, -40.0, 4294967295.0, 0).storage(s).chunks(16, 16).done().writeUnverified(dir);
    byte[] want = Decoded.expected(raster, true, gain, -40.0, 4294967295.0, 0, false, 10.0);
    OdimReader reader = new OdimReader("DBZH", 50_000_000L);
    try (OdimFrame frame = reader.open(Files.readAllBytes(file), Scaling.ODIM_DEFAULTS);
        ChunkedRasterDecoder decoder = new ChunkedRasterDecoder()) {
      assertEquals(SampleType.UINT32, frame.sampleType());
      Decoded.assertIndices(want, Decoded.indices(frame, decoder, 10.0), 37, "uint32 " + s);
    }
    assertEquals(50 * 37 - 2, Decoded.drawn(want), "every value but nodata and undetect is drawn");
  }

  /** The decoder fills a grid of the data set's own shape only: asked for another, it refuses before writing a pixel. */
  @Test
  void aGridOfAnotherShapeThanTheDataSetsIsRefused() throws Exception {
    Fixture fx = fixture(Type.UINT8, Storage.DEFLATE, 50, 37, 16, 16, 3);
    OdimReader reader = new OdimReader("DBZH", 50_000_000L);
    try (OdimFrame frame = reader.open(fx.bytes, Scaling.ODIM_DEFAULTS); ChunkedRasterDecoder decoder = new ChunkedRasterDecoder()) {
      byte[] out = new byte[38 * 50];
      Arrays.fill(out, Decoded.UNWRITTEN);
      BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(BadInputException.class, () -> decoder.decode(
          frame.dataset(), SampleType.UINT8, ByteOrder.LITTLE_ENDIAN, 38, 50, new PaletteLut(SampleType.UINT8, frame.scaling(), 10.0), out));
      assertEquals(Kind.UNSUPPORTED, e.kind());
      assertEquals("data set of shape [50, 37] for a 38x50 grid", e.getMessage());
      byte[] untouched = new byte[38 * 50];
      Arrays.fill(untouched, Decoded.UNWRITTEN);
      assertTrue(Arrays.equals(untouched, out), "no pixel written");
    }
  }

  /** {@code hdf5/odim_v1.h5} (see its README), the layout of real ODIM files as libhdf5 writes them. */
  static byte[] oldestFormat() throws java.io.IOException {
    try (java.io.InputStream in = ChunkedRasterDecoderTest.class.getResourceAsStream("/hdf5/odim_v1.h5")) {
      return in.readAllBytes();
    }
  }

  /**
   * A composite in the oldest HDF5 format, as libhdf5 writes the real ones (superblock 0, version 1 object
   * headers, one continued, and chunks indexed by a version-1 B-tree of a root above two leaves), decodes
   * pixel by pixel.
   */
  @Test
  void aCompositeInTheOldestFormatDecodes() throws Exception {
    byte[] file = oldestFormat();
    assertEquals(0, file[8], "superblock version 0");
    try (HdfFile h = HdfFile.fromBytes(file)) {
      io.jhdf.ObjectHeader header = ((io.jhdf.AbstractNode) h.getDatasetByPath("/dataset1/data1/data")).getHeader();
      assertTrue(header.hasMessageOfType(io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessage.class),
          "a version 3 chunked layout");
      assertTrue(header.hasMessageOfType(io.jhdf.object.message.ObjectHeaderContinuationMessage.class), "a continued header");
    }
    byte[][] raster = new byte[80][80];
    for (int i = 0; i < 80 * 80; i++) {
      raster[i / 80][i % 80] = (byte) i;
    }
    byte[] want = Decoded.expected(raster, true, 0.5, -32, 255, 0, false, 10.0);
    Decoded.assertIndices(want, Decoded.indices(file, "DBZH", Scaling.ODIM_DEFAULTS, 10.0), 80, "odim_v1.h5");
    assertTrue(Decoded.drawn(want) > 1000, "the fixture draws");
  }
}
