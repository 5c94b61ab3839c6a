package io.c360.jobs.generate;

import java.io.IOException;
import java.time.LocalDate;

/**
 * Decides which rows are dirty and renders the dirty values. A row is dirty when a hash of (seed, source, row key)
 * falls below the dirty rate, so the choice is deterministic, independent of {@code end} and {@code from}, and the
 * same row is dirty in every batch that contains it. The kind is drawn from the source's applicable kinds by a second
 * hash. Every written dirty row is listed in {@code _truth/dirty.csv} (source, row_key, kind).
 */
final class DirtyRows {

  static final int OVERLONG_LENGTH = 5000;
  private static final long SALT = 0xD1B7L;
  private static final String[] EMOJI = {" 😊", " 👍👍", " 🎉", " 😡", " 🙏 ❤️"};

  private final long seed;
  private final double rate;
  private final int endDay;
  private final CsvSink sink;
  private final long[] counts = new long[DirtyKind.ALL.length];

  DirtyRows(World world, CsvSink sink) {
    this.seed = world.seed;
    this.rate = world.options.dirtyRate();
    this.endDay = world.endDay;
    this.sink = sink;
  }

  /** The dirty kind of a row, or null for a clean row. */
  DirtyKind decide(Source source, long rowKey) {
    if (rate <= 0.0) {
      return null;
    }
    long h = Seeds.hash(seed, SALT + source.ordinal(), rowKey);
    if (Seeds.unit(h) >= rate) {
      return null;
    }
    DirtyKind[] kinds = source.dirtyKinds;
    return kinds[(int) Long.remainderUnsigned(Seeds.mix64(h), kinds.length)];
  }

  /** A per-row number to vary the dirty value (which field, which malformed form). */
  int variant(Source source, long rowKey) {
    return (int) (Seeds.hash(seed, SALT + 100 + source.ordinal(), rowKey) >>> 33);
  }

  void record(Source source, String rowKey, DirtyKind kind) throws IOException {
    sink.text(source.code).text(rowKey).text(kind.code).endRow();
    counts[kind.ordinal()]++;
  }

  long count(DirtyKind kind) {
    return counts[kind.ordinal()];
  }

  long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /** The dirty replacement of a timestamp for a {@link DirtyKind#dateKind() date kind}. */
  String timestamp(DirtyKind kind, long ts, int variant) {
    long day = Math.floorDiv(ts, World.DAY_SECONDS);
    String time = TimeText.timestamp(ts).substring(TimeText.DATE_LENGTH);
    switch (kind) {
      case FUTURE_TIMESTAMP:
        return TimeText.date(futureDay(variant)) + time;
      case DATE_BEFORE_1900:
        return before1900(day, variant) + time;
      default:
        return malformed(day, variant, time);
    }
  }

  /** The dirty replacement of a date for a {@link DirtyKind#dateKind() date kind}. */
  String date(DirtyKind kind, long day, int variant) {
    switch (kind) {
      case FUTURE_TIMESTAMP:
        return TimeText.date(futureDay(variant));
      case DATE_BEFORE_1900:
        return before1900(day, variant);
      default:
        return malformed(day, variant, "");
    }
  }

  private long futureDay(int variant) {
    return endDay + 365L * (2 + variant % 8) + variant % 300;
  }

  private static String before1900(long day, int variant) {
    LocalDate d = LocalDate.ofEpochDay(day);
    return TimeText.date(LocalDate.of(1800 + variant % 100, d.getMonthValue(), Math.min(d.getDayOfMonth(), 28))
        .toEpochDay());
  }

  private static String malformed(long day, int variant, String time) {
    String year = TimeText.date(day).substring(0, 4);
    switch (variant % 5) {
      case 0:
        return year + "-13-45" + time;
      case 1:
        return "yesterday";
      case 2:
        return "31/02/" + year + (time.isEmpty() ? "" : " 25:61");
      case 3:
        return "0000-00-00" + (time.isEmpty() ? "" : " 00:00:00");
      default:
        return year + "-02-30" + time;
    }
  }

  /** An amount such as {@code 12,5x}. */
  static String nonNumeric(long cents) {
    long c = Math.abs(cents);
    return c / 100 + "," + c % 100 / 10 + "x";
  }

  /** The text repeated (blank-separated) to at least {@value #OVERLONG_LENGTH} characters. */
  static String overlong(String text) {
    StringBuilder sb = new StringBuilder(OVERLONG_LENGTH + text.length() + 1);
    while (sb.length() < OVERLONG_LENGTH) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(text);
    }
    return sb.toString();
  }

  static String emoji(String text, int variant) {
    return text + EMOJI[variant % EMOJI.length];
  }

  /** A text field, altered for the text kinds of dirty rows. */
  static void writeText(CsvSink s, String text, DirtyKind kind, int variant) throws IOException {
    if (kind == DirtyKind.BROKEN_UTF8) {
      s.brokenText(text);
    } else if (kind == DirtyKind.EMOJI_TEXT) {
      s.text(DirtyRows.emoji(text, variant));
    } else if (kind == DirtyKind.OVERLONG_FIELD) {
      s.text(DirtyRows.overlong(text));
    } else {
      s.text(text);
    }
  }
}
