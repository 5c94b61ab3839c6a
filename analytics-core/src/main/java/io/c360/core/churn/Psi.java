package io.c360.core.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Population stability index of a numeric column between a reference (e.g. the training rows) and a current
 * Dataset: {@code PSI = sum over buckets (cur - ref) * ln(cur / ref)} of the bucket shares. Buckets are the
 * deciles of the reference (cut points from {@code approxQuantile}, relative error 1e-4; equal cut points are
 * merged), bucket i holding values in (cut[i-1], cut[i]]; missing values (null, NaN) form one more bucket when
 * either side has any. A share of 0 is replaced by {@link #EPSILON} so that an empty bucket gives a large but
 * finite term. Common reading: below 0.1 stable, 0.1-0.25 moderate shift, above 0.25 significant shift.
 */
public final class Psi {

  public static final double EPSILON = 1e-4;
  public static final int BUCKETS = 10;

  private Psi() {
  }

  /** The index with its buckets. */
  public record Result(double psi, double[] cutPoints, double[] referenceShares, double[] currentShares) {
  }

  public static Result of(Dataset<Row> reference, Dataset<Row> current, String column) {
    Column value = col(ChurnModel.quote(column)).cast("double");
    Dataset<Row> ref = reference.select(value.as("v"));
    double[] probabilities = new double[BUCKETS - 1];
    for (int i = 0; i < probabilities.length; i++) {
      probabilities[i] = (i + 1) / (double) BUCKETS;
    }
    double[] cuts = Arrays.stream(ref.where(col("v").isNotNull().and(not(isnan(col("v"))))).stat()
        .approxQuantile("v", probabilities, 1e-4)).distinct().sorted().toArray();
    long[] refCounts = counts(ref, cuts);
    long[] curCounts = counts(current.select(value.as("v")), cuts);
    long refTotal = Arrays.stream(refCounts).sum();
    long curTotal = Arrays.stream(curCounts).sum();
    if (refTotal == 0 || curTotal == 0) {
      throw new IllegalArgumentException("PSI of " + column + " needs rows on both sides, got " + refTotal
          + " reference and " + curTotal + " current rows");
    }
    boolean missing = refCounts[cuts.length + 1] > 0 || curCounts[cuts.length + 1] > 0;
    int buckets = cuts.length + (missing ? 2 : 1);
    double[] refShares = new double[buckets];
    double[] curShares = new double[buckets];
    for (int i = 0; i < buckets; i++) {
      refShares[i] = (double) refCounts[i] / refTotal;
      curShares[i] = (double) curCounts[i] / curTotal;
    }
    return new Result(index(refShares, curShares), cuts, refShares, curShares);
  }

  /** PSI of two share vectors (each summing to 1), zero shares replaced by {@link #EPSILON}. */
  public static double index(double[] referenceShares, double[] currentShares) {
    if (referenceShares.length != currentShares.length || referenceShares.length == 0) {
      throw new IllegalArgumentException("PSI needs two share vectors of the same non-zero length, got "
          + referenceShares.length + " and " + currentShares.length);
    }
    double psi = 0;
    for (int i = 0; i < referenceShares.length; i++) {
      double ref = Math.max(referenceShares[i], EPSILON);
      double cur = Math.max(currentShares[i], EPSILON);
      psi += (cur - ref) * Math.log(cur / ref);
    }
    return psi;
  }

  /** Counts per bucket in one aggregation: buckets 0..cuts.length, then missing. */
  private static long[] counts(Dataset<Row> values, double[] cuts) {
    Column v = col("v");
    Column isMissing = v.isNull().or(isnan(v));
    Column[] aggs = new Column[cuts.length + 2];
    for (int i = 0; i <= cuts.length; i++) {
      Column in = not(isMissing);
      if (i > 0) {
        in = in.and(v.gt(cuts[i - 1]));
      }
      if (i < cuts.length) {
        in = in.and(v.leq(cuts[i]));
      }
      aggs[i] = count(when(in, lit(1)));
    }
    aggs[cuts.length + 1] = count(when(isMissing, lit(1)));
    Row row = values.agg(aggs[0], Arrays.copyOfRange(aggs, 1, aggs.length)).first();
    long[] out = new long[aggs.length];
    for (int i = 0; i < aggs.length; i++) {
      out[i] = row.getLong(i);
    }
    return out;
  }
}
