package io.c360.core.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the rows of an orders file are shaped ({@code c360.sources.orders.layout}). */
public enum Layout {
  /** One row per order, the contract's orders source (lines, if any, come from order_items). */
  ORDERS,
  /** One row per order line, the order's columns repeated on each of its lines (a retail line-level export). */
  ORDER_LINES,
  /**
   * Rows without an order id (a purchase log, or item lines): the rows of one customer at one time (one day when the
   * file has dates only) form one order.
   */
  PURCHASE_LOG;

  /** The name in conf: orders, order-lines, purchase-log. */
  public String confName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True when ingest derives orders, order lines and products from the file's rows. */
  public boolean derivesOrders() {
    return this != ORDERS;
  }

  public static Optional<Layout> byConfName(String name) {
    return Arrays.stream(values()).filter(l -> l.confName().equals(name.trim().toLowerCase(Locale.ROOT))).findFirst();
  }
}
