package io.c360.core.churn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.c360.core.testdata.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class PsiTest {

  private static Dataset<Row> values(SparkSession spark, List<Double> values) {
    List<Row> rows = new ArrayList<>();
    values.forEach(v -> rows.add(RowFactory.create(v)));
    return spark.createDataFrame(rows, new StructType().add("x", DataTypes.DoubleType));
  }

  private static List<Double> range(int from, int to) {
    List<Double> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add((double) i);
    }
    return out;
  }

  @Test
  void knownShiftAgainstReferenceDeciles(SparkSession spark) {
    Dataset<Row> reference = values(spark, range(1, 100));
    List<Double> current = new ArrayList<>(range(1, 10));
    current.addAll(range(1, 10));          // bucket 1 doubles to 20%
    current.addAll(range(21, 100));        // bucket 2 (11..20) is empty, the rest keep 10%
    Psi.Result result = Psi.of(reference, values(spark, current), "x");
    assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60, 70, 80, 90}, result.cutPoints());
    double expected = (0.2 - 0.1) * Math.log(0.2 / 0.1) + (Psi.EPSILON - 0.1) * Math.log(Psi.EPSILON / 0.1);
    assertEquals(0.759399, expected, 1e-6);
    assertEquals(expected, result.psi(), 1e-12);
    assertEquals(0.0, Psi.of(reference, reference, "x").psi(), 0.0);
  }

  @Test
  void missingValuesFormTheirOwnBucket(SparkSession spark) {
    List<Double> ref = new ArrayList<>(range(1, 90));
    for (int i = 0; i < 10; i++) {
      ref.add(null);
    }
    Psi.Result result = Psi.of(values(spark, ref), values(spark, range(1, 90)), "x");
    assertEquals(result.cutPoints().length + 2, result.referenceShares().length);
    assertEquals(0.1, result.referenceShares()[result.referenceShares().length - 1], 1e-12);
    assertEquals(0.0, result.currentShares()[result.currentShares().length - 1], 0.0);
    assertEquals(Psi.index(result.referenceShares(), result.currentShares()), result.psi(), 0.0);
  }

  @Test
  void baselineBucketsCompareSeveralColumnsInOnePass(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      rows.add(RowFactory.create((double) i, i % 4 == 0 ? null : 1.0));
    }
    StructType schema = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
    List<Psi.Bucket> baseline = Psi.baseline(spark.createDataFrame(rows, schema), List.of("x", "y"));
    List<Psi.Bucket> x = baseline.stream().filter(b -> b.column().equals("x")).toList();
    assertEquals(11, x.size(), "ten deciles and the missing bucket");
    assertEquals(10.0, x.get(0).upperBound());
    assertEquals(0.1, x.get(0).share(), 1e-12);
    assertEquals(null, x.get(9).upperBound());
    assertEquals(true, x.get(10).missing());
    List<Psi.Bucket> y = baseline.stream().filter(b -> b.column().equals("y")).toList();
    assertEquals(List.of(0.75, 0.25), y.stream().filter(b -> b.share() > 0).map(Psi.Bucket::share).toList());
    List<Row> shifted = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      shifted.add(RowFactory.create((double) i, 1.0));
    }
    Map<String, Double> psi = Psi.compare(baseline, spark.createDataFrame(shifted, schema));
    assertEquals(0.0, psi.get("x"), 1e-12);
    double expected = (1 - 0.75) * Math.log(1 / 0.75) + (Psi.EPSILON - 0.25) * Math.log(Psi.EPSILON / 0.25);
    assertEquals(expected, psi.get("y"), 1e-12);
  }

  @Test
  void formulaOnShares() {
    assertEquals(0.0, Psi.index(new double[] {0.5, 0.5}, new double[] {0.5, 0.5}), 0.0);
    assertEquals(0.3 * Math.log(4), Psi.index(new double[] {0.5, 0.5}, new double[] {0.8, 0.2}), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Psi.index(new double[] {1}, new double[] {0.5, 0.5}));
  }
}
