package io.c360.core.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.privacy.Pii;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The masked profile of a customer. Contact details come from the latest record that carries them (orders or
 * membership) and leave this class only masked: name initial, phone as HMAC-SHA256 plus its last four digits,
 * email domain. Membership attributes come from the customer's most recently signed-up member record.
 */
public final class ProfileFeatures {

  private ProfileFeatures() {
  }

  /** @param contacts normalised contacts with customer_id (name, phone, email, seen_at) */
  public static Dataset<Row> contacts(Dataset<Row> contacts, String hmacKey) {
    Dataset<Row> latest = contacts.groupBy(Columns.CUSTOMER_ID).agg(
        latest(col("name")).as("_name"), latest(col("phone")).as("_phone"), latest(col("email")).as("_email"));
    return latest.select(col(Columns.CUSTOMER_ID), Pii.nameInitial(col("_name")).as("name_initial"),
        Pii.hmac(col("_phone"), hmacKey).as("phone_hash"), Pii.phoneLast4(col("_phone")).as("phone_last4"),
        Pii.emailDomain(col("_email")).as("email_domain"));
  }

  private static Column latest(Column value) {
    return max(when(value.isNotNull(), struct(col("seen_at"), value.as("v")))).getField("v");
  }

  /** @param members latest member states with customer_id, signed up by the as-of date */
  public static Dataset<Row> members(Dataset<Row> members, AsOfWindow asOf) {
    Dataset<Row> primary = members.groupBy(Columns.CUSTOMER_ID).agg(
        max(struct(col("signup_ts"), col("member_id"), col("gender"), col("birth_date"), col("city"), col("tier"),
            col("points"), col("marketing_consent"))).as("_m"),
        min(to_date(col("signup_ts"))).as("member_since"),
        count(lit(1)).as("member_records"));
    Column birth = col("_m.birth_date");
    return primary.select(col(Columns.CUSTOMER_ID), gender(col("_m.gender")).as("gender"),
        ageBand(floor(months_between(asOf.day(), birth).divide(12))).as("age_band"),
        trim(col("_m.city")).as("_member_city"), lower(trim(col("_m.tier"))).as("member_tier"),
        col("_m.points").as("member_points"), col("member_since"), col("_m.marketing_consent").as("marketing_consent"),
        col("member_records"));
  }

  /** F, M or as recorded (upper case). */
  static Column gender(Column raw) {
    Column g = upper(trim(raw));
    return when(g.isin("F", "FEMALE", "女"), lit("F")).when(g.isin("M", "MALE", "男"), lit("M"))
        .when(g.notEqual(""), g);
  }

  /** Age bands: under 18, 18-24, 25-34, 35-44, 45-54, 55-64, 65+. */
  static Column ageBand(Column age) {
    return when(age.lt(0), lit(null).cast("string"))
        .when(age.lt(18), lit("<18")).when(age.lt(25), lit("18-24")).when(age.lt(35), lit("25-34"))
        .when(age.lt(45), lit("35-44")).when(age.lt(55), lit("45-54")).when(age.lt(65), lit("55-64"))
        .when(age.isNotNull(), lit("65+"));
  }
}
