package io.c360.core.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.c360.core.catalog.Columns;
import org.apache.spark.sql.Column;

/**
 * A fixed sample of customers by a hash of customer_id: the same customers on every run and at every date, and a
 * smaller share's customers are part of a larger share's. Churn trains on one (c360.churn.training-customers) and
 * the recommendations' offline evaluation runs on one (c360.recommendations.evaluation-customers).
 */
public final class CustomerSample {

  private static final long BUCKETS = 1_000_000L;

  private CustomerSample() {
  }

  /** The share of {@code customers} that samples about {@code wanted} of them: 1 when wanted is 0 or not fewer. */
  public static double share(long wanted, long customers) {
    return wanted == 0 || customers <= wanted ? 1 : wanted / (double) customers;
  }

  /** True for the customers (column customer_id) in the sample of about {@code share} (in (0, 1]) of them. */
  public static Column of(double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("a customer sample's share must be in (0, 1], got " + share);
    }
    return pmod(xxhash64(col(Columns.CUSTOMER_ID)), lit(BUCKETS)).lt(lit(Math.round(share * BUCKETS)));
  }
}
