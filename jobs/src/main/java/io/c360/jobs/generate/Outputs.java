package io.c360.jobs.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The open output files of one run: one per source and the streamed ground-truth files. */
final class Outputs implements Closeable {

  static final String TRUTH_DIR = "_truth";
  static final String PERSONS_HEADER = "person_id,account_id,member_id,household_id,acquired_date,purchase_rate,"
      + "dropout_prob,basket_mean,dropout_date,alive_at_end,churned_in_holdout,orders_to_end,orders_in_holdout,"
      + "spend_in_holdout,weekend_shopper,price_sensitive,novelty_seeker,healthy_eater,emergency_restocker,"
      + "return_prone,has_baby,has_pet,app_user,member,marketing_consent,guest_only,unlinkable,email_changed";
  static final String IDENTITY_HEADER = "source,source_key,person_id";
  static final String FUTURE_HEADER = "person_id,account_id,order_id,order_ts,total_amount,status";
  static final String DIRTY_HEADER = "source,row_key,kind";
  static final String TICKET_TRUTH_HEADER = "ticket_id,category,label_hidden";

  private final Map<Source, CsvSink> csv = new EnumMap<>(Source.class);
  private final List<Closeable> all = new ArrayList<>();
  final EventSink events;
  final CsvSink persons;
  final CsvSink identity;
  final CsvSink futureOrders;
  final CsvSink dirty;
  final CsvSink ticketTruth;

  private Outputs(Path out) throws IOException {
    try {
      for (Source s : Source.ALL) {
        Path dir = Files.createDirectories(out.resolve(s.code));
        if (s.header != null) {
          csv.put(s, register(new CsvSink(dir.resolve(s.file), s.header)));
        }
      }
      events = register(new EventSink(out.resolve(Source.EVENTS.relativePath())));
      Path truth = Files.createDirectories(out.resolve(TRUTH_DIR));
      persons = register(new CsvSink(truth.resolve("persons.csv"), PERSONS_HEADER));
      identity = register(new CsvSink(truth.resolve("identity.csv"), IDENTITY_HEADER));
      futureOrders = register(new CsvSink(truth.resolve("future_orders.csv"), FUTURE_HEADER));
      dirty = register(new CsvSink(truth.resolve("dirty.csv"), DIRTY_HEADER));
      ticketTruth = register(new CsvSink(truth.resolve("ticket_categories.csv"), TICKET_TRUTH_HEADER));
    } catch (IOException | RuntimeException e) {
      closeAll(e);
      throw e;
    }
  }

  static Outputs open(Path out) throws IOException {
    return new Outputs(out);
  }

  private <T extends Closeable> T register(T c) {
    all.add(c);
    return c;
  }

  CsvSink csv(Source s) {
    return csv.get(s);
  }

  long rows(Source s) {
    return s == Source.EVENTS ? events.rows() : csv.get(s).rows();
  }

  @Override
  public void close() throws IOException {
    IOException failure = closeAll(null);
    if (failure != null) {
      throw failure;
    }
  }

  private IOException closeAll(Exception primary) {
    IOException failure = null;
    for (Closeable c : all) {
      try {
        c.close();
      } catch (IOException e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    return failure;
  }
}
