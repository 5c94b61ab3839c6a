package io.c360.jobs.generate;

/**
 * Allocation-free formatting of epoch days as {@code yyyy-MM-dd} and of epoch seconds as {@code yyyy-MM-dd HH:mm:ss}
 * (proleptic Gregorian calendar, civil-from-days after H. Hinnant), for the hot write loops.
 */
final class TimeText {

  static final int DATE_LENGTH = 10;
  static final int TIMESTAMP_LENGTH = 19;

  private TimeText() {
  }

  /** Writes the date of an epoch day into {@code dst} at {@code off}; years 0..9999. */
  static void date(long epochDay, char[] dst, int off) {
    long z = epochDay + 719_468;
    long era = (z >= 0 ? z : z - 146_096) / 146_097;
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int d = (int) (doy - (153 * mp + 2) / 5 + 1);
    int m = (int) (mp < 10 ? mp + 3 : mp - 9);
    int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
    dst[off] = (char) ('0' + y / 1000 % 10);
    dst[off + 1] = (char) ('0' + y / 100 % 10);
    dst[off + 2] = (char) ('0' + y / 10 % 10);
    dst[off + 3] = (char) ('0' + y % 10);
    dst[off + 4] = '-';
    dst[off + 5] = (char) ('0' + m / 10);
    dst[off + 6] = (char) ('0' + m % 10);
    dst[off + 7] = '-';
    dst[off + 8] = (char) ('0' + d / 10);
    dst[off + 9] = (char) ('0' + d % 10);
  }

  /** Writes the timestamp of epoch seconds into {@code dst} (19 characters). */
  static void timestamp(long epochSeconds, char[] dst) {
    long day = Math.floorDiv(epochSeconds, World.DAY_SECONDS);
    int sec = (int) (epochSeconds - day * World.DAY_SECONDS);
    date(day, dst, 0);
    int h = sec / 3600;
    int mi = sec / 60 % 60;
    int s = sec % 60;
    dst[10] = ' ';
    dst[11] = (char) ('0' + h / 10);
    dst[12] = (char) ('0' + h % 10);
    dst[13] = ':';
    dst[14] = (char) ('0' + mi / 10);
    dst[15] = (char) ('0' + mi % 10);
    dst[16] = ':';
    dst[17] = (char) ('0' + s / 10);
    dst[18] = (char) ('0' + s % 10);
  }

  static String timestamp(long epochSeconds) {
    char[] c = new char[TIMESTAMP_LENGTH];
    timestamp(epochSeconds, c);
    return new String(c);
  }

  static String date(long epochDay) {
    char[] c = new char[DATE_LENGTH];
    date(epochDay, c, 0);
    return new String(c);
  }
}
