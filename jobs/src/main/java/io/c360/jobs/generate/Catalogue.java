package io.c360.jobs.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The product catalogue: about {@value #TARGET_SIZE} SKUs over the {@link Category categories}, generated from the
 * seed alone (not from {@code end}). Within a category, demand follows a Zipf-like popularity by rank. About 12% of
 * the items launch after {@code start} ("new products"). Complement rules make some items bought together: a
 * smartphone pulls a case and a charger of the same brand, a tablet a screen protector, coffee beans fresh milk,
 * infant formula a bottle, dog food dog treats.
 */
final class Catalogue {

  static final int TARGET_SIZE = 1000;
  /** Days after its launch during which an item counts as new (what novelty seekers look for). */
  static final int NEW_PRODUCT_DAYS = 120;
  private static final double NEW_PRODUCT_SHARE = 0.12;
  private static final int NEW_PRODUCT_LAUNCH_SPAN_DAYS = 3 * 365;
  private static final String[] VARIANTS_EN = {"", " 500g", " 1kg", " Family Pack", " Value Pack", " Mini", " Plus",
      " Classic", " Large", " Lite"};
  private static final String[] VARIANTS_ZH = {"", " 500克", " 1公斤", " 家庭装", " 超值装", " 迷你装", " 升级款", " 经典款",
      " 大号", " 轻享版"};
  /** (source category, source noun, target category, target noun, probability). */
  private static final Object[][] COMPLEMENT_RULES = {
      {Category.ELECTRONICS, "Smartphone", Category.PHONE_ACCESSORIES, "Phone Case", 0.55},
      {Category.ELECTRONICS, "Smartphone", Category.PHONE_ACCESSORIES, "Fast Charger", 0.35},
      {Category.ELECTRONICS, "Tablet", Category.PHONE_ACCESSORIES, "Screen Protector", 0.40},
      {Category.BEVERAGES, "Coffee Beans", Category.DAIRY, "Fresh Milk", 0.30},
      {Category.BABY, "Infant Formula", Category.BABY, "Baby Bottle", 0.20},
      {Category.PET, "Dog Food", Category.PET, "Dog Treats", 0.35}};
  private static final int[] NONE = new int[0];
  private static final double[] NO_PROBS = new double[0];

  private final Product[] products;
  private final int[][] byCategory;
  private final double[][] popularityCum;
  private final int[][] byLaunch;
  private final int[][] launchDays;
  private final int[][] complements;
  private final double[][] complementProbs;

  Catalogue(long seed, int startDay) {
    SplittableRandom r = Seeds.global(seed, 0xCA7A1061EL);
    double weightSum = 0.0;
    for (Category c : Category.ALL) {
      weightSum += c.weight;
    }
    List<Product> all = new ArrayList<>();
    byCategory = new int[Category.ALL.length][];
    popularityCum = new double[Category.ALL.length][];
    byLaunch = new int[Category.ALL.length][];
    launchDays = new int[Category.ALL.length][];
    for (Category c : Category.ALL) {
      int n = Math.max(30, (int) Math.round(TARGET_SIZE * c.weight / weightSum));
      double[] nounPrice = new double[c.nounsEn.length];
      for (int k = 0; k < nounPrice.length; k++) {
        nounPrice[k] = StrictMath.exp(0.5 * Dist.normal(r));
      }
      int[] members = new int[n];
      double[] weights = new double[n];
      for (int k = 0; k < n; k++) {
        int noun = k % c.nounsEn.length;
        String brand = c.brands[r.nextInt(c.brands.length)];
        int variant = r.nextInt(VARIANTS_EN.length);
        String name = Dist.chance(r, 0.3)
            ? brand + " " + c.nounsZh[noun] + VARIANTS_ZH[variant]
            : brand + " " + c.nounsEn[noun] + VARIANTS_EN[variant];
        double price = Dist.logNormal(r, c.medianPrice * nounPrice[noun], c.priceSigma);
        long cents = Math.max(190L, Math.round(price) * 100L - 10L);
        boolean isNew = k >= c.nounsEn.length && Dist.chance(r, NEW_PRODUCT_SHARE);
        int launch = isNew ? startDay + r.nextInt(NEW_PRODUCT_LAUNCH_SPAN_DAYS) : startDay - 1 - r.nextInt(6 * 365);
        int index = all.size();
        all.add(new Product(index, Ids.sku(index), name, c, brand, noun, cents, launch));
        members[k] = index;
        weights[k] = 1.0 / StrictMath.pow(k + 1.0, 0.85);
      }
      byCategory[c.ordinal()] = members;
      popularityCum[c.ordinal()] = Dist.cumulative(weights);
    }
    products = all.toArray(new Product[0]);
    for (Category c : Category.ALL) {
      int[] sorted = Arrays.stream(byCategory[c.ordinal()]).boxed()
          .sorted(Comparator.comparingInt((Integer i) -> products[i].launchDay()).thenComparingInt(i -> i))
          .mapToInt(Integer::intValue).toArray();
      byLaunch[c.ordinal()] = sorted;
      launchDays[c.ordinal()] = Arrays.stream(sorted).map(i -> products[i].launchDay()).toArray();
    }
    complements = new int[products.length][];
    complementProbs = new double[products.length][];
    buildComplements();
  }

  private void buildComplements() {
    Arrays.fill(complements, NONE);
    Arrays.fill(complementProbs, NO_PROBS);
    for (Object[] rule : COMPLEMENT_RULES) {
      Category from = (Category) rule[0];
      int fromNoun = from.noun((String) rule[1]);
      Category to = (Category) rule[2];
      int toNoun = to.noun((String) rule[3]);
      double p = (Double) rule[4];
      for (int source : byCategory[from.ordinal()]) {
        if (products[source].noun() != fromNoun) {
          continue;
        }
        int target = -1;
        for (int candidate : byCategory[to.ordinal()]) {
          Product t = products[candidate];
          if (t.noun() != toNoun) {
            continue;
          }
          if (target < 0 || t.brand().equals(products[source].brand()) && !products[target].brand()
              .equals(products[source].brand())) {
            target = candidate;
          }
        }
        if (target >= 0) {
          complements[source] = append(complements[source], target);
          complementProbs[source] = append(complementProbs[source], p);
        }
      }
    }
  }

  private static int[] append(int[] a, int v) {
    int[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

  private static double[] append(double[] a, double v) {
    double[] b = Arrays.copyOf(a, a.length + 1);
    b[a.length] = v;
    return b;
  }

  int size() {
    return products.length;
  }

  Product product(int index) {
    return products[index];
  }

  /** An item of the category by popularity, launched by {@code day}; the cheaper of two draws if asked. */
  int choose(Category c, int day, boolean cheaper, SplittableRandom r) {
    int first = popular(c, day, r);
    if (!cheaper) {
      return first;
    }
    int second = popular(c, day, r);
    return products[second].listPriceCents() < products[first].listPriceCents() ? second : first;
  }

  private int popular(Category c, int day, SplittableRandom r) {
    int[] members = byCategory[c.ordinal()];
    for (int attempt = 0; attempt < 4; attempt++) {
      int p = members[Dist.pick(r, popularityCum[c.ordinal()])];
      if (products[p].launchDay() <= day) {
        return p;
      }
    }
    return members[0];
  }

  /** An item of the category launched by {@code day}, drawn by popularity (a person's favourite). */
  int established(Category c, int day, SplittableRandom r) {
    return popular(c, day, r);
  }

  /** An item launched within {@value #NEW_PRODUCT_DAYS} days before {@code day}, or -1 if there is none. */
  int newest(Category c, int day, SplittableRandom r) {
    int[] days = launchDays[c.ordinal()];
    int hi = upperBound(days, day);
    int lo = upperBound(days, day - NEW_PRODUCT_DAYS);
    if (hi <= lo) {
      return -1;
    }
    return byLaunch[c.ordinal()][lo + r.nextInt(hi - lo)];
  }

  /** Whether the item was launched within {@value #NEW_PRODUCT_DAYS} days before {@code day}. */
  boolean isNew(int product, int day) {
    int launch = products[product].launchDay();
    return launch <= day && launch > day - NEW_PRODUCT_DAYS;
  }

  private static int upperBound(int[] sorted, int value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  int[] complements(int product) {
    return complements[product];
  }

  double[] complementProbs(int product) {
    return complementProbs[product];
  }
}
