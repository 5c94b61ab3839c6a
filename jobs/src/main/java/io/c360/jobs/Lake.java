package io.c360.jobs;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogStorageFormat;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The Delta lake on disk and its registration in the session catalog. Each table lives in
 * {@code <root>/<table name>}; at start every existing table is registered by location, so every process sees
 * the same tables by name ({@code c360.bronze_orders}). All writes go through the catalog's declarations.
 */
public final class Lake {

  private final SparkSession spark;
  private final Path root;
  private final String database;
  private final Set<String> propertiesChecked = ConcurrentHashMap.newKeySet();

  public Lake(SparkSession spark, Path root, String database) {
    this.spark = spark;
    this.root = root.toAbsolutePath().normalize();
    this.database = database;
  }

  /** Opens the lake: creates the database and registers every declared table that exists on disk. */
  public static Lake open(SparkSession spark, Path root, String database) {
    Lake lake = new Lake(spark, root, database);
    spark.sql("CREATE DATABASE IF NOT EXISTS " + database + " COMMENT 'c360 customer analytics lake'");
    for (TableDef table : Tables.all()) {
      if (lake.exists(table)) {
        lake.register(table);
      }
    }
    return lake;
  }

  public SparkSession spark() {
    return spark;
  }

  public Path root() {
    return root;
  }

  /** Writes a model's files to a path (Spark ML's {@code write().save}, a ranker's own save). */
  @FunctionalInterface
  public interface ModelWriter {
    void save(String path) throws IOException;
  }

