package io.c360.jobs.generate;

/** Customer-service ticket categories; the first four are also the ways an order can go wrong. */
enum TicketCategory {
  DELIVERY_DELAY("delivery_delay"), QUALITY("quality"), SYSTEM_FAULT("system_fault"), REFUND("refund"),
  ACCOUNT("account"), OTHER("other");

  final String code;

  TicketCategory(String code) {
    this.code = code;
  }
}
