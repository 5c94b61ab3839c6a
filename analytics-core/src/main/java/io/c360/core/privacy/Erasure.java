package io.c360.core.privacy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;

import io.c360.core.catalog.Contract;
import io.c360.core.catalog.SourceField;
import io.c360.core.config.IdentityConfig;
import io.c360.core.identity.Identifiers;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;

/**
 * The right to erasure on source records: which columns of a source identify a person, how their values are
 * normalised (as identity does), and predicates that find the records carrying a person's identifiers, either
 * by value (to delete them) or by keyed hash (the tombstones that keep re-ingested records out).
 */
public final class Erasure {

  /** Kinds of identifier, as stored in {@code forgotten.id_type}. */
  public enum IdType {
    CUSTOMER, ACCOUNT, MEMBER, DEVICE, ORDER, PHONE, EMAIL;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static IdType of(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT));
    }
  }

  /** Contract column -> the kind of identifier it holds, wherever the column appears. */
  private static final Map<String, IdType> COLUMNS = Map.of("account_id", IdType.ACCOUNT, "member_id", IdType.MEMBER,
      "device_id", IdType.DEVICE, "order_id", IdType.ORDER, "phone", IdType.PHONE, "email", IdType.EMAIL);

  /** Characters between the values of a raw record: JSON punctuation and the usual delimiters. */
  private static final String TOKEN_SEPARATORS = "[,;\\t|\"{}\\[\\]]";

  private Erasure() {
  }

  /** The identifier columns of a source (contract name -> kind), in contract order. */
  public static Map<String, IdType> identifierColumns(Contract source) {
    Map<String, IdType> columns = new LinkedHashMap<>();
    for (SourceField field : source.fields()) {
      IdType type = COLUMNS.get(field.name());
      if (type != null) {
        columns.put(field.name(), type);
      }
    }
    return columns;
  }

  /** A raw value of the kind as identity normalises it: E.164 phone, normalised email, trimmed id. */
  public static Column normalised(IdType type, Column raw, IdentityConfig rules) {
    return switch (type) {
      case PHONE -> Identifiers.phoneE164(raw, rules.defaultCountryCode());
      case EMAIL -> Identifiers.email(raw, rules.emailProviderRules());
      default -> trim(raw);
    };
  }

  /**
   * True on the rows of a source carrying one of the values (already normalised, per kind), false otherwise.
   *
   * @param column the raw column of a contract field, e.g. {@code functions::col} on bronze rows
   */
  public static Column carries(Contract source, Map<IdType, Set<String>> values, IdentityConfig rules,
                               Function<String, Column> column) {
    List<Column> tests = new ArrayList<>();
    identifierColumns(source).forEach((name, type) -> {
      Set<String> wanted = values.getOrDefault(type, Set.of());
      if (!wanted.isEmpty()) {
        tests.add(normalised(type, column.apply(name), rules).isin(wanted.toArray()));
      }
    });
    return anyOf(tests);
  }

  /**
   * True on the rows of a source carrying an identifier whose keyed hash is among the tombstones' hashes.
   *
   * @param hashes HMAC-SHA256 of the normalised identifiers, per kind
   */
  public static Column forgotten(Contract source, Map<IdType, Set<String>> hashes, IdentityConfig rules,
                                 Function<String, Column> column) {
    List<Column> tests = new ArrayList<>();
    identifierColumns(source).forEach((name, type) -> {
      Set<String> wanted = hashes.getOrDefault(type, Set.of());
      if (!wanted.isEmpty()) {
        tests.add(Pii.hmac(normalised(type, column.apply(name), rules), rules.hmacKey()).isin(wanted.toArray()));
      }
    });
    return anyOf(tests);
  }

  /**
   * True on a raw record (quarantine's {@code raw_record}: the JSON of the raw values, or a malformed line) with a
   * value equal to one of the identifiers once normalised: ids as they are, phones and emails as identity reads
   * them.
   */
  public static Column mentions(Column record, Map<IdType, Set<String>> values, IdentityConfig rules) {
    Set<String> ids = new TreeSet<>();
    values.forEach((type, set) -> {
      if (type != IdType.PHONE && type != IdType.EMAIL && type != IdType.CUSTOMER) {
        ids.addAll(set);
      }
    });
    Set<String> phones = values.getOrDefault(IdType.PHONE, Set.of());
    Set<String> emails = values.getOrDefault(IdType.EMAIL, Set.of());
    return coalesce(exists(split(record, TOKEN_SEPARATORS), token -> anyOf(List.of(
        trim(token).isin(ids.toArray()),
        normalised(IdType.PHONE, token, rules).isin(phones.toArray()),
        normalised(IdType.EMAIL, token, rules).isin(emails.toArray())))), lit(false));
  }

  /** The keyed hashes of the values, per kind, as the tombstones store them. */
  public static Map<IdType, Set<String>> hashed(Map<IdType, Set<String>> values, String hmacKey) {
    Map<IdType, Set<String>> hashes = new EnumMap<>(IdType.class);
    values.forEach((type, set) -> {
      Set<String> h = new TreeSet<>();
      set.forEach(v -> h.add(Pii.hmac(v, hmacKey)));
      hashes.put(type, h);
    });
    return hashes;
  }

  /** OR of the tests, false (never null) when none holds or there is none. */
  private static Column anyOf(List<Column> tests) {
    Column any = lit(false);
    for (Column test : tests) {
      any = any.or(coalesce(test, lit(false)));
    }
    return any;
  }
}
