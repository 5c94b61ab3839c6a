package io.c360.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Layout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Samples shaped like the real exports of ../shared/data/real (provenance in jobs/src/test/resources/real). */
class ExportRecognizerTest {

  private static List<List<String>> rows(String separator, String... lines) {
    return Arrays.stream(lines).map(l -> Arrays.asList(l.split(separator, -1))).toList();
  }

  private static Map<String, String> mapping(ExportRecognizer.Result result) {
    Map<String, String> m = new LinkedHashMap<>();
    result.columns().forEach((contract, p) -> m.put(contract, p.name() != null ? p.name() : "#" + p.position()));
    return m;
  }

  private static ExportRecognizer.Result recognise(List<List<String>> rows) {
    boolean header = ExportRecognizer.firstRowIsHeader(rows);
    return ExportRecognizer.recognise(ExportRecognizer.profile(header ? rows.get(0) : null,
        header ? rows.subList(1, rows.size()) : rows));
  }

  @Test
  void aLineLevelRetailExportIsRecognisedByItsNames() {
    List<List<String>> rows = rows(";",
        "Row ID;Order ID;Order Date;Ship Date;Ship Mode;Customer ID;Customer Name;Segment;City;Product ID;Category;"
            + "Sub-Category;Product Name;Sales;Quantity;Discount;Profit",
        "1;US-2019-103800;03/01/19;07/01/19;Standard Class;DP-13000;Darren Powers;Consumer;Houston;OFF-PA-10000174;"
            + "Office Supplies;Paper;Message Book;16.448;2;0.2;5.5512",
        "2;US-2019-112326;04/01/19;08/01/19;Standard Class;PO-19195;Phillina Ober;Home Office;Naperville;"
            + "OFF-BI-10004094;Office Supplies;Binders;GBC Combs;3.54;2;0.8;-5.487",
        "3;US-2019-112326;04/01/19;08/01/19;Standard Class;PO-19195;Phillina Ober;Home Office;Naperville;"
            + "OFF-LA-10003223;Office Supplies;Labels;Avery 508;11.784;3;0.2;4.2717",
        "4;US-2019-141817;05/01/19;12/01/19;Standard Class;MB-18085;Mick Brown;Consumer;Philadelphia;"
            + "OFF-AR-10003478;Office Supplies;Art;Avery Hi-Liter;19.536;3;0.2;4.884",
        "5;CA-2019-130813;28/01/19;30/01/19;Second Class;LS-17230;Lycoris Saunders;Consumer;Los Angeles;"
            + "OFF-PA-10002005;Office Supplies;Paper;Xerox 225;19.44;3;0;9.3312");
    assertTrue(ExportRecognizer.firstRowIsHeader(rows));
    ExportRecognizer.Result result = recognise(rows);
    assertEquals(Layout.ORDER_LINES, result.layout());
    assertEquals(Map.of("order_id", "Order ID", "account_id", "Customer ID", "name", "Customer Name",
        "order_ts", "Order Date", "city", "City", "sku", "Product ID", "product_name", "Product Name",
        "category", "Category", "quantity", "Quantity", "line_amount", "Sales"), mapping(result));
    assertEquals(Map.of("order_ts", "d/M/yy"), result.formats(), "28/01/19: the day comes first");
    assertTrue(result.undecided().contains("'Discount' looks like a rate (0 to 1), not an amount: left out"),
        result.undecided().toString());
    assertEquals(List.of("Row ID", "Ship Date", "Ship Mode", "Segment", "Sub-Category", "Discount", "Profit"),
        result.unused().stream().map(ExportRecognizer.Profile::name).toList());
  }

