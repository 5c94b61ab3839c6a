package io.c360.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.c360.core.clv.BgNbd;
import io.c360.core.clv.BgNbdSimulator;
import io.c360.core.clv.ClvConfig;
import io.c360.core.clv.ClvScores;
import io.c360.core.clv.ClvSummary;
import io.c360.core.clv.Fitted;
import io.c360.core.clv.GammaGamma;
import io.c360.core.clv.MaximumLikelihood;
import io.c360.core.clv.Period;
import io.c360.core.clv.RfmTriples;
import java.util.Locale;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * CLV benchmark: draws N customers from a BG/NBD with known parameters (CDNOW-like ages, whole days) directly as a
 * summary (system property bench.resolution: time grid in weeks, default 1/7 = days; 0 = continuous), then times the compression, the fit and the scoring (noop sink). Prints one CSV line per size and run
 * on stdout: customers, run, distinct_triples, simulate_s, compress_s, fit_s, iterations, score_s,
 * score_rows_per_s, r, alpha, a, b. Used by scripts/bench-clv.sh.
 */
public final class ClvBench {

  static final BgNbd TRUTH = new BgNbd(0.24, 4.4, 0.79, 2.43);

  private ClvBench() {
  }

  public static void main(String[] args) {
    int repeat = Integer.parseInt(System.getProperty("bench.repeat", "3"));
    Configurator.setRootLevel(Level.WARN);
    Configurator.setLevel("breeze.optimize", Level.OFF);
    SparkSession spark = SparkSession.builder().master(System.getProperty("spark.master", "local[*]"))
        .appName("c360-clv-bench").config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false").config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1").getOrCreate();
    try {
      for (String arg : args) {
        long n = Long.parseLong(arg);
        for (int run = 1; run <= repeat; run++) {
          System.out.println(runOnce(spark, n, run));
        }
      }
    } finally {
      spark.stop();
    }
  }

  static String runOnce(SparkSession spark, long n, int run) {
    long t0 = System.nanoTime();
    double resolution = Double.parseDouble(System.getProperty("bench.resolution", String.valueOf(1.0 / 7)));
    Dataset<Row> summary = new BgNbdSimulator(TRUTH, 27.0, 39.0, resolution)
        .simulate(spark, n, Math.max(2, spark.sparkContext().defaultParallelism()), 1000L + run)
        .withColumn(ClvSummary.ZBAR, lit(20.0).plus(col(ClvSummary.X)))
        .cache();
    summary.count();
    long t1 = System.nanoTime();
    RfmTriples triples = ClvSummary.compressRfm(summary);
    long t2 = System.nanoTime();
    Fitted<BgNbd> fit = BgNbd.fit(triples, MaximumLikelihood.Options.DEFAULT);
    long t3 = System.nanoTime();
    ClvScores.score(summary, fit.model(), new GammaGamma(6.25, 3.74, 15.44), ClvConfig.DEFAULT, Period.WEEK)
        .write().format("noop").mode("overwrite").save();
    long t4 = System.nanoTime();
    summary.unpersist();
    double scoreSeconds = (t4 - t3) / 1e9;
    BgNbd m = fit.model();
    return String.format(Locale.ROOT, "%d,%d,%d,%.2f,%.2f,%.2f,%d,%.2f,%.0f,%.6f,%.6f,%.6f,%.6f", n, run,
        triples.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, fit.report().iterations(), scoreSeconds,
        n / scoreSeconds, m.r(), m.alpha(), m.a(), m.b());
  }
}
