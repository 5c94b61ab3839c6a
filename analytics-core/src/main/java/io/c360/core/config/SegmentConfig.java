package io.c360.core.config;

import java.time.MonthDay;
import java.util.List;
import java.util.Map;

/**
 * Segmentation and tagging rules ({@code c360.segments}). Every threshold is documented with its default in
 * c360-defaults.conf; constructors reject values that cannot work, naming the key.
 */
public record SegmentConfig(Rfm rfm, FiveTiers fiveTiers, List<RfmName> rfmNames, Lifecycle lifecycle,
                            ValueQuadrant valueQuadrant, EarlyWarning earlyWarning, Tags tags, Growth growth,
                            Kpis kpis) {

  private static final String P = "c360.segments.";

  public SegmentConfig {
    rfmNames = List.copyOf(rfmNames);
    if (rfmNames.isEmpty()) {
      throw new ConfigException(P + "rfm-names must name at least one segment");
    }
    for (RfmName rule : rfmNames) {
      if (rule.rMax() > rfm.bins() || rule.fMax() > rfm.bins()) {
        throw new ConfigException(P + "rfm-names: " + rule.name() + " uses a score above rfm.bins = " + rfm.bins());
      }
    }
    for (int r = 1; r <= rfm.bins(); r++) {
      for (int f = 1; f <= rfm.bins(); f++) {
        final int rr = r;
        final int ff = f;
        if (rfmNames.stream().noneMatch(n -> n.matches(rr, ff))) {
          throw new ConfigException(P + "rfm-names must cover every R/F score pair; none matches R=" + r + " F=" + f);
        }
      }
    }
    check(fiveTiers.highValueMinMScore() <= rfm.bins(), "five-tiers.high-value-min-m-score must be <= rfm.bins");
    check(valueQuadrant.highValueMinMScore() <= rfm.bins(),
        "value-quadrant.high-value-min-m-score must be <= rfm.bins");
    check(growth.frequencyCoefficients().size() == rfm.bins(),
        "growth.frequency-coefficients needs one coefficient per F score (rfm.bins = " + rfm.bins() + "), got "
            + growth.frequencyCoefficients().size());
  }

  static void check(boolean ok, String message) {
    if (!ok) {
      throw new ConfigException(P + message);
    }
  }

  /**
   * @param frequencyWindowDays orders counted for F: the N days ending on the as-of date
   * @param monetaryWindowDays  paid revenue counted for M: the N days ending on the as-of date
   * @param bins                score levels (5: scores 1-5)
   */
  public record Rfm(int frequencyWindowDays, int monetaryWindowDays, int bins) {
    public Rfm {
      check(frequencyWindowDays >= 1, "rfm.frequency-window-days must be >= 1, got " + frequencyWindowDays);
      check(monetaryWindowDays >= 1, "rfm.monetary-window-days must be >= 1, got " + monetaryWindowDays);
      check(bins >= 2 && bins <= 10, "rfm.bins must be between 2 and 10, got " + bins);
    }
  }

  /** The five tiers, tested in the order lost, sleeping, high_value, active, potential (first match wins). */
  public record FiveTiers(int lostMinRecencyDays, int sleepingMinRecencyDays, int highValueMaxRecencyDays,
                          double highValueMinOrdersPerMonth, int highValueMinMScore, int monthlyRateWindowDays,
                          double activeMinOrdersPerMonth, int activeMaxMScore) {
    public FiveTiers {
      check(sleepingMinRecencyDays >= 1 && sleepingMinRecencyDays < lostMinRecencyDays,
          "five-tiers.sleeping-min-recency-days must be between 1 and lost-min-recency-days - 1, got "
              + sleepingMinRecencyDays);
      check(highValueMaxRecencyDays >= 0 && highValueMaxRecencyDays <= sleepingMinRecencyDays,
          "five-tiers.high-value-max-recency-days must be between 0 and sleeping-min-recency-days, got "
              + highValueMaxRecencyDays);
      check(monthlyRateWindowDays >= 30, "five-tiers.monthly-rate-window-days must be >= 30, got "
          + monthlyRateWindowDays);
      check(highValueMinMScore >= 1, "five-tiers.high-value-min-m-score must be >= 1, got " + highValueMinMScore);
      check(activeMaxMScore >= 1, "five-tiers.active-max-m-score must be >= 1, got " + activeMaxMScore);
      check(highValueMinOrdersPerMonth > 0 && activeMinOrdersPerMonth > 0,
          "five-tiers orders-per-month thresholds must be > 0");
    }
  }

  /** A classic RFM name for R scores rMin..rMax and F scores fMin..fMax. */
  public record RfmName(String name, int rMin, int rMax, int fMin, int fMax) {
    public RfmName {
      check(name != null && name.matches("[a-z][a-z0-9_]*"), "rfm-names: name must be snake_case, got '" + name + "'");
      check(rMin >= 1 && rMin <= rMax && fMin >= 1 && fMin <= fMax,
          "rfm-names: " + name + " needs 1 <= r[0] <= r[1] and 1 <= f[0] <= f[1]");
    }

    public boolean matches(int r, int f) {
      return r >= rMin && r <= rMax && f >= fMin && f <= fMax;
    }
  }

  /**
   * Lifecycle stages, tested in the order churned, new, declining, growing, mature.
   *
   * @param newMaxTenureDays         new: first order at most this many days ago (or a single order day)
   * @param churnedMinRecencyDays    churned: no order for more than this many days ...
   * @param churnedCadenceMultiple   ... and more than this many times the customer's mean interval
   * @param decliningCadenceMultiple declining: recency beyond this many mean intervals
   * @param trendIntervals           the latest N intervals are compared with the mean of all intervals
   * @param growingMaxIntervalRatio  growing: latest intervals' mean / overall mean at most this
   * @param decliningMinIntervalRatio declining: that ratio at least this
   */
  public record Lifecycle(int newMaxTenureDays, int churnedMinRecencyDays, double churnedCadenceMultiple,
                          double decliningCadenceMultiple, int trendIntervals, double growingMaxIntervalRatio,
                          double decliningMinIntervalRatio) {
    public Lifecycle {
      check(newMaxTenureDays >= 0, "lifecycle.new-max-tenure-days must be >= 0");
      check(churnedMinRecencyDays >= 1, "lifecycle.churned-min-recency-days must be >= 1");
      check(churnedCadenceMultiple > 0 && decliningCadenceMultiple > 0, "lifecycle cadence multiples must be > 0");
      check(trendIntervals >= 1, "lifecycle.trend-intervals must be >= 1, got " + trendIntervals);
      check(growingMaxIntervalRatio < decliningMinIntervalRatio,
          "lifecycle.growing-max-interval-ratio must be below declining-min-interval-ratio");
    }
  }

  /**
   * @param highValueMinMScore current value is high from this M score on
   * @param trendWindowDays    spend trend = revenue of the last N days annualised / revenue of the last 365 days
   * @param highPotentialMinTrend potential is high from this trend on
   */
  public record ValueQuadrant(int highValueMinMScore, int trendWindowDays, double highPotentialMinTrend) {
    public ValueQuadrant {
      check(highValueMinMScore >= 1, "value-quadrant.high-value-min-m-score must be >= 1");
      check(trendWindowDays == 30 || trendWindowDays == 90,
          "value-quadrant.trend-window-days must be 30 or 90 (customer_360 windows), got " + trendWindowDays);
      check(highPotentialMinTrend > 0, "value-quadrant.high-potential-min-trend must be > 0");
    }
  }

  /** Flag customers not yet lost who are inactive this long or beyond a multiple of their own mean interval. */
  public record EarlyWarning(int inactiveDays, double cadenceMultiple) {
    public EarlyWarning {
      check(inactiveDays >= 1, "early-warning.inactive-days must be >= 1, got " + inactiveDays);
      check(cadenceMultiple > 0, "early-warning.cadence-multiple must be > 0, got " + cadenceMultiple);
    }
  }

  /**
   * Tag rules. Share-based behaviour tags need {@code minOrders} orders. Scenario tags look at the orders of the
   * last {@code windowDays} days. {@code ruleVersions}: tag -> short hash of its rule's settings.
   */
  public record Tags(int minOrders, double priceSensitiveMinDiscountShare, double noveltySeekerMinNewProductShare,
                     double highReturnMinReturnRate, int frequentComplainerMinTickets90d, int windowDays,
                     double weekendFamilyMinWeekendShare, List<String> familyCategories,
                     double weekendFamilyMinFamilyLineShare, List<MonthDay[]> holidayWindows,
                     double holidayMinOrderShare, int holidayMinOrders, int restockMaxLines,
                     int restockMaxDaysSincePrevious, int restockMinOrders, List<String> healthyCategories,
                     double healthyMinLineShare, Map<String, String> ruleVersions) {
    public Tags {
      familyCategories = List.copyOf(familyCategories);
      healthyCategories = List.copyOf(healthyCategories);
      holidayWindows = List.copyOf(holidayWindows);
      ruleVersions = Map.copyOf(ruleVersions);
      check(minOrders >= 1, "tags.min-orders must be >= 1, got " + minOrders);
      check(windowDays >= 1, "tags.window-days must be >= 1, got " + windowDays);
      for (double share : new double[] {priceSensitiveMinDiscountShare, noveltySeekerMinNewProductShare,
          highReturnMinReturnRate, weekendFamilyMinWeekendShare, weekendFamilyMinFamilyLineShare,
          holidayMinOrderShare, healthyMinLineShare}) {
        check(share > 0 && share <= 1, "tags: every share threshold must be in (0, 1], got " + share);
      }
      check(!familyCategories.isEmpty(), "tags.weekend-family-shopper.categories must not be empty");
      check(!healthyCategories.isEmpty(), "tags.healthy-eating.categories must not be empty");
      check(restockMaxLines >= 1 && restockMaxDaysSincePrevious >= 0 && restockMinOrders >= 1,
          "tags.emergency-restock needs max-lines >= 1, max-days-since-previous >= 0, min-orders >= 1");
    }
  }

  /**
   * Membership growth value = monetary x category coefficient (favourite category) x frequency coefficient (by F
   * score); the suggested tier is the highest whose threshold it reaches (bronze below silver).
   */
  public record Growth(Map<String, Double> categoryCoefficients, double defaultCategoryCoefficient,
                       List<Double> frequencyCoefficients, double silver, double gold, double diamond) {
    public Growth {
      categoryCoefficients = Map.copyOf(categoryCoefficients);
      frequencyCoefficients = List.copyOf(frequencyCoefficients);
      check(defaultCategoryCoefficient > 0, "growth.default-category-coefficient must be > 0");
      check(categoryCoefficients.values().stream().allMatch(v -> v > 0),
          "growth.category-coefficients must all be > 0");
      check(frequencyCoefficients.stream().allMatch(v -> v > 0), "growth.frequency-coefficients must all be > 0");
      check(silver > 0 && silver < gold && gold < diamond,
          "growth.tiers must rise: 0 < silver < gold < diamond, got " + silver + ", " + gold + ", " + diamond);
    }
  }

  /**
   * @param activeDays           an active customer ordered in the last N days
   * @param retentionPeriodDays  retention: customers who ordered in the previous period and again in this one
   */
  public record Kpis(int activeDays, int retentionPeriodDays) {
    public Kpis {
      check(activeDays >= 1, "kpis.active-days must be >= 1, got " + activeDays);
      check(retentionPeriodDays >= 1, "kpis.retention-period-days must be >= 1, got " + retentionPeriodDays);
    }
  }
}
