package io.c360.core.profile;

import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;

/**
 * The point in time a profile is computed for: everything up to and including the as-of date (in the session
 * time zone), nothing after it. "Last N days" means the N days ending on the as-of date.
 */
public record AsOfWindow(LocalDate date) {

  /** The as-of date as a literal column. */
  public Column day() {
    return lit(Date.valueOf(date));
  }

  /** True for a timestamp up to the end of the as-of date. */
  public Column seen(Column timestamp) {
    return timestamp.lt(lit(Date.valueOf(date.plusDays(1))).cast("timestamp"));
  }

  /** True for a date within the N days ending on the as-of date. */
  public Column lastDays(Column day, int days) {
    return day.gt(date_sub(day(), days)).and(day.leq(day()));
  }
}