  @Test
  void aHeaderlessItemLogIsRecognisedByItsValues() {
    List<List<String>> rows = rows(",", "1808,21-07-2015,tropical fruit", "2552,05-01-2015,whole milk",
        "2300,19-09-2015,pip fruit", "1187,12-12-2015,other vegetables", "3037,01-02-2015,whole milk",
        "4941,14-02-2015,rolls/buns", "4501,08-05-2015,other vegetables", "3803,23-12-2015,pot plants",
        "2762,20-03-2015,whole milk", "4119,12-02-2015,tropical fruit", "1808,22-07-2015,whole milk",
        "2552,05-01-2015,tropical fruit", "2300,19-09-2015,whole milk");
    assertFalse(ExportRecognizer.firstRowIsHeader(rows));
    ExportRecognizer.Result result = recognise(rows);
    assertEquals(Layout.PURCHASE_LOG, result.layout());
    assertEquals(Map.of("order_ts", "#2", "account_id", "#1", "sku", "#3", "product_name", "#3"), mapping(result));
    assertEquals(Map.of("order_ts", "d-M-yyyy"), result.formats());
    assertTrue(result.recognised().contains("no amounts: money columns (monetary, revenue, CLV in money) stay "
        + "empty"), result.recognised().toString());
  }

  @Test
  void aWhitespacePurchaseLogWithCompactDatesIsRecognised() {
    List<List<String>> rows = rows("\\s+", "customer_id date number_of_cds dollar_value", "00001 19970101 1 11.77",
        "00002 19970112 1 12.00", "00002 19970112 5 77.00", "00003 19970102 2 20.76", "00003 19970330 2 20.76",
        "00003 19970402 2 19.54");
    ExportRecognizer.Result result = recognise(rows);
    assertEquals(Layout.PURCHASE_LOG, result.layout());
    assertEquals(Map.of("account_id", "customer_id", "order_ts", "date", "quantity", "number_of_cds",
        "line_amount", "dollar_value"), mapping(result));
    assertEquals(Map.of("order_ts", "yyyyMMdd"), result.formats());
  }

  @Test
  void dayAndMonthOrderIsDecidedByTheDateThatFollows() {
    // every day is 12 or less: the ship date, a few days after the order date, tells day from month
    List<List<String>> dayFirst = rows(",", "order_id,order_date,ship_date,total", "o1,03/01/19,07/01/19,10.5",
        "o2,04/02/19,08/02/19,3.5", "o3,11/03/19,12/03/19,7.25");
    assertEquals(Map.of("order_ts", "d/M/yy"), recognise(dayFirst).formats());
    List<List<String>> monthFirst = rows(",", "order_id,order_date,ship_date,total", "o1,01/03/19,01/07/19,10.5",
        "o2,02/04/19,02/08/19,3.5", "o3,03/11/19,03/12/19,7.25");
    assertEquals(Map.of("order_ts", "M/d/yy"), recognise(monthFirst).formats());
    List<List<String>> undecidable = rows(",", "order_id,order_date,total", "o1,01/03/19,10.5", "o2,02/04/19,3.5");
    ExportRecognizer.Result result = recognise(undecidable);
    assertEquals(Map.of("order_ts", "d/M/yy"), result.formats());
    assertTrue(result.undecided().get(0).contains("every sampled date reads day-first and month-first"),
        result.undecided().toString());
  }

  @Test
  void oneRowPerOrderWithATotalIsTheOrdersLayout() {
    List<List<String>> rows = rows(",", "InvoiceNo,CustomerID,Email,InvoiceDate,Total", "i1,c1,a@b.cn,"
        + "2024-01-02 10:00:00,12.50", "i2,c2,c@d.com,2024-01-03 11:30:00,7.00", "i3,c1,a@b.cn,2024-02-01 09:00:00,3");
    ExportRecognizer.Result result = recognise(rows);
    assertEquals(Layout.ORDERS, result.layout());
    assertEquals(Map.of("order_id", "InvoiceNo", "account_id", "CustomerID", "email", "Email",
        "order_ts", "InvoiceDate", "total_amount", "Total"), mapping(result));
    assertEquals(Map.of(), result.formats(), "ISO times need no pattern");
  }
}
