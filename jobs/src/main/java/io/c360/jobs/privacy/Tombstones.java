package io.c360.jobs.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.c360.core.catalog.Contract;
import io.c360.core.catalog.Tables;
import io.c360.core.config.IdentityConfig;
import io.c360.core.privacy.Erasure;
import io.c360.core.privacy.Erasure.IdType;
import io.c360.jobs.Lake;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tombstones of erased customers ({@code c360.forgotten}): keyed hashes of their identifiers. Ingest and
 * identity drop every record carrying one, so re-ingesting the same source files does not bring them back.
 */
public final class Tombstones {

  private final Map<IdType, Set<String>> hashes;

  private Tombstones(Map<IdType, Set<String>> hashes) {
    this.hashes = hashes;
  }

  /** The lake's tombstones; none when nobody was forgotten. */
  public static Tombstones load(Lake lake) {
    Map<IdType, Set<String>> hashes = new EnumMap<>(IdType.class);
    if (lake.exists(Tables.FORGOTTEN)) {
      for (Row row : lake.read(Tables.FORGOTTEN).select("id_type", "id_hash").collectAsList()) {
        hashes.computeIfAbsent(IdType.of(row.getString(0)), t -> new TreeSet<>()).add(row.getString(1));
      }
    }
    return new Tombstones(hashes);
  }

  public boolean isEmpty() {
    return hashes.isEmpty();
  }

  public boolean contains(IdType type, String hash) {
    return hashes.getOrDefault(type, Set.of()).contains(hash);
  }

  /** Rows of a source without those carrying a forgotten identifier, and how many were dropped. */
  public Kept keep(Contract source, Dataset<Row> rows, IdentityConfig rules) {
    if (isEmpty()) {
      return new Kept(rows, 0);
    }
    org.apache.spark.sql.Column forgotten = Erasure.forgotten(source, hashes, rules, c -> col(c));
    return new Kept(rows.where(not(forgotten)), rows.where(forgotten).count());
  }

  /** Rows kept and the number dropped. */
  public record Kept(Dataset<Row> rows, long dropped) {
  }
}
