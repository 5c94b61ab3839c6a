package io.c360.core.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph with the alternating large-star / small-star algorithm
 * (Kiveris et al., "Connected Components in MapReduce and Beyond", SoCC 2014): every round is a few joins and
 * aggregations over the edge list, nothing is collected to the driver, and the number of rounds grows with the
 * logarithm of the component size. Each node ends up labelled with the smallest node id of its component.
 */
public final class ConnectedComponents {

  /** Raised when the rounds bound is reached before the edges stop changing. */
  public static final class NotConverged extends IllegalStateException {
    public NotConverged(int rounds) {
      super("connected components did not converge in " + rounds + " rounds; raise c360.identity.max-iterations");
    }
  }

  /** Labels and the number of rounds it took. */
  public record Result(Dataset<Row> labels, int rounds) {
  }

  private final int maxRounds;

  public ConnectedComponents(int maxRounds) {
    this.maxRounds = maxRounds;
  }

  /**
   * @param edges columns {@code src, dst} (long); an isolated node is given as a self-loop
   * @return columns {@code node, component} (long), one row per node
   */
  public Result run(Dataset<Row> edges) {
    Dataset<Row> current = edges.select(col("src").cast("long").as("u"), col("dst").cast("long").as("v"))
        .distinct().localCheckpoint();
    Dataset<Row> nodes = current.select(col("u").as("node")).union(current.select(col("v").as("node")))
        .distinct().localCheckpoint();
    for (int round = 1; round <= maxRounds; round++) {
      Dataset<Row> next = smallStar(largeStar(current)).localCheckpoint();
      boolean changed = differ(next, current);
      current = next;
      if (!changed) {
        Dataset<Row> labels = labels(current);
        return new Result(nodes.join(labels, "node", "left")
            .select(col("node"), coalesce(col("component"), col("node")).as("component")), round);
      }
    }
    throw new NotConverged(maxRounds);
  }

  /** Whether two sets of distinct edges differ: one query (a full outer join), where two excepts took two. */
  private static boolean differ(Dataset<Row> a, Dataset<Row> b) {
    return !a.withColumn("_a", lit(true)).join(b.withColumn("_b", lit(true)), new String[] {"u", "v"}, "full_outer")
        .where(col("_a").isNull().or(col("_b").isNull())).isEmpty();
  }

  /** Both directions of every edge, self-loops included once. */
  private static Dataset<Row> symmetric(Dataset<Row> edges) {
    return edges.union(edges.select(col("v").as("u"), col("u").as("v"))).distinct();
  }

  /** Connect every larger neighbour of u to the smallest node of u's neighbourhood (u included). */
  private static Dataset<Row> largeStar(Dataset<Row> edges) {
    Dataset<Row> both = symmetric(edges);
    Dataset<Row> smallest = both.groupBy("u").agg(min("v").as("m"))
        .select(col("u"), least(col("u"), col("m")).as("m"));
    return both.where(col("v").gt(col("u"))).join(smallest, "u")
        .select(col("v").as("u"), col("m").as("v")).distinct();
  }

  /** Connect u and its smaller neighbours to the smallest of them. */
  private static Dataset<Row> smallStar(Dataset<Row> edges) {
    Dataset<Row> down = symmetric(edges).where(col("v").leq(col("u")));
    Dataset<Row> smallest = down.groupBy("u").agg(min("v").as("m"));
    Dataset<Row> neighbours = down.join(smallest, "u").select(col("v").as("u"), col("m").as("v"));
    Dataset<Row> centres = smallest.select(col("u"), col("m").as("v"));
    return neighbours.union(centres).distinct();
  }

  /** After convergence every edge points a node to its component's smallest node. */
  private static Dataset<Row> labels(Dataset<Row> edges) {
    Dataset<Row> both = symmetric(edges);
    return both.groupBy("u").agg(min("v").as("m"))
        .select(col("u").as("node"), least(col("u"), col("m")).as("component"));
  }
}
