package io.c360.core.profile;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.text.SentimentScorer;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What a customer told us: reviews (rating, lexicon sentiment of the text) and the latest NPS and CES answers. */
public final class FeedbackFeatures {

  /** Columns that are 0, not null, for a customer without reviews. */
  public static final List<String> COUNTS = List.of("reviews");

  private FeedbackFeatures() {
  }

  /** @param reviews reviews with customer_id, up to the as-of date */
  public static Dataset<Row> reviews(Dataset<Row> reviews) {
    return reviews.groupBy(Columns.CUSTOMER_ID).agg(
        count(lit(1)).as("reviews"),
        avg(col("rating")).as("mean_rating"),
        avg(SentimentScorer.sentiment(col("text"))).as("mean_sentiment"));
  }

  /**
   * The latest NPS answer with its class (promoter 9-10, passive 7-8, detractor 0-6) and the latest CES answer.
   *
   * @param surveys survey answers with customer_id, up to the as-of date
   */
  public static Dataset<Row> surveys(Dataset<Row> surveys) {
    Dataset<Row> latest = surveys.groupBy(Columns.CUSTOMER_ID).agg(
        max(when(col("nps").isNotNull(), struct(col("survey_ts"), col("survey_id"), col("nps")))).as("_nps"),
        max(when(col("ces").isNotNull(), struct(col("survey_ts"), col("survey_id"), col("ces")))).as("_ces"));
    Column nps = col("_nps.nps");
    return latest.select(col(Columns.CUSTOMER_ID), nps.as("last_nps"), npsClass(nps).as("nps_class"),
        to_date(col("_nps.survey_ts")).as("last_nps_date"), col("_ces.ces").as("last_ces"));
  }

  /** promoter (9-10), passive (7-8) or detractor (0-6). */
  public static Column npsClass(Column nps) {
    return when(nps.geq(9), lit("promoter")).when(nps.geq(7), lit("passive")).when(nps.isNotNull(), lit("detractor"));
  }
}
