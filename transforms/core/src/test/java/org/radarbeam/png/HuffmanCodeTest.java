package org.radarbeam.png;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Length-limited canonical codes: complete, within the limit, canonical, and optimal when the limit allows. */
class HuffmanCodeTest {

  /** Checks the code against the rules deflate's decoders rely on; returns its cost in bits. */
  static long check(HuffmanCode code, int[] freq, int maxLength) {
    int n = freq.length;
    long kraft = 0;
    int used = 0;
    long cost = 0;
    for (int s = 0; s < n; s++) {
      int len = code.length[s];
      assertTrue(len >= 0 && len <= maxLength, "length " + len + " of symbol " + s);
      if (freq[s] != 0) {
        assertTrue(len > 0, "symbol " + s + " occurs but has no code");
        cost += (long) freq[s] * len;
      }
      if (len > 0) {
        used++;
        kraft += 1L << (maxLength - len);
      }
    }
    assertTrue(used >= 2, "at least two codes");
    assertEquals(1L << maxLength, kraft, "complete code: Kraft sum exactly 1");
    // canonical (RFC 1951, 3.2.2): codes of one length are consecutive in symbol order, shorter first
    int[] count = new int[maxLength + 2];
    for (int s = 0; s < n; s++) {
      count[code.length[s]]++;
    }
    count[0] = 0;
    int[] next = new int[maxLength + 2];
    int c = 0;
    for (int len = 1; len <= maxLength; len++) {
      c = (c + count[len - 1]) << 1;
      next[len] = c;
    }
    for (int s = 0; s < n; s++) {
      int len = code.length[s];
      if (len > 0) {
        int expected = next[len]++;
        assertEquals(expected, Integer.reverse(code.code[s]) >>> (32 - len), "canonical code of symbol " + s);
      }
    }
    return cost;
  }

  /**
   * The cost in bits and the depth of an unrestricted Huffman code, by the textbook priority-queue
   * construction: {cost, depth}.
   */
  static long[] huffman(int[] freq) {
    // a node is weight << 8 | depth of its subtree; the queue orders by weight, then by depth
    PriorityQueue<Long> q = new PriorityQueue<>();
    for (int f : freq) {
      if (f > 0) {
        q.add((long) f << 8);
      }
    }
    if (q.size() < 2) {
      return new long[] {q.isEmpty() ? 0 : q.peek() >>> 8, 1};
    }
    long cost = 0;
    while (q.size() > 1) {
      long a = q.poll();
      long b = q.poll();
      long weight = (a >>> 8) + (b >>> 8);
      cost += weight; // each merge adds one bit to every symbol below it
      q.add(weight << 8 | (Math.max(a & 0xFF, b & 0xFF) + 1));
    }
    return new long[] {cost, q.peek() & 0xFF};
  }

  @Test
  void randomFrequenciesGiveOptimalCompleteCanonicalCodes() {
    Random rnd = new Random(7);
    int optimalChecked = 0;
    int trials = 0;
    for (int symbols : new int[] {2, 3, 19, 30, 286}) {
      HuffmanCode code = new HuffmanCode(symbols);
      for (int trial = 0; trial < 200; trial++) {
        int[] freq = new int[symbols];
        for (int s = 0; s < symbols; s++) {
          freq[s] = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(trial % 2 == 0 ? 10 : 100_000);
        }
        freq[rnd.nextInt(symbols)] = 1 + rnd.nextInt(1000);
        freq[rnd.nextInt(symbols)] = 1 + rnd.nextInt(1000);
        code.build(freq, 15);
        long cost = check(code, freq, 15);
        long[] ref = huffman(freq);
        trials++;
        if (ref[1] <= 13) {
          // well inside the limit, so the code must be a Huffman code
          assertEquals(ref[0], cost, symbols + " symbols, trial " + trial);
          optimalChecked++;
        } else {
          assertTrue(cost >= ref[0] && cost <= ref[0] * 102 / 100, "limited code costs " + cost + " vs " + ref[0]);
        }
      }
    }
    assertTrue(optimalChecked > trials / 2, "optimality checked in " + optimalChecked + " of " + trials);
  }

