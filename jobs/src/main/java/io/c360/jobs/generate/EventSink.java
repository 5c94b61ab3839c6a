package io.c360.jobs.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code events.jsonl} with Jackson: one JSON object per line, UTF-8, {@code \n} line ends. */
final class EventSink implements Closeable {

  private final JsonGenerator gen;
  private final char[] scratch = new char[TimeText.TIMESTAMP_LENGTH];
  private final char[] number = new char[24];
  private long rows;

  EventSink(Path file) throws IOException {
    gen = new JsonFactory().createGenerator(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
        JsonEncoding.UTF8);
    gen.setRootValueSeparator(null);
  }

  long rows() {
    return rows;
  }

  /**
   * One event line. {@code tsText} replaces the formatted {@code ts} when not null (dirty rows); null strings are
   * written as JSON null; coordinates in 1e-5 degrees, {@link AppEvent#NO_LOCATION} for null; {@code orderId} only on
   * the event that completes an order.
   */
  void write(String eventId, String deviceId, String memberId, long ts, String tsText, String type, String sku,
             String city, int latE5, int lonE5, String orderId) throws IOException {
    gen.writeStartObject();
    stringField("event_id", eventId);
    stringField("device_id", deviceId);
    stringField("member_id", memberId);
    gen.writeFieldName("event_ts");
    if (tsText != null) {
      gen.writeString(tsText);
    } else {
      TimeText.timestamp(ts, scratch);
      gen.writeString(scratch, 0, TimeText.TIMESTAMP_LENGTH);
    }
    gen.writeStringField("event_type", type);
    stringField("sku", sku);
    stringField("city", city);
    coordinate("lat", latE5);
    coordinate("lon", lonE5);
    stringField("order_id", orderId);
    gen.writeEndObject();
    gen.writeRaw('\n');
    rows++;
  }

  private void stringField(String name, String value) throws IOException {
    if (value == null) {
      gen.writeNullField(name);
    } else {
      gen.writeStringField(name, value);
    }
  }

  private void coordinate(String name, int e5) throws IOException {
    gen.writeFieldName(name);
    if (e5 == AppEvent.NO_LOCATION) {
      gen.writeNull();
      return;
    }
    int abs = Math.abs(e5);
    int len = 0;
    if (e5 < 0) {
      number[len++] = '-';
    }
    int whole = abs / 100_000;
    int start = len;
    do {
      number[len++] = (char) ('0' + whole % 10);
      whole /= 10;
    } while (whole > 0);
    for (int i = start, j = len - 1; i < j; i++, j--) {
      char t = number[i];
      number[i] = number[j];
      number[j] = t;
    }
    number[len++] = '.';
    int frac = abs % 100_000;
    for (int div = 10_000; div >= 1; div /= 10) {
      number[len++] = (char) ('0' + frac / div % 10);
    }
    gen.writeNumber(number, 0, len);
  }

  @Override
  public void close() throws IOException {
    gen.close();
  }
}
