package io.c360.jobs.generate;

import java.util.List;

/**
 * Everything simulated for one person up to the horizon, before cutting by {@code end} and {@code from}.
 *
 * @param traits    latent parameters
 * @param contact   identifiers and personal data
 * @param orders    orders in time order
 * @param dropoutTs moment of dropout, {@link World#NEVER} if alive at the horizon
 * @param tickets   service tickets
 * @param reviews   reviews
 * @param surveys   NPS/CES answers
 * @param events    app and location events
 * @param touches   marketing touches
 */
record PersonHistory(Traits traits, Contact contact, List<Order> orders, long dropoutTs, List<Ticket> tickets,
                     List<Review> reviews, List<Survey> surveys, List<AppEvent> events, List<Touch> touches) {
}
