package io.c360.core.catalog;

import static io.c360.core.catalog.SourceField.optional;
import static io.c360.core.catalog.SourceField.required;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of an orders file in the {@link Layout#ORDER_LINES} or {@link Layout#PURCHASE_LOG} layout: one row per
 * order line (or purchase), with the order's columns repeated on each of its rows. Ingest checks them by these
 * rules, then derives bronze_orders, bronze_order_items (when the file names a sku) and bronze_products from them.
 * The order's columns and the line's are those of {@link Source#ORDERS} and {@link Source#ORDER_ITEMS}; a line may
 * also carry its amount ({@code line_amount}) and its product's name and brand.
 */
public record LineContract(Layout layout, List<SourceField> fields) implements Contract {

  /** The columns of the order, repeated on each of its lines: they must agree across the lines of an order. */
  public static final List<String> ORDER_COLUMNS = List.of("account_id", "phone", "email", "name", "order_ts",
      "channel", "city", "status", "total_amount", "discount_amount", "currency");
  /** The columns that belong to the line. */
  public static final List<String> LINE_COLUMNS = List.of("line_no", "sku", "category", "quantity", "unit_price",
      "discount", "line_amount", "product_name", "brand");

  public LineContract {
    if (!layout.derivesOrders()) {
      throw new IllegalArgumentException("layout " + layout.confName() + " has one row per order: use Source.ORDERS");
    }
    fields = List.copyOf(fields);
  }

  /** The line rules of a layout; {@link Contract#forColumns} then adapts them to a file's columns. */
  public static LineContract of(Layout layout) {
    List<SourceField> fields = new ArrayList<>();
    if (layout == Layout.ORDER_LINES) {
      fields.add(required("order_id", FieldType.STRING, "Order id of the line"));
    }
    for (String name : ORDER_COLUMNS) {
      SourceField f = Source.ORDERS.field(name).orElseThrow();
      fields.add(name.equals("total_amount") ? optional(name, f.type(),
          "Amount paid for the whole order, repeated on each line; default the sum of the line amounts")
          .withNonNegative() : f);
    }
    for (String name : List.of("line_no", "sku", "category", "quantity", "unit_price", "discount")) {
      SourceField f = Source.ORDER_ITEMS.field(name).orElseThrow();
      // a file with products needs one on every line; without a product column it has no order lines
      SourceField line = name.equals("sku") ? required(name, f.type(), f.comment()).whenPresent()
          : optional(name, f.type(), f.comment());
      fields.add(f.nonNegative() ? (f.quantity() ? line.withQuantity() : line.withNonNegative()) : line);
    }
    fields.add(optional("line_amount", FieldType.AMOUNT, "Amount of the line (after discount); default quantity x "
        + "unit_price - discount").withNonNegative());
    fields.add(optional("product_name", FieldType.STRING, "Name of the line's product"));
    fields.add(optional("brand", FieldType.STRING, "Brand of the line's product"));
    return new LineContract(layout, fields);
  }

  /** Every column a mapping may name in this layout (the contract names), whatever the file has. */
  public static List<String> columnNames(Layout layout) {
    return of(layout).fields().stream().map(SourceField::name).toList();
  }

  @Override
  public String id() {
    return Source.ORDERS.id();
  }

  @Override
  public Source.Kind kind() {
    return Source.Kind.FACT;
  }
}
