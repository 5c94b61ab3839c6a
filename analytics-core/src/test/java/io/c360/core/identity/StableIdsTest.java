package io.c360.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.testdata.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class StableIdsTest {

  private static final StructType ENTITIES = new StructType().add("entity_type", "string").add("entity_key", "string")
      .add("customer_id", "string");

  @Test
  void retentionCountsTheEarlierIdsStillPresentOfAllAndOfTheIdentified(SparkSession spark) {
    Dataset<Row> previous = spark.createDataFrame(List.of(
        RowFactory.create(IdentityGraph.ACCOUNT, "A1", "C1"),
        RowFactory.create(IdentityGraph.DEVICE, "D1", "C1"),
        RowFactory.create(IdentityGraph.MEMBER, "M2", "C2"),
        RowFactory.create(IdentityGraph.DEVICE, "D3", "C3"),
        RowFactory.create(IdentityGraph.DEVICE, "D4", "C4")), ENTITIES);
    Dataset<Row> now = spark.createDataFrame(List.of(
        RowFactory.create(IdentityGraph.ACCOUNT, "A1", "C1"),
        RowFactory.create(IdentityGraph.DEVICE, "D1", "C1"),
        RowFactory.create(IdentityGraph.MEMBER, "M2", "C1"),
        RowFactory.create(IdentityGraph.DEVICE, "D3", "C3"),
        RowFactory.create(IdentityGraph.DEVICE, "D4", "C3")), ENTITIES);

    StableIds.Retention kept = StableIds.retention(previous, now);

    assertEquals(new StableIds.Retention(4, 2, 2, 1), kept, "C2 merged into C1, device-only C4 into C3");
    assertEquals(0.5, kept.share(), 1e-12);
    assertEquals(0.5, kept.identifiedShare(), 1e-12);
    assertEquals(1.0, new StableIds.Retention(0, 0, 0, 0).share(), "nothing earlier: nothing lost");
  }
}
