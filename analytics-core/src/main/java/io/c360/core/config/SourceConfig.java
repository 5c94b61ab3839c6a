package io.c360.core.config;

import io.c360.core.catalog.Contract;
import io.c360.core.catalog.FieldType;
import io.c360.core.catalog.Layout;
import io.c360.core.catalog.LineContract;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.SourceField;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How to read one source: its folder or file (relative to the sources directory unless absolute), format, reader
 * options, the mapping from contract column names to the raw names in the user's files, and the rules that turn
 * raw values into the contract's.
 *
 * @param layout       orders only: one row per order (the contract), per order line, or a purchase log
 * @param formats      contract column -> date/time pattern of its raw values (java.time, e.g. {@code dd/MM/yy});
 *                     columns without one are read as ISO dates and times
 * @param values       contract column -> (raw value -> contract value), compared trimmed and case-insensitively,
 *                     e.g. status: delivered -> paid; raw values not listed are kept
 * @param cancellation orders only: rows that mark a cancelled or returned order
 */
public record SourceConfig(Source source, boolean enabled, String path, SourceFormat format,
                           Map<String, String> options, Map<String, String> columns, Layout layout,
                           Map<String, String> formats, Map<String, Map<String, String>> values,
                           Cancellation cancellation) {

  /**
   * Rows that mark a cancelled or returned order instead of being quarantined.
   *
   * @param orderIdPrefix    an order id starting with this (e.g. {@code C}) is a cancelled order; empty: none
   * @param negativeQuantity a negative quantity (or a negative amount) marks the order returned, and the values are
   *                         taken without their sign
   */
  public record Cancellation(String orderIdPrefix, boolean negativeQuantity) {
    public static final Cancellation NONE = new Cancellation("", false);

    public Cancellation {
      orderIdPrefix = orderIdPrefix == null ? "" : orderIdPrefix;
    }

    public boolean any() {
      return !orderIdPrefix.isEmpty() || negativeQuantity;
    }
  }

  public SourceConfig {
    options = Map.copyOf(options);
    columns = Map.copyOf(columns);
    formats = Map.copyOf(formats);
    Map<String, Map<String, String>> lowered = new LinkedHashMap<>();
    values.forEach((column, map) -> {
      Map<String, String> m = new LinkedHashMap<>();
      map.forEach((raw, value) -> m.put(raw.trim().toLowerCase(Locale.ROOT), value));
      lowered.put(column, Map.copyOf(m));
    });
    values = Map.copyOf(lowered);
    String prefix = "c360.sources." + source.id();
    if (layout.derivesOrders() && source != Source.ORDERS) {
      throw new ConfigException(prefix + ".layout: only the orders source has a layout");
    }
    if (path == null || path.isBlank()) {
      throw new ConfigException(prefix + ".path must not be empty");
    }
    Contract contract = layout.derivesOrders() ? LineContract.of(layout) : source;
    String layoutNote = layout.derivesOrders() ? " (layout " + layout.confName() + ")" : "";
    for (String contractName : columns.keySet()) {
      if (contract.field(contractName).isEmpty()) {
        throw new ConfigException(prefix + ".columns." + contractName + " is not a column of the " + source.id()
            + " contract" + layoutNote + "; columns: " + String.join(", ", names(contract)));
      }
    }
    for (Map.Entry<String, String> f : formats.entrySet()) {
      FieldType type = contract.field(f.getKey()).map(SourceField::type).orElse(null);
      if (type != FieldType.TIMESTAMP && type != FieldType.DATE) {
        throw new ConfigException(prefix + ".formats." + f.getKey() + ": not a date or time column of the "
            + source.id() + " contract" + layoutNote);
      }
      try {
        DateTimeFormatter.ofPattern(f.getValue());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(prefix + ".formats." + f.getKey() + ": invalid pattern '" + f.getValue() + "': "
            + e.getMessage(), e);
      }
    }
    for (String column : values.keySet()) {
      if (contract.field(column).map(SourceField::type).orElse(null) != FieldType.STRING) {
        throw new ConfigException(prefix + ".values." + column + ": not a text column of the " + source.id()
            + " contract" + layoutNote);
      }
    }
    if (cancellation.any() && source != Source.ORDERS) {
      throw new ConfigException(prefix + ".cancellation: only the orders source has a cancellation rule");
    }
  }

  /** A source read as the contract describes it: one row per record, ISO dates, no value maps. */
  public static SourceConfig of(Source source, boolean enabled, String path, SourceFormat format,
                                Map<String, String> options, Map<String, String> columns) {
    return new SourceConfig(source, enabled, path, format, options, columns, Layout.ORDERS, Map.of(), Map.of(),
        Cancellation.NONE);
  }

  /** The rules of this source's rows: the source's, or for an orders file with lines, the line contract. */
  public Contract contract() {
    return layout.derivesOrders() ? LineContract.of(layout) : source;
  }

  /**
   * The rules a file's rows are checked by ({@link Contract#forColumns}).
   *
   * @param present the contract columns the file has
   */
  public Contract contract(Set<String> present) {
    return contract().forColumns(present);
  }

  /** The raw column name that feeds a contract column (the contract name unless remapped). */
  public String rawName(SourceField field) {
    return columns.getOrDefault(field.name(), field.name());
  }

  private static List<String> names(Contract contract) {
    return contract.fields().stream().map(SourceField::name).toList();
  }
}
