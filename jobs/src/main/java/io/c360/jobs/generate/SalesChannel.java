package io.c360.jobs.generate;

/** Where an order was placed ({@code orders.channel}). */
enum SalesChannel {
  APP("app"), WEB("web"), STORE("store"), MINI_PROGRAM("mini_program");

  static final SalesChannel[] ALL = values();

  final String code;

  SalesChannel(String code) {
    this.code = code;
  }

  /** Orders placed on a phone leave a trail of app events (view, add_to_cart, checkout, order). */
  boolean mobile() {
    return this == APP || this == MINI_PROGRAM;
  }
}
