package io.c360.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.SparkTest;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class ReadOnlyPolicyTest {

  @TempDir
  Path dir;

  @BeforeEach
  void table(SparkSession spark) {
    spark.sql("CREATE DATABASE IF NOT EXISTS ro_test");
    spark.sql("DROP TABLE IF EXISTS ro_test.t");
    spark.range(3).write().format("delta").option("path", dir.resolve("t").toString()).saveAsTable("ro_test.t");
    spark.conf().set(SqlGuardExtension.READ_ONLY, "true");
  }

  @AfterEach
  void writable(SparkSession spark) {
    spark.conf().set(SqlGuardExtension.READ_ONLY, "false");
  }

  @Test
  void queriesAndDescriptionsRun(SparkSession spark) {
    assertEquals(3L, spark.sql("SELECT count(*) FROM ro_test.t").first().getLong(0));
    assertEquals(3L, spark.sql("WITH x AS (SELECT id FROM ro_test.t) SELECT count(*) FROM x").first().getLong(0));
    assertTrue(spark.sql("SHOW TABLES IN ro_test").count() >= 1);
    assertEquals(1L, spark.sql("DESCRIBE TABLE ro_test.t").count());
  }

  @Test
  void useOnlyChangesTheCurrentDatabase(SparkSession spark) {
    String current = spark.catalog().currentDatabase();
    try {
      spark.sql("USE ro_test");
      assertEquals("ro_test", spark.catalog().currentDatabase());
      assertEquals(3L, spark.sql("SELECT count(*) FROM t").first().getLong(0));
    } finally {
      spark.catalog().setCurrentDatabase(current);
    }
  }

  @Test
  void everyWritingStatementIsRefusedAndTheTableIsUntouched(SparkSession spark) {
    String[] refused = {
        "DROP TABLE ro_test.t",
        "INSERT INTO ro_test.t VALUES (9)",
        "DELETE FROM ro_test.t WHERE id = 1",
        "UPDATE ro_test.t SET id = 5 WHERE id = 1",
        "MERGE INTO ro_test.t USING (SELECT 1 AS id) s ON t.id = s.id WHEN MATCHED THEN DELETE",
        "CREATE TABLE ro_test.u (id INT) USING delta",
        "ALTER TABLE ro_test.t ADD COLUMNS (x INT)",
        "TRUNCATE TABLE ro_test.t",
        "SET spark.c360.sql.readOnly = false",
        "CREATE TEMPORARY VIEW v AS SELECT 1",
        "CACHE TABLE ro_test.t",
        "VACUUM ro_test.t"};
    for (String sql : refused) {
      SqlAccessDeniedException e = assertThrows(SqlAccessDeniedException.class, () -> spark.sql(sql), sql);
      assertTrue(e.getMessage().startsWith("read-only SQL: only queries"), e.getMessage());
    }
    spark.conf().set(SqlGuardExtension.READ_ONLY, "false");
    assertEquals(3L, spark.table("ro_test.t").count());
    assertEquals(java.util.List.of("id"), java.util.Arrays.asList(spark.table("ro_test.t").columns()));
  }

  @Test
  void javaMethodCallsAreRefused(SparkSession spark) {
    for (String sql : new String[] {"SELECT reflect('java.lang.System', 'getProperty', 'user.name')",
        "SELECT id FROM ro_test.t WHERE java_method('java.lang.Math', 'abs', -1) = 1",
        "SELECT upper(reflect('java.util.UUID', 'randomUUID'))"}) {
      SqlAccessDeniedException e = assertThrows(SqlAccessDeniedException.class, () -> spark.sql(sql).collect(), sql);
      assertEquals("read-only SQL: reflect and java_method are not allowed", e.getMessage());
    }
  }
}
