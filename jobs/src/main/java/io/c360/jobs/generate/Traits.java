package io.c360.jobs.generate;

/**
 * The latent parameters of one person, drawn once and fixed for the whole simulation.
 *
 * @param index               person index (0-based)
 * @param preExisting         already a customer at {@code start} (no acquisition purchase in the data)
 * @param acquiredDay         epoch day from which the person buys
 * @param purchaseRate        base purchases per day while alive (gamma-distributed across persons)
 * @param dropoutProb         probability of dropping out after each repeat purchase (beta-distributed)
 * @param basketMean          median basket value in CNY (log-normal across persons)
 * @param categoryCum         running sums of the category preference weights, indexed by {@link Category} ordinal
 * @param channelCum          running sums of the sales-channel preference, indexed by {@link SalesChannel} ordinal
 * @param issueRate           probability that an order goes wrong (delivery delay, quality, ...)
 * @param emergencyRate       late-evening restock orders per day (0 unless an emergency restocker)
 * @param weekendShopper      buys mostly on Saturday and Sunday, family-size baskets
 * @param priceSensitive      buys in promotions, with high discount shares and coupons
 * @param noveltySeeker       prefers items launched in the last {@value Catalogue#NEW_PRODUCT_DAYS} days
 * @param healthyEater        strong preference for healthy_food and fresh
 * @param emergencyRestocker  places small urgent late-evening household/baby orders
 * @param returnProne         cancels and returns more often
 * @param hasBaby             buys baby items (0 weight otherwise)
 * @param hasPet              buys pet items (0 weight otherwise)
 * @param appUser             uses the app (has devices and events)
 * @param member              has a membership record
 * @param consent             member with marketing consent (receives campaign touches)
 * @param guestOnly           never registers an account: all orders are guest orders
 * @param unlinkable          member record shares no identifier with the order system
 * @param surveyed            member answering NPS/CES surveys
 * @param secondDevice        switches to a second device at some point
 * @param npsBaseline         the person's typical NPS answer without recent bad experiences
 * @param favourites          favourite replenishable products (catalogue indices)
 * @param cycles              replenishment cycle in days of each favourite
 */
record Traits(long index, boolean preExisting, int acquiredDay, double purchaseRate, double dropoutProb,
              double basketMean, double[] categoryCum, double[] channelCum, double issueRate, double emergencyRate,
              boolean weekendShopper, boolean priceSensitive, boolean noveltySeeker, boolean healthyEater,
              boolean emergencyRestocker, boolean returnProne, boolean hasBaby, boolean hasPet, boolean appUser,
              boolean member, boolean consent, boolean guestOnly, boolean unlinkable, boolean surveyed,
              boolean secondDevice, double npsBaseline, int[] favourites, int[] cycles) {
}
