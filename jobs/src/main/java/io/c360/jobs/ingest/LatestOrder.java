package io.c360.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.c360.core.catalog.Source;
import io.c360.core.config.C360Config;
import io.c360.core.config.SourceConfig;
import io.c360.core.ingest.IngestTransform;
import io.c360.core.ingest.RawValues;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The day of the latest order in the orders source: the as-of date of a pipeline run that names none. */
public final class LatestOrder {

  private LatestOrder() {
  }

  /**
   * The day of the latest order time among the orders rows that pass ingest's checks as of today (so a mistyped
   * future date does not count), or empty when no row has one.
   */
  public static Optional<LocalDate> day(SparkSession spark, C360Config config, Path inputDir) {
    SourceConfig orders = config.sources().get(Source.ORDERS);
    Optional<SourceBatch> batch = new SourceReader(spark).open(orders, inputDir);
    if (batch.isEmpty()) {
      return Optional.empty();
    }
    IngestTransform check = new IngestTransform(batch.get().contract(), config.ingest(),
        LocalDate.now(ZoneOffset.UTC), orders.formats());
    Row latest = check.transform(RawValues.apply(batch.get().raw(), orders), "latest-order",
            Timestamp.from(Instant.now()), null)
        .where(IngestTransform.isValid()).agg(max(col("order_ts"))).first();
    return latest.isNullAt(0) ? Optional.empty()
        : Optional.of(latest.getTimestamp(0).toLocalDateTime().toLocalDate());
  }
}
