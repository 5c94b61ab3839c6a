package io.c360.jobs.generate;

import static io.c360.jobs.generate.DirtyKind.BROKEN_UTF8;
import static io.c360.jobs.generate.DirtyKind.DATE_BEFORE_1900;
import static io.c360.jobs.generate.DirtyKind.DUPLICATE_KEY;
import static io.c360.jobs.generate.DirtyKind.EMOJI_TEXT;
import static io.c360.jobs.generate.DirtyKind.FUTURE_TIMESTAMP;
import static io.c360.jobs.generate.DirtyKind.MALFORMED_DATE;
import static io.c360.jobs.generate.DirtyKind.MISSING_KEY;
import static io.c360.jobs.generate.DirtyKind.NEGATIVE_QUANTITY;
import static io.c360.jobs.generate.DirtyKind.NON_NUMERIC_AMOUNT;
import static io.c360.jobs.generate.DirtyKind.OVERLONG_FIELD;
import static io.c360.jobs.generate.DirtyKind.UNKNOWN_CURRENCY;

/**
 * The nine sources of the source contract: folder, file, header, whether it is a fact source (incremental by time)
 * or a dimension snapshot, and the dirty-row kinds that apply to it.
 */
enum Source {
  ORDERS("orders", "orders.csv", true,
      "order_id,account_id,phone,email,order_ts,channel,city,status,total_amount,discount_amount,currency",
      MALFORMED_DATE, NON_NUMERIC_AMOUNT, UNKNOWN_CURRENCY, DUPLICATE_KEY, MISSING_KEY, FUTURE_TIMESTAMP,
      DATE_BEFORE_1900),
  ORDER_ITEMS("order_items", "order_items.csv", true,
      "order_id,line_no,sku,category,quantity,unit_price,discount",
      NEGATIVE_QUANTITY, NON_NUMERIC_AMOUNT, MISSING_KEY),
  PRODUCTS("products", "products.csv", false,
      "sku,name,category,brand,list_price,launch_date",
      MISSING_KEY, NON_NUMERIC_AMOUNT, MALFORMED_DATE, DATE_BEFORE_1900, BROKEN_UTF8, EMOJI_TEXT, OVERLONG_FIELD),
  MEMBERS("members", "members.csv", false,
      "member_id,phone,email,name,gender,birth_date,city,signup_ts,tier,points,marketing_consent",
      MISSING_KEY, MALFORMED_DATE, DATE_BEFORE_1900, FUTURE_TIMESTAMP, BROKEN_UTF8, EMOJI_TEXT, OVERLONG_FIELD),
  TICKETS("tickets", "tickets.csv", false,
      "ticket_id,member_id,phone,created_ts,first_response_ts,resolved_ts,category,priority,text,satisfaction",
      MISSING_KEY, MALFORMED_DATE, FUTURE_TIMESTAMP, BROKEN_UTF8, EMOJI_TEXT, OVERLONG_FIELD),
  REVIEWS("reviews", "reviews.csv", true,
      "review_id,order_id,member_id,rating,text,created_ts",
      MISSING_KEY, MALFORMED_DATE, FUTURE_TIMESTAMP, DATE_BEFORE_1900, BROKEN_UTF8, EMOJI_TEXT, OVERLONG_FIELD),
  EVENTS("events", "events.jsonl", true, null,
      MISSING_KEY, MALFORMED_DATE, FUTURE_TIMESTAMP, DATE_BEFORE_1900),
  SURVEYS("surveys", "surveys.csv", true,
      "survey_id,member_id,phone,survey_ts,nps,ces",
      MISSING_KEY, MALFORMED_DATE, FUTURE_TIMESTAMP, DATE_BEFORE_1900),
  CAMPAIGN_TOUCHES("campaign_touches", "campaign_touches.csv", true,
      "touch_id,account_id,member_id,phone,channel,campaign,touch_ts,cost",
      MISSING_KEY, MALFORMED_DATE, NON_NUMERIC_AMOUNT, FUTURE_TIMESTAMP);

  static final Source[] ALL = values();

  final String code;
  final String file;
  final boolean fact;
  /** CSV header line, null for the JSON-lines source. */
  final String header;
  final DirtyKind[] dirtyKinds;

  Source(String code, String file, boolean fact, String header, DirtyKind... dirtyKinds) {
    this.code = code;
    this.file = file;
    this.fact = fact;
    this.header = header;
    this.dirtyKinds = dirtyKinds;
  }

  /** Path below the output folder, e.g. {@code orders/orders.csv}. */
  String relativePath() {
    return code + "/" + file;
  }
}
