package io.c360.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.testdata.SparkTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class VaultTest {

  private static final StructType ENTITIES = new StructType().add("entity_type", "string").add("entity_key", "string")
      .add("customer_id", "string");
  private static final StructType CONTACTS = new StructType().add("entity_type", "string").add("entity_key", "string")
      .add("name", "string").add("phone", "string").add("email", "string");

  @Test
  void oneRowPerCustomerWithEachSetSortedAndJoined(SparkSession spark) {
    Dataset<Row> entities = spark.createDataFrame(List.of(
        RowFactory.create(IdentityGraph.ACCOUNT, "A2", "C1"),
        RowFactory.create(IdentityGraph.MEMBER, "M1", "C1"),
        RowFactory.create(IdentityGraph.ACCOUNT, "A1", "C1"),
        RowFactory.create(IdentityGraph.DEVICE, "D1", "C2")), ENTITIES);
    Dataset<Row> contacts = spark.createDataFrame(List.of(
        RowFactory.create(IdentityGraph.ACCOUNT, "A2", "Zoe", "+8613800000002", "z@example.com"),
        RowFactory.create(IdentityGraph.ACCOUNT, "A2", "Zoe", "+8613800000002", null),
        RowFactory.create(IdentityGraph.MEMBER, "M1", "Ann", "+8613800000001", "a@example.com"),
        RowFactory.create(IdentityGraph.ACCOUNT, "A1", null, "+8613800000001", null)), CONTACTS);

    Map<String, Row> vault = Vault.transform(contacts, entities).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("customer_id"), r -> r));

    assertEquals(2, vault.size(), "one row per customer, a device-only one too");
    Row c1 = vault.get("C1");
    assertEquals("Ann; Zoe", c1.getAs("names"));
    assertEquals("+8613800000001; +8613800000002", c1.getAs("phones"), "each value once");
    assertEquals("a@example.com; z@example.com", c1.getAs("emails"));
    assertEquals("M1", c1.getAs("member_ids"));
    assertEquals("A1; A2", c1.getAs("account_ids"));
    Row c2 = vault.get("C2");
    assertEquals(List.of("", "", "", "", ""), List.of(c2.<String>getAs("names"), c2.<String>getAs("phones"),
        c2.<String>getAs("emails"), c2.<String>getAs("member_ids"), c2.<String>getAs("account_ids")),
        "a device without contacts: empty, not null");
  }
}
