package io.c360.jobs.generate;

/**
 * One catalogue item.
 *
 * @param index          position in the catalogue (the SKU number minus one)
 * @param sku            e.g. {@code SKU00042}
 * @param name           display name, English or Chinese
 * @param category       its category
 * @param brand          brand name
 * @param noun           index of its noun in the category's noun list (what kind of item it is)
 * @param listPriceCents list price in fen (CNY cents)
 * @param launchDay      epoch day of its launch; it can be bought from that day on
 */
record Product(int index, String sku, String name, Category category, String brand, int noun, long listPriceCents,
               int launchDay) {
}
