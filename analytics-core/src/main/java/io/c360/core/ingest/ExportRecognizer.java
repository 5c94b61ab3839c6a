package io.c360.core.ingest;

import io.c360.core.catalog.Layout;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises what an export holds from a sample of its rows (as text): each column's kind (numbers, dates and
 * their pattern, emails, phones, names, text), which contract column it feeds, and the layout of the orders file
 * (one row per order, per order line, or a purchase log without order ids). Names are matched first (a table of the
 * usual names, case and punctuation ignored), then content decides what names cannot (files without a header). The
 * result says what was recognised and what could not be decided; {@code c360 init} writes it as a conf.
 */
public final class ExportRecognizer {

  /** What a column's sample values are. */
  public enum Kind { EMPTY, INTEGER, DECIMAL, DATE, TIMESTAMP, EMAIL, PHONE, PERSON_NAME, TEXT }

  /**
   * One column of the sample.
   *
   * @param position      1 = first
   * @param name          the header's name, or null without a header
   * @param dateFormat    the pattern its dates parse with (java.time, as Spark reads it), null for ISO dates or
   *                      non-dates
   * @param distinctShare distinct values / non-empty values
   * @param fraction      the share of numbers with a fraction (decimals) among the values, for numbers
   * @param max           the largest number, for numbers
   * @param bothWays      dates that read day-first and month-first alike (no day above 12 in the sample)
   * @param values        the sampled values, one per row ("" when empty)
   */
  public record Profile(int position, String name, Kind kind, String dateFormat, double distinctShare,
                        double fraction, double max, boolean bothWays, List<String> values) {

    /** The name for messages: the header's, else the position. */
    public String label() {
      return name != null ? "'" + name + "'" : "column " + position;
    }
  }

  /**
   * The recognised mapping.
   *
   * @param layout     the orders file's layout
   * @param columns    contract column -> the file's column (position 1 = first)
   * @param formats    contract column -> date pattern, for dates that are not ISO
   * @param recognised one line per decision, for the user
   * @param undecided  what the sample could not decide (and what was taken instead)
   * @param unused     the file's columns that feed nothing
   */
  public record Result(Layout layout, Map<String, Profile> columns, Map<String, String> formats,
                       List<String> recognised, List<String> undecided, List<Profile> unused) {
  }

  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern PHONE = Pattern.compile("\\+?[\\d\\s().-]{7,24}");
  private static final Pattern PERSON = Pattern.compile("\\p{Lu}[\\p{L}'’.-]+(\\s+\\p{Lu}[\\p{L}'’.-]+)+");

  /** Date patterns tried, day-first before month-first; times may follow. */
  private static final List<String> DATES = List.of("yyyy-MM-dd", "yyyyMMdd", "yyyy/M/d", "d/M/yyyy", "M/d/yyyy",
      "d/M/yy", "M/d/yy", "d-M-yyyy", "M-d-yyyy", "d-M-yy", "d.M.yyyy", "d.M.yy", "d-MMM-yyyy", "d-MMM-yy",
      "d MMM yyyy");
  private static final List<String> TIMES = List.of("", " H:mm", " H:mm:ss", "'T'H:mm:ss", " H:mm:ss.SSS");

