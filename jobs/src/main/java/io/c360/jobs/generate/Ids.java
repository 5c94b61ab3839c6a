package io.c360.jobs.generate;

/**
 * Record identifiers. A record's key is (person index, per-person sequence number); the printed id is a keyed
 * bijective scramble of that key, so ids are unique, stable when {@code end} moves, and do not reveal which records
 * belong to the same person (a guest order's id says nothing about its customer).
 */
final class Ids {

  static final long MASK48 = (1L << 48) - 1;
  private static final long MASK32 = 0xFFFF_FFFFL;
  /** Bits of the per-person sequence in order, ticket, review, survey and touch keys. */
  static final int SEQ_BITS = 12;
  /** Largest per-person sequence number of orders, tickets, reviews, surveys and touches. */
  static final int MAX_SEQ = (1 << SEQ_BITS) - 1;
  /** Bits of the per-person sequence in event keys. */
  static final int EVENT_SEQ_BITS = 20;

  private final long orderSalt;
  private final long ticketSalt;
  private final long reviewSalt;
  private final long surveySalt;
  private final long touchSalt;
  private final long eventSalt;
  private final long deviceSalt;
  private final long accountSalt;
  private final long memberSalt;

  Ids(long seed) {
    orderSalt = Seeds.hash(seed, 0x1D5, 1) & MASK48;
    ticketSalt = Seeds.hash(seed, 0x1D5, 2) & MASK48;
    reviewSalt = Seeds.hash(seed, 0x1D5, 3) & MASK48;
    surveySalt = Seeds.hash(seed, 0x1D5, 4) & MASK48;
    touchSalt = Seeds.hash(seed, 0x1D5, 5) & MASK48;
    eventSalt = Seeds.hash(seed, 0x1D5, 6) & MASK48;
    deviceSalt = Seeds.hash(seed, 0x1D5, 7) & MASK48;
    accountSalt = Seeds.hash(seed, 0x1D5, 8) & MASK32;
    memberSalt = Seeds.hash(seed, 0x1D5, 9) & MASK32;
  }

  /** Key of the {@code seq}-th order (ticket, review, ...) of a person. */
  static long key(long person, int seq) {
    return (person << SEQ_BITS) | seq;
  }

  static long eventKey(long person, int seq) {
    return (person << EVENT_SEQ_BITS) | seq;
  }

  String order(long key) {
    return digits('O', scramble48(key, orderSalt), 15);
  }

  String ticket(long key) {
    return digits('T', scramble48(key, ticketSalt), 15);
  }

  String review(long key) {
    return digits('R', scramble48(key, reviewSalt), 15);
  }

  String survey(long key) {
    return digits('S', scramble48(key, surveySalt), 15);
  }

  String touch(long key) {
    return digits('C', scramble48(key, touchSalt), 15);
  }

  String event(long key) {
    return digits('E', scramble48(key, eventSalt), 15);
  }

  String device(long person, int k) {
    return digits('D', scramble48((person << 2) | k, deviceSalt), 15);
  }

  String account(long person) {
    return digits('A', scramble32(person, accountSalt), 10);
  }

  String member(long person) {
    return digits('M', scramble32(person, memberSalt), 10);
  }

  static String person(long index) {
    return digits('P', index + 1, 9);
  }

  static String household(long headIndex) {
    return digits('H', headIndex + 1, 9);
  }

  static String sku(int productIndex) {
    return "SKU" + digits('0', 1 + productIndex, 5).substring(1);
  }

  /** A keyed bijection of [0, 2^48): xor-shift and odd multiplications modulo 2^48. */
  static long scramble48(long key, long salt) {
    long x = (key ^ salt) & MASK48;
    x ^= x >>> 24;
    x = (x * 0x9FB21C651E9DL) & MASK48;
    x ^= x >>> 21;
    x = (x * 0xC2B2AE3D27D5L) & MASK48;
    x ^= x >>> 24;
    return x;
  }

  /** A keyed bijection of [0, 2^32). */
  static long scramble32(long key, long salt) {
    long x = (key ^ salt) & MASK32;
    x ^= x >>> 16;
    x = (x * 0x7FEB352DL) & MASK32;
    x ^= x >>> 15;
    x = (x * 0x846CA68BL) & MASK32;
    x ^= x >>> 16;
    return x;
  }

  /** {@code prefix} followed by {@code value} zero-padded to {@code width} digits. */
  static String digits(char prefix, long value, int width) {
    char[] buf = new char[width + 1];
    buf[0] = prefix;
    long v = value;
    for (int i = width; i >= 1; i--) {
      buf[i] = (char) ('0' + (v % 10));
      v /= 10;
    }
    return new String(buf);
  }
}
