package io.c360.jobs.generate;

/**
 * Marketing channels with their true causal effect: a touch multiplies the person's purchase rate by
 * {@link #upliftFactor} for {@link #durationDays} days from the touch day (overlapping touches: the largest factor
 * applies). Touches are scheduled at random (independently of behaviour) among consenting members, so the effect is
 * identifiable. Cost per touch in fen. The factors are evenly spaced (display has no effect at all) and far enough
 * apart (about 2.5 standard errors of the difference of two channels' conversions per 1,000 touches at 20,000
 * customers) for the order of the channels to be recoverable from the data.
 */
enum MarketingChannel {
  SMS("sms", 1.60, 5, 5, 0.30),
  EMAIL("email", 1.30, 7, 1, 0.20),
  PUSH("push", 1.90, 3, 0, 0.20),
  WECHAT("wechat", 2.20, 7, 8, 0.20),
  DISPLAY("display", 1.00, 10, 30, 0.10);

  static final MarketingChannel[] ALL = values();
  static final double[] SHARE_CUM;
  static final double MAX_FACTOR;

  static {
    double[] w = new double[ALL.length];
    double max = 1.0;
    for (MarketingChannel c : ALL) {
      w[c.ordinal()] = c.share;
      max = Math.max(max, c.upliftFactor);
    }
    SHARE_CUM = Dist.cumulative(w);
    MAX_FACTOR = max;
  }

  final String code;
  final double upliftFactor;
  final int durationDays;
  final long costCents;
  final double share;

  MarketingChannel(String code, double upliftFactor, int durationDays, long costCents, double share) {
    this.code = code;
    this.upliftFactor = upliftFactor;
    this.durationDays = durationDays;
    this.costCents = costCents;
    this.share = share;
  }
}
