package io.c360.jobs.generate;

import java.util.Arrays;

/**
 * One simulated order with its lines. Amounts are in fen (CNY cents):
 * {@code line amount = quantity * unit_price - line discount}, {@code total_amount = sum(line amounts) -
 * discount_amount}, where {@code discount_amount} is the order-level coupon. Cancelled and returned orders keep their
 * amounts. Mutable while {@link BasketBuilder} fills it, then left alone.
 */
final class Order {

  static final String[] STATUS = {"paid", "cancelled", "returned"};
  static final int PAID = 0;
  static final int CANCELLED = 1;
  static final int RETURNED = 2;

  final int seq;
  final long key;
  final OrderKind kind;
  final long ts;
  final int day;
  final SalesChannel channel;
  final int city;
  final boolean guest;
  final String phone;
  final String email;

  int lines;
  int[] sku = new int[4];
  int[] quantity = new int[4];
  long[] unitCents = new long[4];
  long[] discountCents = new long[4];
  long couponCents;
  int status = PAID;
  /** What went wrong with this order, or null for a good experience. */
  TicketCategory issue;

  Order(int seq, long key, OrderKind kind, long ts, SalesChannel channel, int city, boolean guest, String phone,
        String email) {
    this.seq = seq;
    this.key = key;
    this.kind = kind;
    this.ts = ts;
    this.day = (int) Math.floorDiv(ts, 86_400L);
    this.channel = channel;
    this.city = city;
    this.guest = guest;
    this.phone = phone;
    this.email = email;
  }

  /** Adds a line, or raises the quantity when the item is already in the basket. Returns the line index. */
  int add(int product, int qty, long unit) {
    for (int i = 0; i < lines; i++) {
      if (sku[i] == product) {
        quantity[i] += qty;
        return i;
      }
    }
    if (lines == sku.length) {
      int n = lines * 2;
      sku = Arrays.copyOf(sku, n);
      quantity = Arrays.copyOf(quantity, n);
      unitCents = Arrays.copyOf(unitCents, n);
      discountCents = Arrays.copyOf(discountCents, n);
    }
    sku[lines] = product;
    quantity[lines] = qty;
    unitCents[lines] = unit;
    discountCents[lines] = 0;
    return lines++;
  }

  boolean contains(int product) {
    for (int i = 0; i < lines; i++) {
      if (sku[i] == product) {
        return true;
      }
    }
    return false;
  }

  long lineAmount(int i) {
    return quantity[i] * unitCents[i] - discountCents[i];
  }

  long grossCents() {
    long sum = 0;
    for (int i = 0; i < lines; i++) {
      sum += lineAmount(i);
    }
    return sum;
  }

  long totalCents() {
    return grossCents() - couponCents;
  }

  boolean paid() {
    return status == PAID;
  }
}
