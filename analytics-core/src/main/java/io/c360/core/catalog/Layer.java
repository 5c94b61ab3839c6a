package io.c360.core.catalog;

/** Medallion layers of the lake plus the operational tables. */
public enum Layer {
  BRONZE, SILVER, GOLD, OPS;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
