package io.c360.core.segment;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.SegmentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * Membership growth value = monetary x category coefficient (of the favourite category) x frequency coefficient
 * (of the F score); the suggested tier is the highest tier whose threshold the value reaches, compared with the
 * current member_tier: upgrade, downgrade, keep, not_member (no member record) or unknown_tier.
 */
public final class GrowthValue {

  public static final List<String> TIERS = List.of("bronze", "silver", "gold", "diamond");

  private GrowthValue() {
  }

  /** Needs monetary, favourite_category, f_score. */
  public static Column value(SegmentConfig.Growth rules) {
    List<Column> categories = new ArrayList<>();
    for (Map.Entry<String, Double> e : rules.categoryCoefficients().entrySet()) {
      categories.add(lit(e.getKey()));
      categories.add(lit(e.getValue()));
    }
    Column categoryCoefficient = categories.isEmpty() ? lit(rules.defaultCategoryCoefficient())
        : coalesce(element_at(map(categories.toArray(Column[]::new)), lower(trim(col("favourite_category")))),
            lit(rules.defaultCategoryCoefficient()));
    List<Column> byScore = new ArrayList<>();
    for (int i = 0; i < rules.frequencyCoefficients().size(); i++) {
      byScore.add(lit(i + 1));
      byScore.add(lit(rules.frequencyCoefficients().get(i)));
    }
    Column frequencyCoefficient = element_at(map(byScore.toArray(Column[]::new)), col("f_score"));
    return when(col("f_score").isNotNull(), round(col("monetary").cast("double").multiply(categoryCoefficient)
        .multiply(frequencyCoefficient), 2));
  }

  /** Needs growth_value. */
  public static Column suggestedTier(SegmentConfig.Growth rules) {
    Column v = col("growth_value");
    return when(v.isNull(), lit(null).cast("string")).when(v.geq(rules.diamond()), lit("diamond"))
        .when(v.geq(rules.gold()), lit("gold")).when(v.geq(rules.silver()), lit("silver")).otherwise(lit("bronze"));
  }

  /** Needs member_tier and suggested_tier. */
  public static Column change() {
    Column current = rank(lower(trim(col("member_tier"))));
    Column suggested = rank(col("suggested_tier"));
    return when(col("suggested_tier").isNull(), lit(null).cast("string"))
        .when(col("member_tier").isNull(), lit("not_member"))
        .when(current.isNull(), lit("unknown_tier"))
        .when(suggested.gt(current), lit("upgrade"))
        .when(suggested.lt(current), lit("downgrade"))
        .otherwise(lit("keep"));
  }

  private static Column rank(Column tier) {
    Column rank = lit(null).cast("int");
    for (int i = TIERS.size() - 1; i >= 0; i--) {
      rank = when(tier.equalTo(TIERS.get(i)), lit(i)).otherwise(rank);
    }
    return rank;
  }
}
