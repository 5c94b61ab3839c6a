package io.c360.core.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Gives each component a customer id that survives re-runs. A component holding entities of earlier customers
 * keeps one of their ids: on a merge of several, an identified customer (one with an account, a member record or
 * an order) wins over an anonymous one (app devices only, whose id is provisional), then the customer seen first
 * (earliest first_seen of its entities), then the smallest id; when an earlier customer's entities are split over
 * several components, the component with most of them keeps the id (ties: the part seen first, then the smallest
 * component). Other components get {@code C} + 16 hex digits of SHA-256 of their smallest entity (and, for a
 * split-off part, the as-of date). Merges and splits are returned as history rows.
 */
public final class StableIds {

  /** Entities with their customer id, and the merge/split events of this as-of date. */
  public record Assignment(Dataset<Row> entities, Dataset<Row> history) {
  }

  private StableIds() {
  }

  /**
   * @param resolved entity_type, entity_key, first_seen, component (from {@link IdentityGraph})
   * @param previous entity_type, entity_key, customer_id of the latest earlier run, or null on the first run
   * @return entities with {@code customer_id}; history with as_of, event, customer_id, other_customer_id
   */
  public static Assignment assign(Dataset<Row> resolved, Dataset<Row> previous, LocalDate asOf) {
    Column entity = concat_ws(":", col("entity_type"), col("entity_key"));
    Dataset<Row> smallest = resolved.groupBy("component").agg(min(entity).as("min_entity"));
    if (previous == null) {
      Dataset<Row> ids = smallest.select(col("component"), newId(col("min_entity")).as(Columns.CUSTOMER_ID));
      return new Assignment(resolved.join(ids, "component"), emptyHistory(resolved, asOf));
    }
    Dataset<Row> withPrevious = resolved.join(previous.select(col("entity_type"), col("entity_key"),
        col(Columns.CUSTOMER_ID).as("prev_id")), new String[] {"entity_type", "entity_key"}, "left").localCheckpoint();
    Dataset<Row> since = withPrevious.where(col("prev_id").isNotNull())
        .groupBy("prev_id").agg(max(identified()).as("identified"), min("first_seen").as("since"));
    Dataset<Row> pairs = withPrevious.where(col("prev_id").isNotNull())
        .groupBy("component", "prev_id").agg(count(lit(1)).as("n"), min("first_seen").as("part_since"));
    Dataset<Row> eligible = pairs
        .withColumn("_r", row_number().over(Window.partitionBy("prev_id").orderBy(col("n").desc(),
            col("part_since"), col("component"))))
        .where(col("_r").equalTo(1)).drop("_r")
        .join(since, "prev_id");
    Dataset<Row> survivors = eligible
        .withColumn("_r", row_number().over(Window.partitionBy("component")
            .orderBy(col("identified").desc(), col("since"), col("prev_id"))))
        .where(col("_r").equalTo(1)).select(col("component"), col("prev_id").as("survivor"));
    Dataset<Row> hadPrevious = pairs.select("component").distinct().withColumn("had_previous", lit(true));
    Dataset<Row> ids = smallest.join(survivors, "component", "left").join(hadPrevious, "component", "left")
        .select(col("component"),
            coalesce(col("survivor"),
                when(col("had_previous").isNotNull(),
                    newId(concat(col("min_entity"), lit("|" + asOf)))).otherwise(newId(col("min_entity"))))
                .as(Columns.CUSTOMER_ID))
        .localCheckpoint();
    Dataset<Row> entities = withPrevious.drop("prev_id").join(ids, "component");

    Dataset<Row> moves = pairs.join(ids, "component").where(col("prev_id").notEqual(col(Columns.CUSTOMER_ID)));
    Dataset<Row> survivorsOf = pairs.join(ids, "component").where(col("prev_id").equalTo(col(Columns.CUSTOMER_ID)))
        .select(col("prev_id").as("kept"));
    Date date = Date.valueOf(asOf);
    Dataset<Row> merges = moves.join(survivorsOf, moves.col("prev_id").equalTo(survivorsOf.col("kept")), "left_anti")
        .select(lit(date).as(Columns.AS_OF), lit("merge").as("event"), col(Columns.CUSTOMER_ID),
            col("prev_id").as("other_customer_id"));
    Dataset<Row> splits = moves.join(survivorsOf, moves.col("prev_id").equalTo(survivorsOf.col("kept")), "left_semi")
        .select(lit(date).as(Columns.AS_OF), lit("split").as("event"), col("prev_id").as(Columns.CUSTOMER_ID),
            col(Columns.CUSTOMER_ID).as("other_customer_id"));
    return new Assignment(entities, merges.union(splits));
  }

  /**
   * How many of the earlier run's customer ids are still present, of all of them and of the identified ones (an
   * account, member or order; anonymous device-only ids are provisional and merge into the customer who logs in).
   */
  public record Retention(long earlier, long kept, long earlierIdentified, long keptIdentified) {

    /** Share of the earlier ids kept; 1 when there were none. */
    public double share() {
      return earlier == 0 ? 1.0 : (double) kept / earlier;
    }

    /** Share of the earlier identified ids kept; 1 when there were none. */
    public double identifiedShare() {
      return earlierIdentified == 0 ? 1.0 : (double) keptIdentified / earlierIdentified;
    }
  }

  /**
   * @param previous entity_type, entity_key, customer_id of the latest earlier run
   * @param entities this run's entities with their customer_id ({@link Assignment#entities()})
   */
  public static Retention retention(Dataset<Row> previous, Dataset<Row> entities) {
    Dataset<Row> before = previous.groupBy(Columns.CUSTOMER_ID).agg(max(identified()).as("identified"));
    Dataset<Row> now = entities.select(Columns.CUSTOMER_ID).distinct().withColumn("kept", lit(1));
    Row counts = before.join(now, new String[] {Columns.CUSTOMER_ID}, "left").agg(
        count(lit(1)), count(col("kept")), count(when(col("identified").equalTo(1), lit(1))),
        count(when(col("identified").equalTo(1), col("kept")))).first();
    return new Retention(counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3));
  }

  /** 1 for an entity that identifies a person (account, member, order), 0 for an anonymous app device. */
  public static Column identified() {
    return when(col("entity_type").equalTo(IdentityGraph.DEVICE), lit(0)).otherwise(lit(1));
  }

  private static Column newId(Column seed) {
    return concat(lit("C"), substring(sha2(seed, 256), 1, 16));
  }

  private static Dataset<Row> emptyHistory(Dataset<Row> like, LocalDate asOf) {
    return like.sparkSession().emptyDataFrame().select(lit(Date.valueOf(asOf)).as(Columns.AS_OF),
        lit("merge").as("event"), lit("").as(Columns.CUSTOMER_ID), lit("").as("other_customer_id"));
  }
}
