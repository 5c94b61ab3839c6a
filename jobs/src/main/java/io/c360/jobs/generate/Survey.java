package io.c360.jobs.generate;

/**
 * One NPS/CES survey answer.
 *
 * @param seq        per-person sequence number
 * @param ts         answer time (seconds)
 * @param nps        0-10 likelihood to recommend
 * @param ces        1 (very hard) .. 7 (very easy) customer effort
 * @param withMember whether the row carries the member id
 * @param phone      formatted phone on the row, or null
 */
record Survey(int seq, long ts, int nps, int ces, boolean withMember, String phone) {
}
