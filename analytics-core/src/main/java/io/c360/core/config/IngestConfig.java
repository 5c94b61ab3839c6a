package io.c360.core.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Cleaning rules applied by ingest.
 *
 * @param maxFieldLength      longest accepted value of an ordinary column (characters)
 * @param maxTextLength       longest accepted free text (ticket and review texts)
 * @param minDate             dates and times before this are rejected as TOO_OLD
 * @param futureToleranceDays times later than the as-of date plus this many days are FUTURE_TIMESTAMP
 * @param currencies          accepted ISO 4217 codes (upper case)
 * @param maxAmount           amounts (order totals, prices, discounts, costs) above this are OUT_OF_RANGE
 * @param maxQuantity         order-line quantities above this are OUT_OF_RANGE
 * @param parallelSources     sources checked and written at the same time (1 = one after another)
 */
public record IngestConfig(int maxFieldLength, int maxTextLength, LocalDate minDate, int futureToleranceDays,
                           List<String> currencies, double maxAmount, long maxQuantity, int parallelSources) {
  public IngestConfig {
    if (!(maxAmount > 0)) {
      throw new ConfigException("c360.ingest.max-amount must be > 0, got " + maxAmount);
    }
    if (maxQuantity < 1) {
      throw new ConfigException("c360.ingest.max-quantity must be >= 1, got " + maxQuantity);
    }
    if (maxFieldLength < 8) {
      throw new ConfigException("c360.ingest.max-field-length must be >= 8, got " + maxFieldLength);
    }
    if (maxTextLength < maxFieldLength) {
      throw new ConfigException("c360.ingest.max-text-length must be >= max-field-length, got " + maxTextLength);
    }
    if (futureToleranceDays < 0) {
      throw new ConfigException("c360.ingest.future-tolerance-days must be >= 0, got " + futureToleranceDays);
    }
    if (parallelSources < 1) {
      throw new ConfigException("c360.ingest.parallel-sources must be >= 1, got " + parallelSources);
    }
    if (currencies.isEmpty()) {
      throw new ConfigException("c360.ingest.currencies must list at least one currency");
    }
    currencies = currencies.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).toList();
  }
}
