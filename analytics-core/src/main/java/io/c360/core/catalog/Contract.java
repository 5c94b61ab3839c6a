package io.c360.core.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The columns of one kind of raw input row and the rules ingest checks them by: a {@link Source} of the contract,
 * or the line rows of an orders file that ingest turns into orders, order lines and products ({@link LineContract}).
 */
public interface Contract {

  /** The name in messages and in quarantine's source column, e.g. {@code orders}. */
  String id();

  Source.Kind kind();

  List<SourceField> fields();

  default List<String> keys() {
    return fields().stream().filter(SourceField::key).map(SourceField::name).toList();
  }

  default Optional<SourceField> field(String name) {
    return fields().stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * The rules for a file with these columns: a required column the file may lack ({@link SourceField#mayBeAbsent},
   * the amounts) is optional when it does lack it, and required on every row when it has it.
   */
  default Contract forColumns(Collection<String> present) {
    List<SourceField> adjusted = fields().stream()
        .map(f -> f.mayBeAbsent() && !present.contains(f.name()) ? f.absent() : f).toList();
    return new FileContract(id(), kind(), adjusted);
  }

  /** A contract as one file's columns make it ({@link #forColumns}). */
  record FileContract(String id, Source.Kind kind, List<SourceField> fields) implements Contract {
    public FileContract {
      fields = List.copyOf(fields);
    }
  }
}
