package io.c360.jobs.sharedlake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Layer;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * Looks for raw phone numbers and email addresses in every string (and map) column of a lake table. Phones are
 * matched after removing spaces, dashes and brackets, and only when not part of a longer hex string (an HMAC).
 */
final class PersonalDataScan {

  static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}";
  static final String PHONE = "(?<![0-9A-Fa-f+])(\\+?(86)?1[3-9][0-9]{9}|\\+[0-9]{8,15})(?![0-9A-Fa-f])";

  private PersonalDataScan() {
  }

  /** Tables an analyst can read: everything but bronze, quarantine and the restricted vault. */
  static boolean analystFacing(TableDef table) {
    return table.layer() != Layer.BRONZE && !Tables.RESTRICTED.contains(table);
  }

  /** column -> rows holding a phone or an email, for the columns that have any; one aggregation over the rows. */
  static Map<String, Long> hits(Dataset<Row> rows) {
    List<String> names = new ArrayList<>();
    List<Column> counts = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      if (field.dataType() != DataTypes.StringType && !(field.dataType() instanceof MapType)) {
        continue;
      }
      Column text = col(field.name()).cast("string");
      Column compact = regexp_replace(text, "[\\s\\-()]", "");
      names.add(field.name());
      counts.add(count(when(text.rlike(EMAIL).or(compact.rlike(PHONE)), 1)));
    }
    Map<String, Long> hits = new LinkedHashMap<>();
    if (counts.isEmpty()) {
      return hits;
    }
    Row found = rows.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new)).first();
    for (int i = 0; i < names.size(); i++) {
      if (found.getLong(i) > 0) {
        hits.put(names.get(i), found.getLong(i));
      }
    }
    return hits;
  }
}
