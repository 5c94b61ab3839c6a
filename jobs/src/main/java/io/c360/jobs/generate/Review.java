package io.c360.jobs.generate;

/**
 * One product review of an order.
 *
 * @param seq        per-person sequence number
 * @param orderKey   key of the reviewed order
 * @param ts         creation time (seconds)
 * @param rating     1-5, consistent with the order's experience
 * @param text       review text
 * @param withMember whether the row carries the member id
 */
record Review(int seq, long orderKey, long ts, int rating, String text, boolean withMember) {
}
