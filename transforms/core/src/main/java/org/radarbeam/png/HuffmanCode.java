package org.radarbeam.png;

import java.util.Arrays;

/**
 * A length-limited canonical prefix code over {@code 0 .. symbols-1}, as deflate transmits it: code
 * lengths first built by Huffman's algorithm (Moffat and Katajainen's in-place method over symbols
 * sorted by frequency), then capped at {@code maxLength} by moving leaves up the tree until the Kraft
 * sum is exact again (the method of miniz), then canonical codes in order of length and symbol.
 *
 * <p>The code is always complete, with at least two symbols of non-zero length: zlib's inflate
 * rejects incomplete code-length codes, and a lone one-bit code is the only incomplete code it takes
 * elsewhere. Codes are stored bit-reversed, ready for deflate's least-significant-bit-first order.
 * Builds allocate nothing; an instance is rebuilt for every block whose code depends on its counts.
 */
final class HuffmanCode {
  /** Tree depth before limiting; Huffman depth grows with log_phi(total frequency) < 48 for int totals. */
  private static final int MAX_DEPTH = 64;
  private static final int[] SHELL_GAPS = {132, 57, 23, 10, 4, 1};

  private final int symbols;
  /** Code length per symbol, 0 for symbols that do not occur. */
  final int[] length;
  /** Bit-reversed canonical code per symbol. */
  final int[] code;
  private final long[] sorted;
  private final int[] key;
  private final int[] count = new int[MAX_DEPTH + 1];
  private final int[] nextCode = new int[MAX_DEPTH + 1];

  HuffmanCode(int symbols) {
    this.symbols = symbols;
    this.length = new int[symbols];
    this.code = new int[symbols];
    this.sorted = new long[symbols];
    this.key = new int[symbols];
  }

  /**
   * Builds the code for {@code freq[0 .. symbols)} with no code longer than {@code maxLength}. Each loop
   * is a method of its own: this method runs a few times per block, and the JIT compiles a long loop
   * while it runs (on-stack replacement) once per loop of the method it sits in, whole methods each time.
   */
  void build(int[] freq, int maxLength) {
    Arrays.fill(length, 0);
    int n = gather(freq);
    if (n < 2) {
      // one or no symbol: two one-bit codes keep the code complete (the spare one is never sent)
      int used = n == 1 ? (int) (sorted[0] & 0xFFFF) : 0;
      length[used] = 1;
      length[used == 0 ? 1 : 0] = 1;
      assignCodes(1);
      return;
    }
    sort(sorted, n); // ascending frequency, ties by symbol: deterministic output
    frequencies(n);
    minimumRedundancy(key, n);
    depthCounts(n);
    limit(count, maxLength);
    assignLengths(n, maxLength);
    assignCodes(maxLength);
  }

  /** The symbols that occur into {@code sorted}, each as its frequency over its symbol; returns how many. */
  private int gather(int[] freq) {
    int n = 0;
    for (int s = 0; s < symbols; s++) {
      if (freq[s] != 0) {
        sorted[n++] = ((long) freq[s] << 16) | s;
      }
    }
    return n;
  }

  /** The frequencies of the sorted symbols into {@code key}, where {@link #minimumRedundancy} works. */
  private void frequencies(int n) {
    for (int i = 0; i < n; i++) {
      key[i] = (int) (sorted[i] >>> 16);
    }
  }

  /** Leaves per depth from the depths {@link #minimumRedundancy} left in {@code key}. */
  private void depthCounts(int n) {
    Arrays.fill(count, 0);
    for (int i = 0; i < n; i++) {
      count[key[i]]++;
    }
  }

  /** The most frequent symbols (at the end of {@code sorted}) take the shortest lengths. */
  private void assignLengths(int n, int maxLength) {
    int j = n;
    for (int len = 1; len <= maxLength; len++) {
      for (int c = count[len]; c > 0; c--) {
        length[(int) (sorted[--j] & 0xFFFF)] = len;
      }
    }
  }

