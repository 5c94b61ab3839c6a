package io.c360.core.catalog;

/**
 * The names of the columns that many tables and transforms share, declared once: {@link Tables} declares its tables
 * with them, and code that reads or writes those columns uses them instead of the literal name.
 */
public final class Columns {

  /** The customer id of identity_map, every customer-level table and the rows attached to a customer. */
  public static final String CUSTOMER_ID = "customer_id";
  /** The as-of date a row of a point-in-time table was computed for (the partition column). */
  public static final String AS_OF = "as_of";

  private Columns() {
  }
}