  /**
   * Saves a model under {@code _models/<model>/<version>} and returns that path relative to the lake root, as the
   * model_registry row keeps it: a lake that is moved or restored elsewhere still finds its models.
   */
  public String saveModel(String model, String version, ModelWriter writer) {
    Path relative = Path.of("_models", model, version);
    Path path = root.resolve(relative);
    try {
      writer.save(path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(model + ": cannot save model " + version + " to " + path, e);
    }
    return relative.toString();
  }

  public String database() {
    return database;
  }

  public String name(TableDef table) {
    return table.qualified(database);
  }

  public Path path(TableDef table) {
    return root.resolve(table.name());
  }

  public boolean exists(TableDef table) {
    return Files.isDirectory(path(table).resolve("_delta_log"));
  }

  /** The tables of the catalog that exist in this lake. */
  public List<TableDef> existingTables() {
    return Tables.all().stream().filter(this::exists).toList();
  }

  public Dataset<Row> read(TableDef table) {
    return spark.table(name(table));
  }

  /**
   * The rows of an as_of-partitioned table for one date; none is an input error that names the job writing them.
   *
   * @param job the job asking, for the message
   * @param producer the job that writes the table
   */
  public Dataset<Row> readAsOf(TableDef table, LocalDate asOf, String job, String producer) {
    Dataset<Row> rows = exists(table)
        ? read(table).where(org.apache.spark.sql.functions.col(Columns.AS_OF).equalTo(Date.valueOf(asOf))) : null;
    if (rows == null || rows.limit(1).isEmpty()) {
      throw new InputException(job + ": " + table.name() + " has no rows for as-of " + asOf + "; run the "
          + producer + " job for that date first (c360 run " + producer + " --as-of " + asOf + ")");
    }
    return rows;
  }

  /**
   * Creates the table from its declaration if it does not exist yet, and registers it. The declared table
   * properties (Change Data Feed on gold tables) are set at creation, and added to an existing table that lacks
   * them on its first write through this lake.
   */
  public void ensure(TableDef table) {
    if (exists(table)) {
      register(table);
      if (!table.properties().isEmpty() && propertiesChecked.add(table.name())) {
        addMissingProperties(table);
      }
      return;
    }
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
        .tableName(name(table))
        .location(path(table).toString())
        .addColumns(table.schema())
        .partitionedBy(table.partitionBy().toArray(String[]::new))
        .comment(table.comment());
    table.properties().forEach(builder::property);
    builder.execute();
    propertiesChecked.add(table.name());
  }

  /** The table's Delta properties (as SHOW TBLPROPERTIES gives them). */
  public Map<String, String> properties(TableDef table) {
    Map<String, String> properties = new HashMap<>();
    for (Row row : spark.sql("SHOW TBLPROPERTIES " + name(table)).collectAsList()) {
      properties.put(row.getString(0), row.getString(1));
    }
    return properties;
  }

  private void addMissingProperties(TableDef table) {
    Map<String, String> current = properties(table);
    List<String> missing = table.properties().entrySet().stream()
        .filter(e -> !e.getValue().equals(current.get(e.getKey())))
        .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'").toList();
    if (!missing.isEmpty()) {
      spark.sql("ALTER TABLE " + name(table) + " SET TBLPROPERTIES (" + String.join(", ", missing) + ")");
    }
  }

  /**
   * Appends rows (shaped as the table) in one commit. Like every write, it adds the columns a newer c360 declares
   * to a table an older one created (mergeSchema: additive only; earlier rows read them as null).
   */
  public void append(TableDef table, Dataset<Row> rows) {
    ensure(table);
    shape(table, rows).write().format("delta").mode("append").option("mergeSchema", "true")
        .saveAsTable(name(table));
  }

  /** Atomically replaces the rows matching {@code predicate} with {@code rows}: re-running never duplicates. */
  public void replaceWhere(TableDef table, Dataset<Row> rows, String predicate) {
    ensure(table);
    shape(table, rows).write().format("delta").mode("overwrite").option("replaceWhere", predicate)
        .option("mergeSchema", "true").saveAsTable(name(table));
  }

  /** Replaces the rows of one as-of date of a table with an as_of column: re-running a date never duplicates. */
  public void replaceAsOf(TableDef table, LocalDate asOf, Dataset<Row> rows) {
    replaceWhere(table, rows, asOfPredicate(table, asOf));
  }

  /**
   * The rows of the as-of date that a job has just written to the table (every table has one producing job): from
   * the latest commit's operation metrics in the table's log, without reading the table; an empty write records
   * no files. Only when the commit carries no metrics (history metrics turned off) are the rows counted.
   */
  public long writtenRows(TableDef table, LocalDate asOf) {
    Map<String, String> metrics = delta(table).history(1).select("operationMetrics").first().getJavaMap(0);
    if (metrics != null && metrics.containsKey("numOutputRows")) {
      return Long.parseLong(metrics.get("numOutputRows"));
    }
    if (metrics != null && "0".equals(metrics.get("numFiles"))) {
      return 0;
    }
    return read(table).where(org.apache.spark.sql.functions.col(Columns.AS_OF).equalTo(Date.valueOf(asOf))).count();
  }

  /**
   * Replaces the rows of one as-of date and of the models matching {@code models} (a SQL LIKE pattern) in a table
   * with a model column (model_metrics, model_registry).
   */
  public void replaceAsOf(TableDef table, LocalDate asOf, String models, Dataset<Row> rows) {
    table.column("model").orElseThrow(() -> new IllegalArgumentException(table.name() + " has no model column"));
    replaceWhere(table, rows, "model LIKE '" + models + "' AND " + asOfPredicate(table, asOf));
  }

  private static String asOfPredicate(TableDef table, LocalDate asOf) {
    table.column(Columns.AS_OF).orElseThrow(() -> new IllegalArgumentException(table.name() + " has no as_of column"));
    return "as_of = DATE'" + asOf + "'";
  }

  public DeltaTable delta(TableDef table) {
    return DeltaTable.forName(spark, name(table));
  }

  private void register(TableDef table) {
    TableIdentifier id = new TableIdentifier(table.name(), Option.apply(database));
    SessionCatalog catalog = spark.sessionState().catalog();
    if (catalog.tableExists(id)) {
      if (registeredPath(catalog, id).equals(path(table))) {
        return;
      }
      catalog.dropTable(id, true, false);
    }
    catalog.createTable(entry(id, path(table)), true, false);
  }

  /**
   * The catalog entry of an existing Delta table, as Delta's own {@code CREATE TABLE ... LOCATION} leaves it (an
   * external table of provider delta with no schema or properties of its own: both live in the table's log), made
   * without reading the log: registering the lake's tables at every start then costs no Delta snapshot, and a
   * table's log is read when a statement first uses the table.
   */
  private static CatalogTable entry(TableIdentifier id, Path location) {
    scala.collection.immutable.Map<String, String> none = scala.collection.immutable.Map$.MODULE$.empty();
    Seq<String> noColumns = JavaConverters.asScalaBuffer(List.<String>of()).toList();
    CatalogStorageFormat storage = CatalogStorageFormat.apply(Option.apply(location.toUri()), Option.empty(),
        Option.empty(), Option.empty(), false, none);
    return new CatalogTable(id, CatalogTableType.EXTERNAL(), storage, new StructType(), Option.apply("delta"),
        noColumns, Option.empty(), "", System.currentTimeMillis(), -1L, "", none, Option.empty(), Option.empty(),
        Option.empty(), noColumns, true, true, none, Option.empty());
  }

  private static Path registeredPath(SessionCatalog catalog, TableIdentifier id) {
    try {
      return Path.of(catalog.getTableMetadata(id).location()).normalize();
    } catch (AnalysisException e) {
      throw new IllegalStateException("cannot read the catalog entry of " + id + ": " + e.getMessage(), e);
    }
  }

  private static Dataset<Row> shape(TableDef table, Dataset<Row> rows) {
    return rows.select(table.columnNames().stream()
        .map(c -> rows.col(c).cast(table.schema().apply(c).dataType()).as(c))
        .toArray(org.apache.spark.sql.Column[]::new));
  }
}