  /**
   * Shell sort (Ciura's gaps) of {@code a[0 .. n)}, n <= 286: Arrays.sort would allocate a run
   * table for inputs that start with a sorted stretch.
   */
  private static void sort(long[] a, int n) {
    for (int gap : SHELL_GAPS) {
      for (int i = gap; i < n; i++) {
        long v = a[i];
        int j = i;
        for (; j >= gap && a[j - gap] > v; j -= gap) {
          a[j] = a[j - gap];
        }
        a[j] = v;
      }
    }
  }

  /** Sets the code lengths directly (deflate's fixed code) and assigns their canonical codes. */
  void setLengths(int[] lengths) {
    int max = 0;
    for (int s = 0; s < symbols; s++) {
      length[s] = lengths[s];
      max = Math.max(max, lengths[s]);
    }
    assignCodes(max);
  }

  /**
   * Replaces the frequencies {@code a[0 .. n)} (ascending) by the depths of their leaves in a Huffman
   * tree, in place (A. Moffat, J. Katajainen, "In-place calculation of minimum-redundancy codes", 1995).
   */
  private static void minimumRedundancy(int[] a, int n) {
    parentLinks(a, n);
    internalDepths(a, n);
    leafDepths(a, n);
  }

  /** Phase 1: internal node weights, each node pointing to its parent. */
  private static void parentLinks(int[] a, int n) {
    a[0] += a[1];
    int root = 0;
    int leaf = 2;
    for (int next = 1; next < n - 1; next++) {
      if (leaf >= n || a[root] < a[leaf]) {
        a[next] = a[root];
        a[root++] = next;
      } else {
        a[next] = a[leaf++];
      }
      if (leaf >= n || (root < next && a[root] < a[leaf])) {
        a[next] += a[root];
        a[root++] = next;
      } else {
        a[next] += a[leaf++];
      }
    }
  }

  /** Phase 2: depths of the internal nodes. */
  private static void internalDepths(int[] a, int n) {
    a[n - 2] = 0;
    for (int next = n - 3; next >= 0; next--) {
      a[next] = a[a[next]] + 1;
    }
  }

  /** Phase 3: depths of the leaves. */
  private static void leafDepths(int[] a, int n) {
    int avail = 1;
    int used = 0;
    int depth = 0;
    int root = n - 2;
    int next = n - 1;
    while (avail > 0) {
      while (root >= 0 && a[root] == depth) {
        used++;
        root--;
      }
      while (avail > used) {
        a[next--] = depth;
        avail--;
      }
      avail = 2 * used;
      depth++;
      used = 0;
    }
  }

  /**
   * Caps the leaf counts per depth {@code count[1 .. MAX_DEPTH]} at {@code max}: leaves below it move
   * up to it, and while the code is over-full one leaf at the deepest level is dropped and a shallower
   * leaf is split into two one level down, which lowers the Kraft sum by exactly one unit each time.
   */
  private static void limit(int[] count, int max) {
    for (int i = max + 1; i <= MAX_DEPTH; i++) {
      count[max] += count[i];
      count[i] = 0;
    }
    long total = 0;
    for (int i = max; i > 0; i--) {
      total += (long) count[i] << (max - i);
    }
    while (total != 1L << max) {
      count[max]--;
      for (int i = max - 1; i > 0; i--) {
        if (count[i] != 0) {
          count[i]--;
          count[i + 1] += 2;
          break;
        }
      }
      total--;
    }
  }

  /** Canonical codes (RFC 1951, 3.2.2) from the lengths, bit-reversed. */
  private void assignCodes(int maxLength) {
    Arrays.fill(count, 0);
    for (int s = 0; s < symbols; s++) {
      count[length[s]]++;
    }
    count[0] = 0;
    int[] next = nextCode;
    int c = 0;
    for (int len = 1; len <= maxLength; len++) {
      c = (c + count[len - 1]) << 1;
      next[len] = c;
    }
    for (int s = 0; s < symbols; s++) {
      int len = length[s];
      code[s] = len == 0 ? 0 : Integer.reverse(next[len]++) >>> (32 - len);
    }
  }
}
