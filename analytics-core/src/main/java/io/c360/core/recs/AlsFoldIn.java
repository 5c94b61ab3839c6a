package io.c360.core.recs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.netlib.util.intW;

/**
 * Every customer's implicit-ALS factors solved against fixed sku factors, and their top skus: one user step of
 * Spark's implicit ALS (Hu, Koren &amp; Volinsky 2008, with Spark's regularisation scaled by the customer's number
 * of positive ratings), which is exactly the step that ends each of Spark's ALS iterations. So the sku factors can
 * be learnt on a sample of the customers and every customer folded in once, at the cost of one half-iteration
 * instead of max-iter full ones over all of them. The sku factors are collected to the driver and broadcast: they
 * grow with the skus (rank floats each), never with the customers.
 */
final class AlsFoldIn implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final StructType TOP = new StructType()
      .add(AlsRecommender.USER, DataTypes.IntegerType, false)
      .add(AlsRecommender.ITEM, DataTypes.IntegerType, false)
      .add("score", DataTypes.DoubleType, false);

  private final int rank;
  private final double regParam;
  private final double alpha;
  private final Broadcast<float[][]> items;
  private final Broadcast<double[]> gram;

  private AlsFoldIn(int rank, double regParam, double alpha, Broadcast<float[][]> items, Broadcast<double[]> gram) {
    this.rank = rank;
    this.regParam = regParam;
    this.alpha = alpha;
    this.items = items;
    this.gram = gram;
  }

  /** The fold-in against the sku factors of {@code model}, fitted with {@code params}. */
  static AlsFoldIn of(ALSModel model, AlsRecommender.Params params) {
    int rank = model.rank();
    List<Row> rows = model.itemFactors().collectAsList();
    int max = rows.stream().mapToInt(r -> r.getInt(0)).max().orElse(-1);
    float[][] factors = new float[max + 1][];
    double[] gram = new double[rank * (rank + 1) / 2];
    for (Row r : rows) {
      List<Float> f = r.getList(1);
      float[] v = new float[rank];
      for (int i = 0; i < rank; i++) {
        v[i] = f.get(i);
      }
      factors[r.getInt(0)] = v;
      BLAS.getInstance().dspr("U", rank, 1.0, toDouble(v), 1, gram);
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(model.itemFactors().sparkSession().sparkContext());
    return new AlsFoldIn(rank, params.regParam(), params.alpha(), sc.broadcast(factors), sc.broadcast(gram));
  }

  /**
   * _user, _item, score: the {@code n} skus of highest preference (x . y, as ALSModel's recommendations) for every
   * user of {@code ratings} (_user, _item, weight as float) with a positive rating of a sku the model knows.
   */
  Dataset<Row> top(Dataset<Row> ratings, int n) {
    return ratings.groupBy(col(AlsRecommender.USER))
        .agg(collect_list(struct(col(AlsRecommender.ITEM), col(Interactions.WEIGHT))).as("rated"))
        .flatMap((FlatMapFunction<Row, Row>) row -> {
          float[] x = solve(row.getInt(0), row.getList(1));
          return x == null ? Collections.emptyIterator() : best(row.getInt(0), x, n);
        }, Encoders.row(TOP));
  }

  /** Spark's implicit normal equations for one user (ALS.computeFactors), solved by Cholesky; null when none. */
  private float[] solve(int user, List<Row> rated) {
    float[][] y = items.value();
    double[] ata = gram.value().clone();
    double[] atb = new double[rank];
    int positive = 0;
    for (Row r : rated) {
      int item = r.getInt(0);
      float rating = r.getFloat(1);
      if (item >= y.length || y[item] == null) {
        continue;
      }
      double c1 = alpha * Math.abs(rating);
      double[] v = toDouble(y[item]);
      BLAS.getInstance().dspr("U", rank, c1, v, 1, ata);
      if (rating > 0) {
        positive++;
        BLAS.getInstance().daxpy(rank, 1.0 + c1, v, 1, atb, 1);
      }
    }
    if (positive == 0) {
      return null;
    }
    double lambda = positive * regParam;
    for (int i = 0, step = 2; i < ata.length; i += step, step++) {
      ata[i] += lambda;
    }
    intW info = new intW(0);
    LAPACK.getInstance().dppsv("U", rank, 1, ata, atb, rank, info);
    if (info.val != 0) {
      throw new IllegalStateException("ALS fold-in: the normal equations of ALS user " + user
          + " are not positive definite (LAPACK dppsv info " + info.val + ")");
    }
    float[] x = new float[rank];
    for (int i = 0; i < rank; i++) {
      x[i] = (float) atb[i];
    }
    return x;
  }

  /** The n skus of highest x . y, ties to the lower sku id. */
  private Iterator<Row> best(int user, float[] x, int n) {
    float[][] y = items.value();
    List<double[]> kept = new ArrayList<>(n + 1);
    for (int item = 0; item < y.length; item++) {
      if (y[item] == null) {
        continue;
      }
      double score = 0;
      for (int i = 0; i < rank; i++) {
        score += x[i] * y[item][i];
      }
      if (kept.size() == n && score <= kept.get(n - 1)[1]) {
        continue;
      }
      int at = kept.size();
      while (at > 0 && kept.get(at - 1)[1] < score) {
        at--;
      }
      kept.add(at, new double[] {item, score});
      if (kept.size() > n) {
        kept.remove(n);
      }
    }
    List<Row> rows = new ArrayList<>(kept.size());
    for (double[] k : kept) {
      rows.add(RowFactory.create(user, (int) k[0], k[1]));
    }
    return rows.iterator();
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
