package io.c360.core.clv;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple4;

/**
 * Draws customers from a BG/NBD model, directly as a summary (customer_id, x, t_x, T), for benchmarks and
 * parameter-recovery tests. Each customer gets lambda ~ Gamma(r, 1/alpha) and p ~ Beta(a, b), an age T uniform
 * in [minAge, maxAge], then Poisson purchases after the first one, dropping out after each repeat purchase with
 * probability p. With a positive resolution (e.g. 1/7: days when the unit is weeks) T and t_x are floored to it,
 * as in data recorded by day. Deterministic for a seed and a partition count.
 *
 * @param model      true parameters
 * @param minAge     smallest T
 * @param maxAge     largest T
 * @param resolution time grid of t_x and T, or 0 for continuous times
 */
public record BgNbdSimulator(BgNbd model, double minAge, double maxAge, double resolution) {

  public BgNbdSimulator {
    if (!(minAge > 0 && maxAge >= minAge) || !(resolution >= 0)) {
      throw new IllegalArgumentException("need 0 < minAge <= maxAge and resolution >= 0, got " + minAge + ", "
          + maxAge + ", " + resolution);
    }
  }

  /** CDNOW-like: first purchases spread over 12 weeks before a 39-week calibration end, times in whole days. */
  public static BgNbdSimulator cdnowLike(BgNbd model) {
    return new BgNbdSimulator(model, 27.0, 39.0, 1.0 / 7);
  }

  public Dataset<Row> simulate(SparkSession spark, long customers, int partitions, long seed) {
    BgNbd m = model;
    double lo = minAge;
    double hi = maxAge;
    double grid = resolution;
    MapPartitionsFunction<Long, Tuple4<Long, Long, Double, Double>> draw = ids -> draws(ids, m, lo, hi, grid, seed);
    return spark.range(0, customers, 1, partitions).as(Encoders.LONG())
        .mapPartitions(draw, Encoders.tuple(Encoders.LONG(), Encoders.LONG(), Encoders.DOUBLE(), Encoders.DOUBLE()))
        .toDF(ClvSummary.CUSTOMER, ClvSummary.X, ClvSummary.T_X, ClvSummary.AGE);
  }

  /** Customers of one partition; the generator is seeded by the seed and the partition's first id. */
  private static Iterator<Tuple4<Long, Long, Double, Double>> draws(Iterator<Long> ids, BgNbd m, double lo, double hi,
                                                                     double grid, long seed) {
    return new Iterator<>() {
      private RandomGenerator rng;
      private GammaDistribution lambdas;
      private BetaDistribution dropouts;

      @Override
      public boolean hasNext() {
        return ids.hasNext();
      }

      @Override
      public Tuple4<Long, Long, Double, Double> next() {
        if (!ids.hasNext()) {
          throw new NoSuchElementException();
        }
        long id = ids.next();
        if (rng == null) {
          rng = new Well19937c(new int[] {(int) seed, (int) (seed >>> 32), (int) id, (int) (id >>> 32)});
          lambdas = new GammaDistribution(rng, m.r(), 1 / m.alpha());
          dropouts = new BetaDistribution(rng, m.a(), m.b());
        }
        double lambda = lambdas.sample();
        double p = dropouts.sample();
        double age = lo + (hi - lo) * rng.nextDouble();
        long x = 0;
        double tx = 0;
        double t = 0;
        while (lambda > 0) {
          t += -Math.log1p(-rng.nextDouble()) / lambda;
          if (t > age) {
            break;
          }
          x++;
          tx = t;
          if (rng.nextDouble() < p) {
            break;
          }
        }
        if (grid > 0) {
          age = Math.floor(age / grid) * grid;
          tx = Math.floor(tx / grid) * grid;
        }
        return new Tuple4<>(id, x, tx, age);
      }
    };
  }
}
