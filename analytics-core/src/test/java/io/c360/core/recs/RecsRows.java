package io.c360.core.recs;

import io.c360.core.testdata.SparkTest;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Tiny inline inputs of the recommenders. */
final class RecsRows {

  static final StructType LINES = new StructType().add("customer_id", DataTypes.StringType)
      .add("order_id", DataTypes.StringType).add("day", DataTypes.DateType).add("sku", DataTypes.StringType);
  static final StructType PAIRS = new StructType().add("customer_id", DataTypes.StringType)
      .add("sku", DataTypes.StringType);

  private RecsRows() {
  }

  /** Lines from "customer,day,sku" triples; each triple is its own order. */
  static Dataset<Row> lines(String... triples) {
    List<Row> rows = new ArrayList<>();
    int n = 0;
    for (String t : triples) {
      String[] p = t.split(",");
      rows.add(RowFactory.create(p[0], p[0] + "-" + p[1] + "-" + (n++), Date.valueOf(p[1]), p[2]));
    }
    return SparkTest.spark().createDataFrame(rows, LINES);
  }

  /** customer_id, sku pairs from "customer,sku". */
  static Dataset<Row> pairs(String... pairs) {
    List<Row> rows = new ArrayList<>();
    for (String t : pairs) {
      String[] p = t.split(",");
      rows.add(RowFactory.create(p[0], p[1]));
    }
    return SparkTest.spark().createDataFrame(rows, PAIRS);
  }
}