  @Test
  void skewedFrequenciesAreLimitedAndStayComplete() {
    // Fibonacci frequencies make a Huffman tree as deep as there are symbols
    int[] fib = new int[40];
    fib[0] = 1;
    fib[1] = 1;
    for (int i = 2; i < fib.length; i++) {
      fib[i] = fib[i - 1] + fib[i - 2];
    }
    HuffmanCode lit = new HuffmanCode(286);
    int[] freq = new int[286];
    System.arraycopy(fib, 0, freq, 100, fib.length);
    lit.build(freq, 15);
    long cost = check(lit, freq, 15);
    long[] ref = huffman(freq);
    assertTrue(ref[1] > 15, "the unrestricted code is deeper than 15: " + ref[1]);
    assertTrue(cost >= ref[0], "no code beats Huffman");
    assertTrue(cost <= ref[0] * 101 / 100, "limiting costs little: " + cost + " vs " + ref[0]);

    HuffmanCode cl = new HuffmanCode(19);
    int[] clFreq = new int[19];
    System.arraycopy(fib, 5, clFreq, 0, 19);
    cl.build(clFreq, 7);
    check(cl, clFreq, 7);

    // every symbol used, one of them dominant
    int[] all = new int[286];
    java.util.Arrays.fill(all, 1);
    all[0] = 1_000_000_000;
    lit.build(all, 15);
    check(lit, all, 15);
    assertEquals(1, lit.length[0]);
  }

  @Test
  void oneOrNoSymbolGivesTwoOneBitCodes() {
    HuffmanCode code = new HuffmanCode(30);
    int[] freq = new int[30];
    code.build(freq, 15);
    check(code, freq, 15);
    assertEquals(1, code.length[0]);
    assertEquals(1, code.length[1]);

    freq[0] = 12345;
    code.build(freq, 15);
    check(code, freq, 15);
    assertEquals(1, code.length[0]);

    freq[0] = 0;
    freq[29] = 5;
    code.build(freq, 15);
    check(code, freq, 15);
    assertEquals(1, code.length[29]);
    assertEquals(1, code.length[0], "the spare code");
  }

  @Test
  void rebuildingForgetsThePreviousCode() {
    HuffmanCode code = new HuffmanCode(19);
    int[] many = new int[19];
    java.util.Arrays.fill(many, 3);
    code.build(many, 7);
    check(code, many, 7);
    int[] two = new int[19];
    two[4] = 1;
    two[9] = 100;
    code.build(two, 7);
    check(code, two, 7);
    for (int s = 0; s < 19; s++) {
      assertEquals(s == 4 || s == 9 ? 1 : 0, code.length[s], "symbol " + s);
    }
  }

  @Test
  void fixedLengthsGetTheCanonicalCodesOfRfc1951() {
    int[] lengths = new int[288];
    java.util.Arrays.fill(lengths, 0, 144, 8);
    java.util.Arrays.fill(lengths, 144, 256, 9);
    java.util.Arrays.fill(lengths, 256, 280, 7);
    java.util.Arrays.fill(lengths, 280, 288, 8);
    HuffmanCode code = new HuffmanCode(288);
    code.setLengths(lengths);
    // RFC 1951, 3.2.6: 0 -> 00110000, 144 -> 110010000, 256 -> 0000000, 280 -> 11000000
    assertEquals(0b00110000, Integer.reverse(code.code[0]) >>> 24);
    assertEquals(0b110010000, Integer.reverse(code.code[144]) >>> 23);
    assertEquals(0, code.code[256]);
    assertEquals(0b11000000, Integer.reverse(code.code[280]) >>> 24);
    assertEquals(0b10111111, Integer.reverse(code.code[143]) >>> 24);
    assertEquals(0b111111111, Integer.reverse(code.code[255]) >>> 23);
  }
}
