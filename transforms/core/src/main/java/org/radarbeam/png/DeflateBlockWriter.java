package org.radarbeam.png;

import java.util.Arrays;

/**
 * Writes one deflate block (RFC 1951) of run-length tokens in whichever of the three block types is
 * smallest: dynamic Huffman codes (the usual case), the fixed codes (tiny blocks, where a dynamic
 * header would cost more than it saves) or stored bytes (blocks that do not compress, e.g. noise).
 *
 * <p>A token is a literal byte ({@code 0..255}) or a match of length {@code 3..258} at distance 1,
 * written as {@code 256 + length}; the block's end-of-block symbol is added here. The caller counts
 * tokens per value as it makes them, so the costs of all three types come from those counts before a
 * bit is written. Allocates nothing after the first blocks (a stored block's bytes are rebuilt from
 * the tokens in a reused buffer).
 */
final class DeflateBlockWriter {
  /** Number of token values: 256 literals, end of block (256), matches 259..514. */
  static final int TOKENS = 256 + 259;
  static final int END_OF_BLOCK = 256;
  static final int MAX_MATCH = 258;
  /** Block types, as BTYPE encodes them. */
  static final int STORED = 0;
  static final int FIXED = 1;
  static final int DYNAMIC = 2;

  private static final int LIT_SYMBOLS = 286;
  private static final int DIST_SYMBOLS = 30;
  private static final int CL_SYMBOLS = 19;
  private static final int MAX_STORED = 65535;
  /** The order in which the code-length code's lengths are sent (RFC 1951, 3.2.7). */
  private static final int[] CL_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
  private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
      59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
  private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
      5, 5, 5, 5, 0};
  /** Per match length 3..258: its length symbol, extra-bit count and extra-bit value. */
  private static final int[] LEN_SYMBOL = new int[MAX_MATCH + 1];
  private static final int[] LEN_EXTRA_BITS = new int[MAX_MATCH + 1];
  private static final int[] LEN_EXTRA_VALUE = new int[MAX_MATCH + 1];
  /** Code and length per token under the fixed codes. */
  private static final int[] FIXED_CODE = new int[TOKENS];
  private static final int[] FIXED_LENGTH = new int[TOKENS];

  static {
    for (int k = 0; k < LENGTH_BASE.length; k++) {
      int top = k + 1 < LENGTH_BASE.length ? LENGTH_BASE[k + 1] - 1 : MAX_MATCH;
      for (int len = LENGTH_BASE[k]; len <= top; len++) {
        LEN_SYMBOL[len] = 257 + k;
        LEN_EXTRA_BITS[len] = LENGTH_EXTRA[k];
        LEN_EXTRA_VALUE[len] = len - LENGTH_BASE[k];
      }
    }
    int[] lit = new int[288];
    Arrays.fill(lit, 0, 144, 8);
    Arrays.fill(lit, 144, 256, 9);
    Arrays.fill(lit, 256, 280, 7);
    Arrays.fill(lit, 280, 288, 8);
    HuffmanCode fixedLit = new HuffmanCode(288);
    fixedLit.setLengths(lit);
    int[] dist = new int[DIST_SYMBOLS];
    Arrays.fill(dist, 5);
    HuffmanCode fixedDist = new HuffmanCode(DIST_SYMBOLS);
    fixedDist.setLengths(dist);
    tokenTable(fixedLit, fixedDist, FIXED_CODE, FIXED_LENGTH);
  }

  private final HuffmanCode lit = new HuffmanCode(LIT_SYMBOLS);
  /**
   * Every match is at distance 1, so the distance code is the same in every block: two one-bit codes
   * (the spare one keeps it complete), built once.
   */
  private final HuffmanCode dist = new HuffmanCode(DIST_SYMBOLS);
  private final HuffmanCode cl = new HuffmanCode(CL_SYMBOLS);
  private final int[] litFreq = new int[LIT_SYMBOLS];
  private final int[] clFreq = new int[CL_SYMBOLS];
  private final int[] codeLengths = new int[LIT_SYMBOLS + DIST_SYMBOLS];
  /** The code lengths run-length coded with symbols 0..18: symbol | extra value << 8. */
  private final int[] clTokens = new int[LIT_SYMBOLS + DIST_SYMBOLS];
  private final int[] tokenCode = new int[TOKENS];
  private final int[] tokenLength = new int[TOKENS];
  private int clCount;
  private int hlit;
  private int hdist;
  private int hclen;
  private byte[] raw = new byte[0];

  DeflateBlockWriter() {
    int[] oneDistance = new int[DIST_SYMBOLS];
    oneDistance[0] = 1;
    dist.build(oneDistance, 15);
  }

  /**
   * Writes {@code tokens[0 .. n)}, whose counts per token value are {@code freq}, as one block;
   * {@code before} is the byte that precedes the block in the stream (-1 at the start), which a
   * leading match repeats. {@code last} sets the final-block flag. Returns the block type written:
   * {@link #STORED}, {@link #FIXED} or {@link #DYNAMIC}.
   */
  int write(BitWriter out, char[] tokens, int n, int[] freq, int before, boolean last) {
    long dynamicBits = dynamicCode(freq);
    long fixedBits = 3;
    long rawBytes = 0;
    for (int t = 0; t < TOKENS; t++) {
      int f = freq[t];
      if (f != 0) {
        dynamicBits += (long) f * tokenLength[t];
        fixedBits += (long) f * FIXED_LENGTH[t];
        rawBytes += t < 256 ? f : (long) f * (t - 256);
      }
    }
    fixedBits += FIXED_LENGTH[END_OF_BLOCK];
    long pieces = Math.max(1, (rawBytes + MAX_STORED - 1) / MAX_STORED);
    long pad = (8 - ((out.bitCount() + 3) & 7)) & 7;
    long storedBits = 3 + pad + 32 + (pieces - 1) * (8 + 32) + 8 * rawBytes;
    int fin = last ? 1 : 0;
    if (storedBits < dynamicBits && storedBits < fixedBits) {
      writeStored(out, tokens, n, (int) rawBytes, before, fin);
      return STORED;
    }
    if (fixedBits <= dynamicBits) {
      out.put(fin | FIXED << 1, 3);
      out.putAll(tokens, n, FIXED_CODE, FIXED_LENGTH);
      out.put(FIXED_CODE[END_OF_BLOCK], FIXED_LENGTH[END_OF_BLOCK]);
      return FIXED;
    }
    out.put(fin | DYNAMIC << 1, 3);
    writeDynamicHeader(out);
    out.putAll(tokens, n, tokenCode, tokenLength);
    out.put(tokenCode[END_OF_BLOCK], tokenLength[END_OF_BLOCK]);
    return DYNAMIC;
  }

  /**
   * Builds the block's dynamic codes and token table from the token counts and returns the bits of
   * its header (block type included) plus its end-of-block symbol. Its longer loops are methods of their
   * own, as in {@link HuffmanCode#build}, so the JIT compiles them small while they run.
   */
  private long dynamicCode(int[] freq) {
    literalFrequencies(freq);
    lit.build(litFreq, 15);
    tokenTable(lit, dist, tokenCode, tokenLength);
    hlit = used(lit.length, LIT_SYMBOLS, 257);
    hdist = used(dist.length, DIST_SYMBOLS, 1);
    System.arraycopy(lit.length, 0, codeLengths, 0, hlit);
    System.arraycopy(dist.length, 0, codeLengths, hlit, hdist);
    runLengthCode(codeLengths, hlit + hdist);
    cl.build(clFreq, 7);
    hclen = CL_SYMBOLS;
    while (hclen > 4 && cl.length[CL_ORDER[hclen - 1]] == 0) {
      hclen--;
    }
    return headerBits() + tokenLength[END_OF_BLOCK];
  }

  /** The literal/length counts from the token counts: literals, end of block, then each length's symbol. */
  private void literalFrequencies(int[] freq) {
    System.arraycopy(freq, 0, litFreq, 0, 256);
    Arrays.fill(litFreq, 256, LIT_SYMBOLS, 0);
    litFreq[END_OF_BLOCK] = 1;
    for (int len = 3; len <= MAX_MATCH; len++) {
      litFreq[LEN_SYMBOL[len]] += freq[256 + len];
    }
  }

  /** How many of {@code lengths[0 .. n)} are sent: all but the trailing zeros, and at least {@code min}. */
  private static int used(int[] lengths, int n, int min) {
    while (n > min && lengths[n - 1] == 0) {
      n--;
    }
    return n;
  }

  /** The header's bits: block type, counts, code-length code and the coded lengths with their extra bits. */
  private long headerBits() {
    long bits = 3 + 5 + 5 + 4 + 3L * hclen;
    for (int s = 0; s < CL_SYMBOLS; s++) {
      bits += (long) clFreq[s] * (cl.length[s] + (s == 16 ? 2 : s == 17 ? 3 : s == 18 ? 7 : 0));
    }
    return bits;
  }

  /** Codes the code lengths with the repeat symbols 16 (previous length 3-6 times), 17 and 18 (zeros). */
  private void runLengthCode(int[] lengths, int n) {
    Arrays.fill(clFreq, 0);
    clCount = 0;
    int i = 0;
    while (i < n) {
      int v = lengths[i];
      int r = 1;
      while (i + r < n && lengths[i + r] == v) {
        r++;
      }
      i += r;
      if (v == 0) {
        while (r >= 11) {
          int c = Math.min(r, 138);
          clToken(18, c - 11);
          r -= c;
        }
        if (r >= 3) {
          clToken(17, r - 3);
          r = 0;
        }
      } else {
        clToken(v, 0);
        r--;
        while (r >= 3) {
          int c = Math.min(r, 6);
          clToken(16, c - 3);
          r -= c;
        }
      }
      for (; r > 0; r--) {
        clToken(v, 0);
      }
    }
  }

  private void clToken(int symbol, int extra) {
    clTokens[clCount++] = symbol | extra << 8;
    clFreq[symbol]++;
  }

  private void writeDynamicHeader(BitWriter out) {
    out.put(hlit - 257, 5);
    out.put(hdist - 1, 5);
    out.put(hclen - 4, 4);
    for (int k = 0; k < hclen; k++) {
      out.put(cl.length[CL_ORDER[k]], 3);
    }
    for (int k = 0; k < clCount; k++) {
      int s = clTokens[k] & 0xFF;
      out.put(cl.code[s], cl.length[s]);
      if (s >= 16) {
        out.put(clTokens[k] >>> 8, s == 16 ? 2 : s == 17 ? 3 : 7);
      }
    }
  }

  /** Rebuilds the block's bytes from its tokens and writes them as stored blocks of at most 65535 bytes. */
  private void writeStored(BitWriter out, char[] tokens, int n, int size, int before, int fin) {
    if (raw.length < size) {
      raw = new byte[Math.max(size, raw.length * 2)];
    }
    int p = 0;
    byte prev = (byte) before;
    for (int i = 0; i < n; i++) {
      int t = tokens[i];
      if (t < 256) {
        prev = (byte) t;
        raw[p++] = prev;
      } else {
        Arrays.fill(raw, p, p + t - 256, prev);
        p += t - 256;
      }
    }
    int off = 0;
    do {
      int len = Math.min(MAX_STORED, size - off);
      boolean lastPiece = off + len == size;
      out.put(lastPiece ? fin : 0, 3); // BTYPE 00: stored
      out.alignToByte();
      out.putByte(len);
      out.putByte(len >>> 8);
      out.putByte(~len);
      out.putByte(~len >>> 8);
      out.putBytes(raw, off, len);
      off += len;
    } while (off < size);
  }

  /**
   * Code and length per token: a literal's code, or a match's length code, length extra bits and
   * distance code in one field (at most 15 + 5 + 15 bits; with distance 1 only, 15 + 5 + 1).
   */
  private static void tokenTable(HuffmanCode lit, HuffmanCode dist, int[] code, int[] length) {
    for (int t = 0; t <= END_OF_BLOCK; t++) {
      code[t] = lit.code[t];
      length[t] = lit.length[t];
    }
    int dl = dist.length[0];
    for (int len = 3; len <= MAX_MATCH; len++) {
      int s = LEN_SYMBOL[len];
      int ll = lit.length[s];
      int eb = LEN_EXTRA_BITS[len];
      if (ll + eb + dl > 32) {
        throw new IllegalStateException("match code longer than 32 bits");
      }
      code[256 + len] = lit.code[s] | LEN_EXTRA_VALUE[len] << ll | dist.code[0] << (ll + eb);
      length[256 + len] = ll + eb + dl;
    }
  }
}
