package io.c360.core.segment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.SegmentConfig;
import java.util.List;
import org.apache.spark.sql.Column;

/** Classic RFM names (champions, loyal, ..., lost) by R and F score ranges from conf; first match wins. */
public final class RfmNames {

  private RfmNames() {
  }

  public static List<String> names(List<SegmentConfig.RfmName> rules) {
    return rules.stream().map(SegmentConfig.RfmName::name).distinct().toList();
  }

  /** Needs r_score and f_score; null without scores. */
  public static Column segment(List<SegmentConfig.RfmName> rules) {
    Column r = col("r_score");
    Column f = col("f_score");
    Column result = when(r.isNull().or(f.isNull()), lit(null).cast("string"));
    for (SegmentConfig.RfmName rule : rules) {
      result = result.when(r.between(rule.rMin(), rule.rMax()).and(f.between(rule.fMin(), rule.fMax())),
          lit(rule.name()));
    }
    return result;
  }
}
