package io.c360.core.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Population stability index of numeric columns between a reference (the training rows) and a current Dataset:
 * {@code PSI = sum over buckets (cur - ref) * ln(cur / ref)} of the bucket shares. Buckets are the deciles of the
 * reference (cut points from {@code approxQuantile}, relative error 1e-4; equal cut points are merged), bucket i
 * holding values in (cut[i-1], cut[i]], plus one bucket of missing values (null, NaN). A share of 0 is replaced by
 * {@link #EPSILON} so that an empty bucket gives a large but finite term. Common reading: below 0.1 stable,
 * 0.1-0.25 moderate shift, above 0.25 significant shift.
 *
 * <p>{@link #baseline} keeps the reference as a few buckets per column (a table's rows), so a later run compares
 * against it without the training rows; both sides take one pass over their rows for all columns.
 */
public final class Psi {

  public static final double EPSILON = 1e-4;
  public static final int BUCKETS = 10;

  private Psi() {
  }

  /**
   * One reference bucket of a column.
   *
   * @param upperBound largest value of the bucket (inclusive); null for the top bucket and for the missing one
   */
  public record Bucket(String column, int bucket, Double upperBound, boolean missing, double share) {
  }

  /** The index of one column with its buckets (missing last). */
  public record Result(double psi, double[] cutPoints, double[] referenceShares, double[] currentShares) {
  }

  /** PSI of one column between two Datasets. */
  public static Result of(Dataset<Row> reference, Dataset<Row> current, String column) {
    List<Bucket> baseline = baseline(reference, List.of(column));
    double[] cuts = baseline.stream().filter(b -> b.upperBound() != null).mapToDouble(Bucket::upperBound).toArray();
    double[] ref = baseline.stream().mapToDouble(Bucket::share).toArray();
    double[] cur = shares(baseline, current).get(column);
    return new Result(index(ref, cur), cuts, ref, cur);
  }

  /** The reference buckets of the columns: deciles in one approxQuantile pass, shares in one aggregation. */
  public static List<Bucket> baseline(Dataset<Row> reference, List<String> columns) {
    double[] probabilities = new double[BUCKETS - 1];
    for (int i = 0; i < probabilities.length; i++) {
      probabilities[i] = (i + 1) / (double) BUCKETS;
    }
    // checkpointed: the quantiles and the shares both read it, and the reference may be costly (a model's scores)
    Dataset<Row> values = reference.select(columns.stream().map(c -> clean(c).as(c)).toArray(Column[]::new))
        .localCheckpoint();
    double[][] quantiles = values.stat().approxQuantile(columns.toArray(new String[0]), probabilities, 1e-4);
    List<Bucket> cutsOnly = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      double[] cuts = Arrays.stream(quantiles[c] == null ? new double[0] : quantiles[c]).distinct().sorted()
          .toArray();
      for (int i = 0; i <= cuts.length; i++) {
        cutsOnly.add(new Bucket(columns.get(c), i, i < cuts.length ? cuts[i] : null, false, 0));
      }
      cutsOnly.add(new Bucket(columns.get(c), cuts.length + 1, null, true, 0));
    }
    Map<String, double[]> shares = shares(cutsOnly, values);
    return cutsOnly.stream().map(b -> new Bucket(b.column(), b.bucket(), b.upperBound(), b.missing(),
        shares.get(b.column())[b.bucket()])).toList();
  }

  /** PSI per column of the current rows against the reference buckets, in one aggregation, in baseline order. */
  public static Map<String, Double> compare(List<Bucket> baseline, Dataset<Row> current) {
    Map<String, double[]> currentShares = shares(baseline, current);
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : currentShares.entrySet()) {
      double[] ref = baseline.stream().filter(b -> b.column().equals(e.getKey())).mapToDouble(Bucket::share)
          .toArray();
      out.put(e.getKey(), index(ref, e.getValue()));
    }
    return out;
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

  private static Column clean(String column) {
    Column v = col(ChurnModel.quote(column)).cast("double");
    return when(isnan(v), lit(null).cast("double")).otherwise(v);
  }

  /** The share of the rows in each bucket, per column (buckets in bucket order), in one aggregation. */
  private static Map<String, double[]> shares(List<Bucket> buckets, Dataset<Row> rows) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    Double lower = null;
    for (Bucket b : buckets) {
      Column v = clean(b.column());
      Column in;
      if (b.missing()) {
        in = v.isNull();
      } else {
        in = v.isNotNull();
        if (b.bucket() > 0 && lower != null) {
          in = in.and(v.gt(lower));
        }
        if (b.upperBound() != null) {
          in = in.and(v.leq(b.upperBound()));
        }
      }
      lower = b.missing() ? null : b.upperBound();
      aggs.add(count(when(in, lit(1))));
    }
    Row row = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    long total = row.getLong(0);
    if (total == 0) {
      throw new IllegalArgumentException("PSI needs rows on both sides, got none for "
          + buckets.stream().map(Bucket::column).distinct().toList());
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      int size = (int) buckets.stream().filter(x -> x.column().equals(b.column())).count();
      out.computeIfAbsent(b.column(), k -> new double[size])[b.bucket()] = (double) row.getLong(i + 1) / total;
    }
    return out;
  }
}