  /** Contract column -> the usual names of such a column (lower case, letters and digits only). */
  private static final Map<String, List<String>> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put("order_id", List.of("orderid", "invoiceno", "invoice", "invoiceid", "invoicenumber", "ordernumber",
        "orderno", "transactionid", "transactionno", "receiptid", "receiptno", "basketid"));
    NAMES.put("account_id", List.of("customerid", "custid", "customerno", "customernumber", "customer", "memberid",
        "membernumber", "memberno", "member", "clientid", "client", "userid", "accountid", "account", "buyerid"));
    NAMES.put("name", List.of("customername", "name", "fullname", "clientname", "membername", "buyername"));
    NAMES.put("phone", List.of("phone", "mobile", "tel", "telephone", "phonenumber", "mobilephone", "cellphone"));
    NAMES.put("email", List.of("email", "emailaddress", "mail"));
    NAMES.put("order_ts", List.of("orderdate", "invoicedate", "purchasedate", "transactiondate", "saledate",
        "orderts", "ordertime", "date", "datetime", "timestamp", "createdat"));
    NAMES.put("channel", List.of("channel", "saleschannel"));
    NAMES.put("city", List.of("city", "town", "deliverycity"));
    NAMES.put("status", List.of("status", "orderstatus"));
    NAMES.put("currency", List.of("currency", "currencycode"));
    NAMES.put("total_amount", List.of("ordertotal", "totalamount", "ordervalue", "orderamount"));
    NAMES.put("sku", List.of("productid", "sku", "stockcode", "itemid", "productcode", "itemcode", "articleid",
        "articlenumber"));
    NAMES.put("product_name", List.of("productname", "description", "itemdescription", "itemname", "product",
        "item", "article"));
    NAMES.put("category", List.of("category", "productcategory", "department"));
    NAMES.put("quantity", List.of("quantity", "qty", "units", "numberofitems", "items", "numberofcds", "count"));
    NAMES.put("unit_price", List.of("unitprice", "price", "itemprice"));
    NAMES.put("line_amount", List.of("sales", "amount", "linetotal", "lineamount", "total", "revenue", "value",
        "dollarvalue", "salesamount", "netamount", "spend"));
    NAMES.put("discount", List.of("discountamount", "discount"));
  }

  private ExportRecognizer() {
  }

  /** Each column's kind from the sample. */
  public static List<Profile> profile(List<String> header, List<List<String>> rows) {
    int width = header != null ? header.size() : rows.stream().mapToInt(List::size).max().orElse(0);
    List<Profile> profiles = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      List<String> values = new ArrayList<>();
      for (List<String> row : rows) {
        values.add(i < row.size() && row.get(i) != null ? row.get(i).strip() : "");
      }
      profiles.add(profile(i + 1, header != null ? header.get(i) : null, values));
    }
    return profiles;
  }

  /**
   * Whether the first row of a delimited file names its columns: it does when a column whose other values are
   * numbers or dates holds text on the first row, or when every first-row value is text that never repeats below.
   */
  public static boolean firstRowIsHeader(List<List<String>> rows) {
    if (rows.size() < 2) {
      return true;
    }
    List<String> first = rows.get(0);
    List<Profile> rest = profile(null, rows.subList(1, rows.size()));
    boolean allText = true;
    for (int i = 0; i < first.size(); i++) {
      String v = first.get(i) == null ? "" : first.get(i).strip();
      Kind below = i < rest.size() ? rest.get(i).kind() : Kind.EMPTY;
      Kind own = profile(1, null, List.of(v)).kind();
      boolean typedBelow = below == Kind.INTEGER || below == Kind.DECIMAL || below == Kind.DATE
          || below == Kind.TIMESTAMP;
      if (typedBelow && own != below && !(own == Kind.INTEGER && below == Kind.DECIMAL)) {
        return true;
      }
      allText &= own == Kind.TEXT || own == Kind.PERSON_NAME;
    }
    if (!allText) {
      return false;
    }
    for (int i = 0; i < first.size(); i++) {
      for (List<String> row : rows.subList(1, rows.size())) {
        if (i < row.size() && first.get(i).equals(row.get(i))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Maps the columns to the contract and decides the layout. */
  public static Result recognise(List<Profile> columns) {
    Map<String, Profile> mapped = new LinkedHashMap<>();
    List<String> recognised = new ArrayList<>();
    List<String> undecided = new ArrayList<>();
    Set<Integer> used = new HashSet<>();
    // by name first
    for (Map.Entry<String, List<String>> e : NAMES.entrySet()) {
      byName(columns, e.getValue(), used).filter(p -> fits(e.getKey(), p)).ifPresent(p -> {
        mapped.put(e.getKey(), p);
        used.add(p.position());
        recognised.add(p.label() + " -> " + e.getKey() + " (by its name)");
      });
    }
    // then by content, for what names did not settle
    contentGuesses(columns, mapped, used, recognised);
    Map<String, String> formats = new LinkedHashMap<>();
    Profile date = mapped.get("order_ts");
    if (date == null) {
      undecided.add("no order date column: map one with columns { order_ts = ... }");
    } else {
      resolveDayMonth(date, columns, undecided).ifPresent(f -> formats.put("order_ts", f));
    }
    Profile discount = mapped.get("discount");
    if (discount != null && discount.kind() == Kind.DECIMAL && discount.max() <= 1) {
      mapped.remove("discount");
      used.remove(discount.position());
      recognised.removeIf(line -> line.startsWith(discount.label() + " -> "));
      undecided.add(discount.label() + " looks like a rate (0 to 1), not an amount: left out");
    }
    Layout layout = layout(mapped, recognised);
    if (layout == Layout.ORDERS && mapped.containsKey("line_amount") && !mapped.containsKey("total_amount")) {
      Profile amount = mapped.remove("line_amount");
      mapped.put("total_amount", amount);
      recognised.add(amount.label() + " is the order's amount (one row per order) -> total_amount");
    }
    if (!mapped.containsKey("account_id") && !mapped.containsKey("phone") && !mapped.containsKey("email")) {
      undecided.add("no customer column (an id, phone or email): every order is unidentified; map one with "
          + "columns { account_id = ... }");
    }
    if (!mapped.containsKey("line_amount") && !mapped.containsKey("total_amount")
        && !mapped.containsKey("unit_price")) {
      recognised.add("no amounts: money columns (monetary, revenue, CLV in money) stay empty");
    }
    List<Profile> unused = columns.stream().filter(p -> !used.contains(p.position()) && p.kind() != Kind.EMPTY)
        .toList();
    for (Profile p : unused) {
      boolean person = p.kind() == Kind.PERSON_NAME && (p.name() == null || normalised(p.name()).contains("name"));
      if (person || p.kind() == Kind.EMAIL || p.kind() == Kind.PHONE) {
        undecided.add(p.label() + " looks like personal data (" + p.kind().name().toLowerCase(Locale.ROOT)
            + ") and is not read; map it to name, email or phone to keep it in the vault");
      }
    }
    return new Result(layout, mapped, formats, recognised, undecided, unused);
  }

  private static Layout layout(Map<String, Profile> mapped, List<String> recognised) {
    Profile order = mapped.get("order_id");
    boolean lines = mapped.containsKey("sku") || mapped.containsKey("quantity") || mapped.containsKey("unit_price");
    Layout layout;
    if (order == null) {
      layout = Layout.PURCHASE_LOG;
      recognised.add("layout purchase-log: no order id; the rows of one customer on one day (at one time) are one "
          + "order");
    } else if (lines || order.distinctShare() < 1) {
      layout = Layout.ORDER_LINES;
      recognised.add("layout order-lines: " + (order.distinctShare() < 1 ? "order ids repeat" : "rows carry "
          + "products") + ", one row per order line");
    } else {
      layout = Layout.ORDERS;
      recognised.add("layout orders: one row per order");
    }
    return layout;
  }

  private static Optional<Profile> byName(List<Profile> columns, List<String> names, Set<Integer> used) {
    for (String wanted : names) {
      for (Profile p : columns) {
        if (p.name() != null && !used.contains(p.position()) && normalised(p.name()).equals(wanted)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a column's values can feed the contract column (a date column for a time, a number for an amount). */
  private static boolean fits(String contract, Profile p) {
    return switch (contract) {
      case "order_ts" -> p.kind() == Kind.DATE || p.kind() == Kind.TIMESTAMP;
      case "quantity" -> p.kind() == Kind.INTEGER;
      case "total_amount", "line_amount", "unit_price", "discount" -> p.kind() == Kind.INTEGER
          || p.kind() == Kind.DECIMAL;
      case "email" -> p.kind() == Kind.EMAIL;
      default -> p.kind() != Kind.EMPTY;
    };
  }

  /** Files without (useful) names: a date, a repeating id, a product text, a small count, an amount with cents. */
  private static void contentGuesses(List<Profile> columns, Map<String, Profile> mapped, Set<Integer> used,
                                     List<String> recognised) {
    guess(columns, mapped, used, recognised, "email", p -> p.kind() == Kind.EMAIL);
    guess(columns, mapped, used, recognised, "phone", p -> p.kind() == Kind.PHONE);
    guess(columns, mapped, used, recognised, "order_ts", p -> p.kind() == Kind.DATE || p.kind() == Kind.TIMESTAMP);
    guess(columns, mapped, used, recognised, "account_id", p -> p.kind() == Kind.INTEGER && p.distinctShare() < 0.9);
    if (!mapped.containsKey("sku") && !mapped.containsKey("product_name")) {
      guess(columns, mapped, used, recognised, "sku", p -> p.kind() == Kind.TEXT && p.distinctShare() < 0.8);
      Profile sku = mapped.get("sku");
      if (sku != null && sku.name() == null) {
        mapped.put("product_name", sku);
        recognised.add(sku.label() + " -> product_name (the item's text is its product)");
      }
    }
    guess(columns, mapped, used, recognised, "quantity", p -> p.kind() == Kind.INTEGER && p.max() <= 1000);
    guess(columns, mapped, used, recognised, "line_amount", p -> p.kind() == Kind.DECIMAL && p.fraction() > 0);
  }

  private static void guess(List<Profile> columns, Map<String, Profile> mapped, Set<Integer> used,
                            List<String> recognised, String contract, java.util.function.Predicate<Profile> test) {
    if (mapped.containsKey(contract)) {
      return;
    }
    for (Profile p : columns) {
      if (!used.contains(p.position()) && (p.name() == null || unnamed(p)) && test.test(p)) {
        mapped.put(contract, p);
        used.add(p.position());
        recognised.add(p.label() + " -> " + contract + " (by its values: " + describe(p) + ")");
        return;
      }
    }
  }

  /** A header name that says nothing about the contract: content decides it. */
  private static boolean unnamed(Profile p) {
    String n = normalised(p.name());
    return NAMES.values().stream().noneMatch(names -> names.contains(n));
  }

  private static String describe(Profile p) {
    return switch (p.kind()) {
      case DATE, TIMESTAMP -> "dates" + (p.dateFormat() != null ? " " + p.dateFormat() : "");
      case INTEGER -> String.format(Locale.ROOT, "whole numbers, %.0f%% distinct", 100 * p.distinctShare());
      case DECIMAL -> "amounts";
      case TEXT -> String.format(Locale.ROOT, "text, %.0f%% distinct", 100 * p.distinctShare());
      default -> p.kind().name().toLowerCase(Locale.ROOT);
    };
  }

  /**
   * The order date's pattern. When day-first and month-first both read every sampled value (no day above 12), a
   * second date column decides: the reading under which it follows the order date by the fewest days (a ship
   * date); else day-first is taken and said so.
   */
  private static Optional<String> resolveDayMonth(Profile date, List<Profile> columns, List<String> undecided) {
    String format = date.dateFormat();
    if (format == null || !format.startsWith("d")) {
      return Optional.ofNullable(format);
    }
    String monthFirst = swapDayMonth(format);
    if (!date.bothWays()) {
      return Optional.of(format);
    }
    for (Profile other : columns) {
      if (other.position() == date.position() || !format.equals(other.dateFormat()) || !other.bothWays()) {
        continue;
      }
      long dayFirst = gapDays(date.values(), other.values(), format);
      long monthFirstGap = gapDays(date.values(), other.values(), monthFirst);
      if (dayFirst != monthFirstGap) {
        return Optional.of(dayFirst < monthFirstGap ? format : monthFirst);
      }
    }
    undecided.add(date.label() + ": every sampled date reads day-first and month-first; took " + format
        + " (day first); set formats { order_ts = \"" + monthFirst + "\" } if months come first");
    return Optional.of(format);
  }

  /** Sum over the rows having both of the days between the two dates, read with the pattern. */
  private static long gapDays(List<String> from, List<String> to, String format) {
    DateTimeFormatter f = formatter(format);
    long total = 0;
    for (int i = 0; i < Math.min(from.size(), to.size()); i++) {
      if (!from.get(i).isEmpty() && !to.get(i).isEmpty()) {
        total += Math.abs(ChronoUnit.DAYS.between(LocalDate.from(f.parse(from.get(i))),
            LocalDate.from(f.parse(to.get(i)))));
      }
    }
    return total;
  }

  private static String swapDayMonth(String format) {
    return format.replaceFirst("^d(.)M", "M$1d");
  }

  /** @param rowValues one value per sampled row, "" when empty */
  private static Profile profile(int position, String name, List<String> rowValues) {
    List<String> values = rowValues.stream().filter(v -> !v.isEmpty()).toList();
    List<String> kept = List.copyOf(rowValues);
    if (values.isEmpty()) {
      return new Profile(position, name, Kind.EMPTY, null, 0, 0, 0, false, kept);
    }
    double distinct = (double) new HashSet<>(values).size() / values.size();
    boolean integers = values.stream().allMatch(v -> INTEGER.matcher(v).matches());
    Optional<String> date = dateFormat(values, integers);
    if (date.isPresent()) {
      String f = date.get();
      Kind kind = f.contains("H") ? Kind.TIMESTAMP : Kind.DATE;
      String format = f.startsWith("yyyy-MM-dd") ? null : f;
      boolean bothWays = format != null && format.startsWith("d") && readsBothWays(values, format);
      return new Profile(position, name, kind, format, distinct, 0, 0, bothWays, kept);
    }
    if (integers || values.stream().allMatch(v -> DECIMAL.matcher(v).matches())) {
      double max = values.stream().mapToDouble(Double::parseDouble).max().orElse(0);
      double fraction = values.stream().filter(v -> v.contains(".")).count() / (double) values.size();
      return new Profile(position, name, integers ? Kind.INTEGER : Kind.DECIMAL, null, distinct, fraction, max,
          false, kept);
    }
    Kind kind = Kind.TEXT;
    if (share(values, EMAIL) >= 0.9) {
      kind = Kind.EMAIL;
    } else if (share(values, PHONE) >= 0.9 && values.stream().filter(v -> v.matches(".*[\\s()+-].*")).count()
        >= values.size() / 2) {
      kind = Kind.PHONE;
    } else if (share(values, PERSON) >= 0.8) {
      kind = Kind.PERSON_NAME;
    }
    return new Profile(position, name, kind, null, distinct, 0, 0, false, kept);
  }

  private static double share(List<String> values, Pattern pattern) {
    return values.stream().filter(v -> pattern.matcher(v).matches()).count() / (double) values.size();
  }

  /** The first pattern that reads every value; an 8-digit number only as yyyyMMdd between 1900 and 2100. */
  private static Optional<String> dateFormat(List<String> values, boolean integers) {
    for (String date : DATES) {
      if (integers && !date.equals("yyyyMMdd")) {
        continue;
      }
      for (String time : TIMES) {
        String pattern = date + time;
        if (values.stream().allMatch(v -> parses(v, pattern))) {
          return Optional.of(pattern);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean readsBothWays(List<String> values, String dayFirst) {
    String monthFirst = swapDayMonth(dayFirst);
    return !monthFirst.equals(dayFirst) && values.stream().allMatch(v -> parses(v, monthFirst));
  }

  private static boolean parses(String value, String pattern) {
    try {
      DateTimeFormatter f = formatter(pattern);
      if (pattern.contains("H")) {
        LocalDateTime t = LocalDateTime.parse(value, f);
        return t.getYear() >= 1900 && t.getYear() <= 2100;
      }
      LocalDate d = LocalDate.parse(value, f);
      return d.getYear() >= 1900 && d.getYear() <= 2100;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** A strict java.time formatter for a Spark pattern (y read as the proleptic year u). */
  private static DateTimeFormatter formatter(String pattern) {
    return DateTimeFormatter.ofPattern(pattern.replace('y', 'u'), Locale.ENGLISH)
        .withResolverStyle(ResolverStyle.STRICT);
  }

  private static String normalised(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }
}
