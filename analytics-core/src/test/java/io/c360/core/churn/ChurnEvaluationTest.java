package io.c360.core.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.c360.core.testdata.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ChurnEvaluationTest {

  private static final StructType SCHEMA = new StructType().add("p", DataTypes.DoubleType)
      .add("y", DataTypes.IntegerType);

  @Test
  void metricsOfFourHandCheckedRows(SparkSession spark) {
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create(0.9, 1), RowFactory.create(0.8, 0),
        RowFactory.create(0.3, 1), RowFactory.create(0.1, 0)), SCHEMA);
    ChurnEvaluation.Report report = ChurnEvaluation.evaluate(rows, "y", "p");
    assertEquals(4, report.rows());
    assertEquals(2, report.positives());
    assertEquals(0.75, report.auc(), 1e-12);
    assertEquals(-(Math.log(0.9) + Math.log(0.2) + Math.log(0.3) + Math.log(0.9)) / 4, report.logLoss(), 1e-12);
    assertEquals((0.01 + 0.64 + 0.49 + 0.01) / 4, report.brier(), 1e-12);
    ChurnEvaluation.Decile top = report.deciles().get(0);
    // four rows: tied cut points merge deciles; the first row of the table is the highest-risk group
    assertEquals(1, top.customers());
    assertEquals(0.9, top.meanPredicted(), 1e-12);
    assertEquals(2.0, report.topDecileLift(), 1e-12);
    assertEquals(0.5, top.cumulativeGain(), 1e-12);
    assertEquals(4, report.deciles().stream().mapToLong(ChurnEvaluation.Decile::customers).sum());
    assertEquals(1.0, report.deciles().get(report.deciles().size() - 1).cumulativeGain(), 1e-12);
  }

  @Test
  void oneClassCannotBeEvaluated(SparkSession spark) {
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create(0.9, 1), RowFactory.create(0.2, 1)),
        SCHEMA);
    assertThrows(IllegalArgumentException.class, () -> ChurnEvaluation.evaluate(rows, "y", "p"));
  }
}
