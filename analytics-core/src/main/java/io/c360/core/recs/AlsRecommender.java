package io.c360.core.recs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import io.c360.core.config.RecsConfig;
import io.c360.core.profile.CustomerSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Implicit-feedback ALS (Spark ML, implicitPrefs, coldStartStrategy drop, fixed seed) on the customer x sku
 * weights: fit, top candidates per customer, and the choice of rank, regularisation and alpha by a small grid.
 */
public final class AlsRecommender {

  static final String USER = "_user";
  static final String ITEM = "_item";

  private AlsRecommender() {
  }

  /** One point of the grid. */
  public record Params(int rank, double regParam, double alpha) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "rank=%d reg=%s alpha=%s", rank, regParam, alpha);
    }
  }

  /** Every combination of the configured ranks, reg-params and alphas. */
  public static List<Params> grid(RecsConfig.Als als) {
    List<Params> grid = new ArrayList<>();
    for (int rank : als.ranks()) {
      for (double reg : als.regParams()) {
        for (double alpha : als.alphas()) {
          grid.add(new Params(rank, reg, alpha));
        }
      }
    }
    return grid;
  }

  /**
   * The customer x sku weights with the dense ids ALS needs, materialised: the fits of a grid read them again and
   * again, and recomputing them (an aggregation over every event) cost more than a fit.
   *
   * @param users   customer_id and its ALS id
   * @param items   sku and its ALS id
   * @param ratings the ALS ids and the weight as float
   */
  public record Ratings(Dataset<Row> users, Dataset<Row> items, Dataset<Row> ratings) {
  }

  /**
   * Numbers the customers and skus of the weights and materialises the ratings.
   *
   * @param weights customer_id, sku, weight (Interactions.weights)
   */
  public static Ratings ratings(Dataset<Row> weights) {
    Dataset<Row> materialised = weights.localCheckpoint();
    Dataset<Row> users = Interactions.index(materialised, Interactions.CUSTOMER, USER);
    Dataset<Row> items = Interactions.index(materialised, Interactions.SKU, ITEM);
    Dataset<Row> ratings = materialised.join(users, Interactions.CUSTOMER).join(items, Interactions.SKU)
        .select(col(USER), col(ITEM), col(Interactions.WEIGHT).cast("float").as(Interactions.WEIGHT))
        .localCheckpoint();
    return new Ratings(users, items, ratings);
  }

  /**
   * Fits ALS on the ratings and returns the top {@code n} skus of every customer with a weight, or of those of
   * them in {@code customers} (customer_id; null for all): customer_id, sku, score (the model's preference),
   * reason. Scoring every customer against every sku is most of the cost, so an evaluation scores only its own.
   * With more customers than {@code als.fitCustomers()}, the fit learns on a fixed sample of them and every
   * customer is folded in ({@link AlsFoldIn}).
   */
  public static Dataset<Row> recommend(Ratings ratings, Params params, RecsConfig.Als als, int n,
                                       Dataset<Row> customers) {
    double share = CustomerSample.share(als.fitCustomers(), ratings.users().count());
    Dataset<Row> fitted = share < 1
        ? ratings.ratings().join(ratings.users().where(CustomerSample.of(share)).select(USER), USER)
        : ratings.ratings();
    // Spark's default of 10 user and 10 item blocks makes 100 tiny tasks per iteration on a small history
    int blocks = Math.min(10, ratings.ratings().sparkSession().sessionState().conf().numShufflePartitions());
    ALSModel model = new ALS().setNumBlocks(blocks).setImplicitPrefs(true).setRank(params.rank())
        .setRegParam(params.regParam())
        .setAlpha(params.alpha()).setMaxIter(als.maxIter()).setSeed(als.seed()).setColdStartStrategy("drop")
        .setUserCol(USER).setItemCol(ITEM).setRatingCol(Interactions.WEIGHT)
        .fit(fitted);
    Dataset<Row> users = customers == null ? null
        : ratings.users().join(customers.select(Interactions.CUSTOMER), Interactions.CUSTOMER).select(USER);
    Dataset<Row> top;
    if (share < 1) {
      top = AlsFoldIn.of(model, params).top(users == null ? ratings.ratings() : ratings.ratings().join(users, USER), n);
    } else {
      top = (users == null ? model.recommendForAllUsers(n) : model.recommendForUserSubset(users, n))
          .select(col(USER), explode(col("recommendations")).as("r"))
          .select(col(USER), col("r." + ITEM).as(ITEM), col("r.rating").cast("double").as("score"));
    }
    return top.join(ratings.users(), USER).join(ratings.items(), ITEM)
        .select(col(Interactions.CUSTOMER), col(Interactions.SKU), col("score"),
            lit("customers with similar purchases bought it").as("reason"));
  }
}
