package io.c360.jobs.generate;

/**
 * One marketing touch ({@code campaign_touches} row).
 *
 * @param seq         per-person sequence number
 * @param ts          timestamp (seconds)
 * @param channel     marketing channel
 * @param campaign    campaign name
 * @param withAccount whether the row carries the account id
 * @param withMember  whether the row carries the member id
 * @param phone       formatted phone on the row, or null
 */
record Touch(int seq, long ts, MarketingChannel channel, String campaign, boolean withAccount, boolean withMember,
             String phone) {

  int day() {
    return (int) Math.floorDiv(ts, 86_400L);
  }
}
