package io.c360.jobs.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small RFC 4180 CSV writer straight to bytes: UTF-8, {@code \n} line ends, fields quoted only when they hold a
 * comma, quote or line break (quotes doubled), empty string for null. Writes bytes so that dirty rows can carry
 * invalid UTF-8 on purpose ({@link #brokenText}). Counts data rows (the header is not counted).
 */
final class CsvSink implements Closeable {

  private static final int CAPACITY = 1 << 16;

  private final OutputStream out;
  private final byte[] buf = new byte[CAPACITY];
  private final char[] scratch = new char[TimeText.TIMESTAMP_LENGTH];
  private int pos;
  private boolean rowStart = true;
  private long rows;

  CsvSink(Path file, String header) throws IOException {
    this.out = Files.newOutputStream(file);
    for (int i = 0; i < header.length(); i++) {
      put(header.charAt(i));
    }
    put('\n');
  }

  long rows() {
    return rows;
  }

  CsvSink text(String s) throws IOException {
    sep();
    if (s != null) {
      boolean quoted = needsQuotes(s);
      if (quoted) {
        put('"');
      }
      encode(s, 0, s.length(), quoted);
      if (quoted) {
        put('"');
      }
    }
    return this;
  }

  CsvSink empty() throws IOException {
    sep();
    return this;
  }

  CsvSink num(long v) throws IOException {
    sep();
    putLong(v);
    return this;
  }

  /** Fen as yuan with two decimals, e.g. 1234 -> {@code 12.34}. */
  CsvSink amount(long cents) throws IOException {
    sep();
    long c = cents;
    if (c < 0) {
      put('-');
      c = -c;
    }
    putLong(c / 100);
    put('.');
    put((char) ('0' + c % 100 / 10));
    put((char) ('0' + c % 10));
    return this;
  }

  /** A non-negative number with a fixed count of decimals, e.g. {@code decimal(0.0263, 4)} -> {@code 0.0263}. */
  CsvSink decimal(double v, int places) throws IOException {
    sep();
    long scale = 1;
    for (int i = 0; i < places; i++) {
      scale *= 10;
    }
    long scaled = Math.round(Math.abs(v) * scale);
    if (v < 0 && scaled != 0) {
      put('-');
    }
    putLong(scaled / scale);
    put('.');
    long frac = scaled % scale;
    for (long div = scale / 10; div >= 1; div /= 10) {
      put((char) ('0' + frac / div % 10));
    }
    return this;
  }

  CsvSink bool(boolean b) throws IOException {
    sep();
    ascii(b ? "true" : "false");
    return this;
  }

  CsvSink timestamp(long epochSeconds) throws IOException {
    sep();
    TimeText.timestamp(epochSeconds, scratch);
    for (int i = 0; i < TimeText.TIMESTAMP_LENGTH; i++) {
      put(scratch[i]);
    }
    return this;
  }

  CsvSink date(long epochDay) throws IOException {
    sep();
    TimeText.date(epochDay, scratch, 0);
    for (int i = 0; i < TimeText.DATE_LENGTH; i++) {
      put(scratch[i]);
    }
    return this;
  }

  /** The text with the invalid UTF-8 sequence {@code 0xC3 0x28} written raw into its middle (always quoted). */
  CsvSink brokenText(String s) throws IOException {
    sep();
    int half = s.length() / 2;
    if (half > 0 && Character.isLowSurrogate(s.charAt(half))) {
      half--;
    }
    put('"');
    encode(s, 0, half, true);
    ensure(2);
    buf[pos++] = (byte) 0xC3;
    buf[pos++] = (byte) 0x28;
    encode(s, half, s.length(), true);
    put('"');
    return this;
  }

  void endRow() throws IOException {
    put('\n');
    rowStart = true;
    rows++;
  }

  @Override
  public void close() throws IOException {
    try (OutputStream o = out) {
      o.write(buf, 0, pos);
      pos = 0;
    }
  }

  private void sep() throws IOException {
    if (rowStart) {
      rowStart = false;
    } else {
      put(',');
    }
  }

  private static boolean needsQuotes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /** UTF-8 of {@code s[from, to)}, doubling quotes inside a quoted field. */
  private void encode(String s, int from, int to, boolean quoted) throws IOException {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      ensure(4);
      if (c < 0x80) {
        if (c == '"' && quoted) {
          buf[pos++] = '"';
        }
        buf[pos++] = (byte) c;
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xC0 | c >> 6);
        buf[pos++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[pos++] = (byte) (0xF0 | cp >> 18);
        buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3F);
        buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3F);
        buf[pos++] = (byte) (0x80 | cp & 0x3F);
      } else if (Character.isSurrogate(c)) {
        buf[pos++] = '?';
      } else {
        buf[pos++] = (byte) (0xE0 | c >> 12);
        buf[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
        buf[pos++] = (byte) (0x80 | c & 0x3F);
      }
    }
  }

  private void ascii(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      put(s.charAt(i));
    }
  }

  private void putLong(long v) throws IOException {
    if (v < 0) {
      put('-');
      putLong(-v);
      return;
    }
    if (v >= 10) {
      putLong(v / 10);
    }
    put((char) ('0' + v % 10));
  }

  private void put(char c) throws IOException {
    ensure(1);
    buf[pos++] = (byte) c;
  }

  private void ensure(int n) throws IOException {
    if (pos + n > CAPACITY) {
      out.write(buf, 0, pos);
      pos = 0;
    }
  }
}
