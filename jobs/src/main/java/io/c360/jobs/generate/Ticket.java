package io.c360.jobs.generate;

/**
 * One customer-service ticket.
 *
 * @param seq             per-person sequence number
 * @param createdTs       creation time (seconds)
 * @param firstResponseTs first agent response, or {@link World#NEVER}
 * @param resolvedTs      resolution time, or {@link World#NEVER} while open
 * @param category        true category
 * @param categoryHidden  whether the source row leaves the category empty (to be predicted)
 * @param priority        low, normal, high or urgent
 * @param text            the customer's message
 * @param satisfaction    1-5 after resolution, 0 when not answered
 * @param withMember      whether the row carries the member id
 * @param phone           formatted phone on the row, or null
 */
record Ticket(int seq, long createdTs, long firstResponseTs, long resolvedTs, TicketCategory category,
              boolean categoryHidden, String priority, String text, int satisfaction, boolean withMember,
              String phone) {
}
