package io.c360.core.privacy;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Masking of personal data for every analyst-facing table: keyed hashes (HMAC-SHA256) that join without
 * revealing the value, and partial values (last four digits, email domain, name initial). Raw values live only in
 * the vault table {@code customer_pii}.
 */
public final class Pii {

  private Pii() {
  }

  /** HMAC-SHA256 of the value under the key, as 64 hex characters; null stays null. */
  public static Column hmac(Column value, String key) {
    return hmacFunction(key).apply(value);
  }

  /** The same HMAC on the driver, for a single value (e.g. to look one phone up). */
  public static String hmac(String value, String key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** {@code ***8000}: the last four digits of a phone. */
  public static Column phoneLast4(Column e164) {
    return when(e164.isNotNull(), concat(lit("***"), regexp_extract(e164, "([0-9]{4})$", 1)));
  }

  /** The domain of an email ({@code qq.com}). */
  public static Column emailDomain(Column email) {
    return when(email.contains("@"), substring_index(email, "@", -1));
  }

  /** The first character of a name followed by {@code *}. */
  public static Column nameInitial(Column name) {
    return when(name.isNotNull(), concat(substring(name, 1, 1), lit("*")));
  }

  private static UserDefinedFunction hmacFunction(String key) {
    return udf(new HmacUdf(key), DataTypes.StringType);
  }

  /** Serializable HMAC function; one Mac per executor thread. */
  private static final class HmacUdf implements UDF1<String, String> {
    private static final long serialVersionUID = 1L;
    private final String key;
    private transient volatile ThreadLocal<Mac> mac;

    HmacUdf(String key) {
      this.key = key;
    }

    @Override
    public String call(String value) throws GeneralSecurityException {
      if (value == null) {
        return null;
      }
      ThreadLocal<Mac> local = mac;
      if (local == null) {
        synchronized (this) {
          if (mac == null) {
            mac = ThreadLocal.withInitial(this::newMac);
          }
          local = mac;
        }
      }
      return HexFormat.of().formatHex(local.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      }
    }
  }
}
