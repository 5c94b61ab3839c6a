package io.c360.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.rand;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * ALS benchmark: an implicit ALS fit as the recommendations job runs it (reg 0.1, alpha 5, 8 blocks as with 8
 * shuffle partitions) on synthetic ratings: USERS users with up to RATINGS skus each of ITEMS, sku popularity
 * skewed (the cube of a uniform draw), weights 1-5. Times the fit and the top 60 of every user (noop sink). One
 * fit per JVM; system properties bench.rank (64) and bench.iterations (3). Prints one CSV line on stdout: users,
 * items, ratings, rank, iterations, blas, lapack, fit_s, recommend_s, where blas and lapack name the
 * implementations dev.ludovic.netlib loaded (JNIBLAS, JNILAPACK: the system's native libraries). Used by
 * scripts/bench-als.sh.
 */
public final class AlsBench {

  private AlsBench() {
  }

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: AlsBench USERS ITEMS RATINGS-PER-USER");
      System.exit(2);
    }
    long users = Long.parseLong(args[0]);
    int items = Integer.parseInt(args[1]);
    int perUser = Integer.parseInt(args[2]);
    int rank = Integer.getInteger("bench.rank", 64);
    int iterations = Integer.getInteger("bench.iterations", 3);
    Configurator.setRootLevel(Level.WARN);
    SparkSession spark = SparkSession.builder().master(System.getProperty("spark.master", "local[*]"))
        .appName("c360-als-bench").config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false").config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
    try {
      Dataset<Row> ratings = spark.range(users * perUser)
          .select(floor(col("id").divide(perUser)).cast("int").as("user"),
              floor(pow(rand(7), 3).multiply(items)).cast("int").as("item"),
              floor(rand(11).multiply(5)).plus(1).cast("float").as("weight"))
          .groupBy("user", "item").agg(max("weight").as("weight"))
          .localCheckpoint();
      long count = ratings.count();
      long t0 = System.nanoTime();
      ALSModel model = new ALS().setNumBlocks(8).setImplicitPrefs(true).setRank(rank).setRegParam(0.1)
          .setAlpha(5).setMaxIter(iterations).setSeed(1).setUserCol("user").setItemCol("item")
          .setRatingCol("weight").fit(ratings);
      long t1 = System.nanoTime();
      model.recommendForAllUsers(60).write().format("noop").mode("overwrite").save();
      long t2 = System.nanoTime();
      System.out.println(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%s,%s,%.2f,%.2f", users, items, count, rank,
          iterations, BLAS.getInstance().getClass().getSimpleName(),
          LAPACK.getInstance().getClass().getSimpleName(), (t1 - t0) / 1e9, (t2 - t1) / 1e9));
    } finally {
      spark.stop();
    }
  }
}
