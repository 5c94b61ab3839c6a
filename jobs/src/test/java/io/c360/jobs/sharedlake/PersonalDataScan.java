package io.c360.jobs.sharedlake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;

import io.c360.core.catalog.Layer;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import java.util.LinkedHashMap;
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

  /** column -> rows holding a phone or an email, for the columns that have any. */
  static Map<String, Long> hits(Dataset<Row> rows) {
    Map<String, Long> hits = new LinkedHashMap<>();
    for (StructField field : rows.schema().fields()) {
      if (field.dataType() != DataTypes.StringType && !(field.dataType() instanceof MapType)) {
        continue;
      }
      Column text = col(field.name()).cast("string");
      Column compact = regexp_replace(text, "[\\s\\-()]", "");
      long found = rows.where(text.rlike(EMAIL).or(compact.rlike(PHONE))).count();
      if (found > 0) {
        hits.put(field.name(), found);
      }
    }
    return hits;
  }
}
