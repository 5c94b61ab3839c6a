package io.c360.jobs.cli;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.trim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.config.ConfigReader;
import io.c360.core.config.RecsConfig;
import io.c360.core.recs.BasketRules;
import io.c360.jobs.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code c360 recs}: recommendation tools that work on a user's file (no lake needed). */
@Command(name = "recs", description = "Recommendations: basket rules on a baskets file.",
    subcommands = {RecsCommand.Rules.class}, exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok",
        "2:usage or input error (file, column, threshold)"})
final class RecsCommand {

  /** Layout of {@code --input}. */
  enum Format { baskets, lines }

  @Command(name = "rules", description = {
      "Frequent itemsets and association rules (Spark ML FPGrowth; single-item consequents) of a baskets file.",
      "baskets: one basket per line, items separated by commas (blank lines skipped, repeated items counted once). "
          + "lines: a CSV file with a header line, one row per basket item (--basket-col, --item-col).",
      "Example: c360 recs rules --input baskets.txt --min-support 0.01 --min-confidence 0.2 --json"},
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok",
          "2:usage or input error (file, column, threshold)"})
  static final class Rules implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE", required = true, description = "Baskets file (or folder).")
    Path input;

    @Option(names = "--format", paramLabel = "F", defaultValue = "baskets",
        description = "baskets or lines. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--basket-col", paramLabel = "C", defaultValue = "order_id",
        description = "lines: the basket id column. Default: ${DEFAULT-VALUE}.")
    String basketCol;

    @Option(names = "--item-col", paramLabel = "C", defaultValue = "sku",
        description = "lines: the item column. Default: ${DEFAULT-VALUE}.")
    String itemCol;

    @Option(names = "--min-support", paramLabel = "S",
        description = "Minimum share of baskets of an itemset. Default: c360.recommendations.rules.min-support.")
    Double minSupport;

    @Option(names = "--min-confidence", paramLabel = "C",
        description = "Minimum confidence of a rule. Default: c360.recommendations.rules.min-confidence.")
    Double minConfidence;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
        description = "Rules printed, by lift then confidence. Default: ${DEFAULT-VALUE}.")
    int top;

    @Mixin
    LocalSession local;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      RecsConfig.Rules defaults = ConfigReader.defaultConfig().recommendations().rules();
      double support = minSupport != null ? minSupport : defaults.minSupport();
      double confidence = minConfidence != null ? minConfidence : defaults.minConfidence();
      if (!(support > 0 && support <= 1)) {
        throw new ParameterException(spec.commandLine(), "--min-support must be in (0, 1], got " + support);
      }
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new ParameterException(spec.commandLine(), "--min-confidence must be in [0, 1], got " + confidence);
      }
      if (top < 0) {
        throw new ParameterException(spec.commandLine(), "--top must not be negative, got " + top);
      }
      if (!Files.exists(input)) {
        throw new InputException("no such file: " + input);
      }
      SparkSession spark = local.open("c360-recs-rules");
      try {
        Dataset<Row> baskets = read(spark).cache();
        long basketCount = baskets.count();
        if (basketCount == 0) {
          throw new InputException("no baskets in " + input);
        }
        BasketRules.Result result = BasketRules.fit(baskets, support, confidence);
        long itemsets = result.itemsets().count();
        Dataset<Row> rules = result.rules().cache();
        long ruleCount = rules.count();
        List<Row> best = rules.orderBy(col("lift").desc(), col("confidence").desc(), col("support").desc(),
            col("consequent")).limit(top).collectAsList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("baskets", basketCount);
        out.put("min_support", support);
        out.put("min_confidence", confidence);
        out.put("frequent_itemsets", itemsets);
        out.put("rules", ruleCount);
        out.put("top_rules", best.stream().map(RecsCommand::rule).toList());
        System.out.println(local.json ? toJson(out) : text(out, best));
        rules.unpersist();
        baskets.unpersist();
        return ExitCodes.OK;
      } finally {
        local.release(spark);
      }
    }

    /** items: sorted distinct non-empty strings, one row per basket. */
    private Dataset<Row> read(SparkSession spark) {
      if (format == Format.baskets) {
        Dataset<Row> text = spark.read().text(input.toString());
        return text.select(sort_array(array_distinct(expr("filter(transform(split(value, ','), x -> trim(x)), "
                + "x -> x <> '')"))).as(BasketRules.ITEMS))
            .where(size(col(BasketRules.ITEMS)).gt(0));
      }
      Dataset<Row> rows = spark.read().option("header", "true").csv(input.toString());
      for (String column : List.of(basketCol, itemCol)) {
        if (!Arrays.asList(rows.columns()).contains(column)) {
          throw new InputException("column '" + column + "' is not in " + input + "; columns: "
              + String.join(", ", rows.columns()));
        }
      }
      return rows.select(col(basketCol).as("_basket"), trim(col(itemCol)).as("_item"))
          .where(col("_basket").isNotNull().and(col("_item").isNotNull()).and(col("_item").notEqual("")))
          .groupBy("_basket").agg(sort_array(collect_set(col("_item"))).as(BasketRules.ITEMS))
          .select(BasketRules.ITEMS);
    }

    private static String text(Map<String, Object> out, List<Row> best) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%,d baskets, min support %s, min confidence %s: %,d frequent itemsets, "
              + "%,d rules%n", out.get("baskets"), out.get("min_support"), out.get("min_confidence"),
          out.get("frequent_itemsets"), out.get("rules")));
      if (!best.isEmpty()) {
        sb.append(String.format(Locale.ROOT, "  %-40s %-20s %8s %10s %8s%n", "antecedent", "consequent", "support",
            "confidence", "lift"));
        for (Row r : best) {
          sb.append(String.format(Locale.ROOT, "  %-40s %-20s %8.4f %10.4f %8.3f%n",
              String.join(", ", r.<String>getList(0)), r.getString(1), r.getDouble(2), r.getDouble(3),
              r.getDouble(4)));
        }
      }
      return sb.toString().stripTrailing();
    }
  }

  private static Map<String, Object> rule(Row r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("antecedent", r.<String>getList(r.fieldIndex("antecedent")));
    m.put("consequent", r.getString(r.fieldIndex("consequent")));
    m.put("support", r.getDouble(r.fieldIndex("support")));
    m.put("confidence", r.getDouble(r.fieldIndex("confidence")));
    m.put("lift", r.getDouble(r.fieldIndex("lift")));
    return m;
  }

  static String toJson(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the result as JSON", e);
    }
  }
}
