package io.c360.jobs.generate;

/** App and location events ({@code events.event_type}). */
enum EventType {
  VIEW("view"), ADD_TO_CART("add_to_cart"), CHECKOUT("checkout"), ORDER("order"), LOGIN("login"), SEARCH("search"),
  STORE_VISIT("store_visit");

  static final EventType[] ALL = values();

  final String code;

  EventType(String code) {
    this.code = code;
  }
}
