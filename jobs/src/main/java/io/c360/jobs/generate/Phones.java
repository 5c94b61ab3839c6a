package io.c360.jobs.generate;

/**
 * Chinese mobile numbers. A person's number is a prefix plus an 8-digit suffix that is a keyed permutation of the
 * person index, so numbers are unique per person (up to {@link GeneratorOptions#MAX_CUSTOMERS}) unless shared on
 * purpose (households, shop counter phones). Second numbers and counter phones use prefixes of their own, so they
 * never collide with a person's main number. The same number is written in varying formats across records.
 */
final class Phones {

  private static final String[] PRIMARY = {"138", "139", "137", "136", "135", "150", "151", "152", "158", "159",
      "182", "183", "187", "188", "186", "185", "130", "131", "132", "155", "156", "189", "180", "181", "133", "153",
      "177", "199", "198", "166"};
  private static final String[] SECONDARY = {"134", "147", "157", "178", "184"};
  private static final String[] COUNTER = {"175", "176"};
  private static final long MASK27 = (1L << 27) - 1;
  private static final long SUFFIXES = 100_000_000L;

  /** Format weights of the order system: mostly bare digits. */
  static final double[] ORDER_STYLES = Dist.cumulative(0.55, 0.08, 0.10, 0.15, 0.04, 0.08);
  /** Format weights of the membership system: mostly international. */
  static final double[] MEMBER_STYLES = Dist.cumulative(0.15, 0.35, 0.10, 0.30, 0.05, 0.05);
  /** Format weights of free-text systems (tickets, surveys, marketing). */
  static final double[] ANY_STYLES = Dist.cumulative(0.30, 0.15, 0.20, 0.15, 0.10, 0.10);

  private final long seed;
  private final long primarySalt;
  private final long secondarySalt;

  Phones(long seed) {
    this.seed = seed;
    this.primarySalt = Seeds.hash(seed, 0x9401E, 1) & MASK27;
    this.secondarySalt = Seeds.hash(seed, 0x9401E, 2) & MASK27;
  }

  /** The main number of a person (11 digits). */
  String primary(long index) {
    return number(PRIMARY, index, primarySalt, 3);
  }

  /** A second number of a person, used where the person keeps systems apart. */
  String secondary(long index) {
    return number(SECONDARY, index, secondarySalt, 4);
  }

  /** The k-th shop counter phone, typed in for guest orders of many unrelated customers. */
  String counter(int k) {
    return number(COUNTER, k, secondarySalt ^ 0x5A5A5A5L, 5);
  }

  private String number(String[] prefixes, long index, long salt, int prefixSalt) {
    long h = Seeds.hash(seed, prefixSalt, index);
    String prefix = prefixes[(int) Long.remainderUnsigned(h, prefixes.length)];
    return prefix + Ids.digits('0', permute(index, salt), 8).substring(1);
  }

  /** A keyed permutation of [0, 10^8) by cycle-walking a bijection of [0, 2^27). */
  static long permute(long index, long salt) {
    long x = index;
    do {
      x = scramble27(x, salt);
    } while (x >= SUFFIXES);
    return x;
  }

  private static long scramble27(long key, long salt) {
    long x = (key ^ salt) & MASK27;
    x ^= x >>> 13;
    x = (x * 0x2C1B3C6DL) & MASK27;
    x ^= x >>> 12;
    x = (x * 0x297A2D39L) & MASK27;
    x ^= x >>> 14;
    return x;
  }

  /**
   * Writes 11 digits in one of six styles: 0 {@code 13800138000}, 1 {@code +86 138-0013-8000},
   * 2 {@code 138 0013 8000}, 3 {@code +8613800138000}, 4 {@code 0086 138 0013 8000}, 5 {@code 138-0013-8000}.
   */
  static String format(String digits, int style) {
    String a = digits.substring(0, 3);
    String b = digits.substring(3, 7);
    String c = digits.substring(7);
    switch (style) {
      case 1:
        return "+86 " + a + "-" + b + "-" + c;
      case 2:
        return a + " " + b + " " + c;
      case 3:
        return "+86" + digits;
      case 4:
        return "0086 " + a + " " + b + " " + c;
      case 5:
        return a + "-" + b + "-" + c;
      default:
        return digits;
    }
  }
}
