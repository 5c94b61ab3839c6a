package io.c360.core.catalog;

import static io.c360.core.catalog.SourceField.key;
import static io.c360.core.catalog.SourceField.optional;
import static io.c360.core.catalog.SourceField.required;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The source contract: every raw source c360 reads, its columns (contract names, remappable in conf),
 * types and validation rules. Only orders is required; an orders file may also come one row per order line
 * ({@link LineContract}).
 */
public enum Source implements Contract {
  ORDERS(Kind.FACT, "Orders as delivered by the order system, one row per order",
      key("order_id", FieldType.STRING, "Order id in the order system"),
      optional("account_id", FieldType.STRING, "Account id in the order system; empty for guest orders"),
      optional("phone", FieldType.STRING, "Phone as written on the order (raw, personal data)"),
      optional("email", FieldType.STRING, "Email as written on the order (raw, personal data)"),
      required("order_ts", FieldType.TIMESTAMP, "Order time (local time)"),
      optional("channel", FieldType.STRING, "Sales channel"),
      optional("city", FieldType.STRING, "Delivery city"),
      optional("status", FieldType.STRING, "Order status").withAllowed("paid", "cancelled", "returned"),
      required("total_amount", FieldType.AMOUNT, "Amount paid for the order (a file may have no amounts at all)")
          .withNonNegative().whenPresent(),
      optional("discount_amount", FieldType.AMOUNT, "Discount granted on the order").withNonNegative(),
      optional("currency", FieldType.STRING, "ISO 4217 currency code"),
      optional("name", FieldType.STRING, "Customer name as written on the order (raw, personal data)")),
  ORDER_ITEMS(Kind.FACT, "Order lines as delivered by the order system",
      key("order_id", FieldType.STRING, "Order id of the line"),
      key("line_no", FieldType.INT, "Line number within the order"),
      required("sku", FieldType.STRING, "Product SKU"),
      optional("category", FieldType.STRING, "Product category"),
      required("quantity", FieldType.INT, "Quantity bought").withQuantity(),
      required("unit_price", FieldType.AMOUNT, "Unit price before discount (a file may have no prices at all)")
          .withNonNegative().whenPresent(),
      optional("discount", FieldType.AMOUNT, "Discount on the line").withNonNegative()),
  PRODUCTS(Kind.DIMENSION, "Product catalogue",
      key("sku", FieldType.STRING, "Product SKU"),
      optional("name", FieldType.STRING, "Product name"),
      optional("category", FieldType.STRING, "Product category"),
      optional("brand", FieldType.STRING, "Brand"),
      optional("list_price", FieldType.AMOUNT, "List price").withNonNegative(),
      optional("launch_date", FieldType.DATE, "Launch date of the product")),
  MEMBERS(Kind.DIMENSION, "Membership (loyalty) records, latest state per member",
      key("member_id", FieldType.STRING, "Member id in the membership system"),
      optional("phone", FieldType.STRING, "Phone (raw, personal data)"),
      optional("email", FieldType.STRING, "Email (raw, personal data)"),
      optional("name", FieldType.STRING, "Full name (raw, personal data)"),
      optional("gender", FieldType.STRING, "Gender as recorded"),
      optional("birth_date", FieldType.DATE, "Birth date (personal data)"),
      optional("city", FieldType.STRING, "Home city"),
      optional("signup_ts", FieldType.TIMESTAMP, "Membership sign-up time"),
      optional("tier", FieldType.STRING, "Membership tier"),
      optional("points", FieldType.LONG, "Loyalty points balance").withNonNegative(),
      optional("marketing_consent", FieldType.BOOLEAN, "Consent to marketing contact")),
  TICKETS(Kind.DIMENSION, "Customer-service tickets, latest state per ticket",
      key("ticket_id", FieldType.STRING, "Ticket id"),
      optional("member_id", FieldType.STRING, "Member id of the requester, when known"),
      optional("phone", FieldType.STRING, "Phone of the requester (raw, personal data)"),
      required("created_ts", FieldType.TIMESTAMP, "Ticket creation time"),
      optional("first_response_ts", FieldType.TIMESTAMP, "First agent response time"),
      optional("resolved_ts", FieldType.TIMESTAMP, "Resolution time; empty while open"),
      optional("category", FieldType.STRING, "Ticket category; empty when not classified"),
      optional("priority", FieldType.STRING, "Priority set by the desk"),
      optional("text", FieldType.STRING, "Ticket text").withFreeText(),
      optional("satisfaction", FieldType.INT, "Satisfaction score 1-5").withScale(1, 5)),
  REVIEWS(Kind.FACT, "Product reviews",
      key("review_id", FieldType.STRING, "Review id"),
      optional("order_id", FieldType.STRING, "Reviewed order"),
      optional("member_id", FieldType.STRING, "Reviewing member"),
      optional("rating", FieldType.INT, "Rating 1-5").withScale(1, 5),
      optional("text", FieldType.STRING, "Review text").withFreeText(),
      required("created_ts", FieldType.TIMESTAMP, "Review time")),
  EVENTS(Kind.FACT, "App and location (LBS) events",
      key("event_id", FieldType.STRING, "Event id"),
      required("device_id", FieldType.STRING, "Device id"),
      optional("member_id", FieldType.STRING, "Member id when logged in"),
      required("event_ts", FieldType.TIMESTAMP, "Event time"),
      required("event_type", FieldType.STRING, "Event type, e.g. view, add_to_cart, checkout, order, login"),
      optional("sku", FieldType.STRING, "Product involved, if any"),
      optional("city", FieldType.STRING, "City of the device"),
      optional("lat", FieldType.DOUBLE, "Latitude"),
      optional("lon", FieldType.DOUBLE, "Longitude"),
      optional("order_id", FieldType.STRING, "Order the event completes (an order event placed in the app)")),
  SURVEYS(Kind.FACT, "NPS and CES survey answers",
      key("survey_id", FieldType.STRING, "Survey answer id"),
      optional("member_id", FieldType.STRING, "Answering member"),
      optional("phone", FieldType.STRING, "Phone of the respondent (raw, personal data)"),
      required("survey_ts", FieldType.TIMESTAMP, "Answer time"),
      optional("nps", FieldType.INT, "Likelihood to recommend, 0-10").withScale(0, 10),
      optional("ces", FieldType.INT, "Customer effort score, 1-7").withScale(1, 7)),
  CAMPAIGN_TOUCHES(Kind.FACT, "Marketing touches",
      key("touch_id", FieldType.STRING, "Touch id"),
      optional("account_id", FieldType.STRING, "Account id touched"),
      optional("member_id", FieldType.STRING, "Member id touched"),
      optional("phone", FieldType.STRING, "Phone touched (raw, personal data)"),
      optional("channel", FieldType.STRING, "Marketing channel"),
      optional("campaign", FieldType.STRING, "Campaign name"),
      required("touch_ts", FieldType.TIMESTAMP, "Touch time"),
      optional("cost", FieldType.AMOUNT, "Cost of the touch").withNonNegative());

  /** Facts are append-only (a key seen in an earlier batch is a duplicate); dimensions are snapshots. */
  public enum Kind { FACT, DIMENSION }

  private final Kind kind;
  private final String description;
  private final List<SourceField> fields;

  Source(Kind kind, String description, SourceField... fields) {
    this.kind = kind;
    this.description = description;
    this.fields = List.of(fields);
  }

  /** The name used in conf, folder names and table names, e.g. {@code order_items}. */
  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public Kind kind() {
    return kind;
  }

  public String description() {
    return description;
  }

  @Override
  public List<SourceField> fields() {
    return fields;
  }

  public static Optional<Source> byId(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }
}
