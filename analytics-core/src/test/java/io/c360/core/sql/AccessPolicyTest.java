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
class AccessPolicyTest {

  @TempDir
  Path dir;

  @BeforeEach
  void tables(SparkSession spark) {
    spark.sql("CREATE DATABASE IF NOT EXISTS acl_test");
    spark.sql("DROP TABLE IF EXISTS acl_test.customer_pii");
    spark.sql("DROP TABLE IF EXISTS acl_test.bronze_orders");
    spark.sql("SELECT 'C1' AS customer_id, '+8613800138000' AS phones").write().format("delta")
        .option("path", dir.resolve("customer_pii").toString()).saveAsTable("acl_test.customer_pii");
    spark.sql("SELECT 'o1' AS order_id, '13800138000' AS phone, 12.5 AS total_amount").write().format("delta")
        .option("path", dir.resolve("bronze_orders").toString()).saveAsTable("acl_test.bronze_orders");
    spark.conf().set(SqlGuardExtension.RESTRICTED, "customer_pii");
    spark.conf().set(SqlGuardExtension.PERSONAL, "bronze_orders.phone");
    spark.conf().set(SqlGuardExtension.ROLE, "analyst");
    spark.conf().set(SqlGuardExtension.READ_ONLY, "true");
  }

  @AfterEach
  void reset(SparkSession spark) {
    spark.conf().set(SqlGuardExtension.READ_ONLY, "false");
    spark.conf().unset(SqlGuardExtension.ROLE);
  }

  private static void denied(SparkSession spark, String sql, String what) {
    SqlAccessDeniedException e = assertThrows(SqlAccessDeniedException.class, () -> spark.sql(sql).collect(), sql);
    assertTrue(e.getMessage().startsWith("access denied: " + what), e.getMessage());
  }

  @Test
  void theVaultIsClosedToAnalystsByNamePathAndSubquery(SparkSession spark) {
    denied(spark, "SELECT * FROM acl_test.customer_pii", "spark_catalog.acl_test.customer_pii");
    denied(spark, "SELECT count(*) FROM delta.`" + dir.resolve("customer_pii") + "`", "");
    denied(spark, "SELECT * FROM acl_test.bronze_orders WHERE order_id IN (SELECT customer_id FROM "
        + "acl_test.customer_pii)", "");
  }

  @Test
  void personalColumnsAreClosedButTheRestOfTheTableIsOpen(SparkSession spark) {
    assertEquals(1L, spark.sql("SELECT count(*) FROM acl_test.bronze_orders").first().getLong(0));
    assertEquals("o1", spark.sql("SELECT order_id FROM acl_test.bronze_orders").first().getString(0));
    denied(spark, "SELECT * FROM acl_test.bronze_orders", "column bronze_orders.phone");
    denied(spark, "SELECT order_id FROM acl_test.bronze_orders WHERE phone LIKE '138%'", "column bronze_orders.phone");
    denied(spark, "SELECT count(DISTINCT phone) FROM acl_test.bronze_orders", "column bronze_orders.phone");
  }

  @Test
  void theAdminRoleReadsEverything(SparkSession spark) {
    spark.conf().set(SqlGuardExtension.ROLE, "admin");
    assertEquals("+8613800138000", spark.sql("SELECT phones FROM acl_test.customer_pii").first().getString(0));
    assertEquals("13800138000", spark.sql("SELECT phone FROM acl_test.bronze_orders").first().getString(0));
  }
}
