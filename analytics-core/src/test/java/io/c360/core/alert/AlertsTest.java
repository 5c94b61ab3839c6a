package io.c360.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.config.AlertConfig;
import io.c360.core.quality.Level;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertsTest {

  private static final Alerts ALERTS = new Alerts(new AlertConfig(List.of(
      AlertConfig.Rule.of("complaints", "complaint_rate", "above", 0.10, Level.WARNING),
      AlertConfig.Rule.of("nps_drop", "nps", "drop", 10, Level.ERROR),
      AlertConfig.Rule.of("churn_rise", "churn_rate", "rise", 0.05, Level.ERROR),
      AlertConfig.Rule.of("few_buyers", "buyers", "below", 100, Level.WARNING))));

  @Test
  void firesOnACraftedBreachOnly() {
    List<Alerts.Alert> fired = ALERTS.evaluate(
        Map.of("complaint_rate", 0.125, "nps", 20.0, "churn_rate", 0.30, "buyers", 100.0),
        Map.of("nps", 35.0, "churn_rate", 0.26));
    assertEquals(List.of(
        new Alerts.Alert("complaints", "warning", "complaint_rate", 0.125, 0.10,
            "WARNING complaints: complaint_rate is 0.125, above 0.1"),
        new Alerts.Alert("nps_drop", "error", "nps", 15.0, 10.0,
            "ERROR nps_drop: nps dropped by 15 (from 35 to 20), more than 10")), fired);
  }

  @Test
  void thresholdsAreStrictAndChangeRulesNeedAPreviousDate() {
    assertEquals(List.of(), ALERTS.evaluate(Map.of("complaint_rate", 0.10, "nps", 20.0, "churn_rate", 0.9),
        Map.of()));
    assertEquals(List.of("churn_rise", "few_buyers"), ALERTS.evaluate(Map.of("churn_rate", 0.40, "buyers", 99.0),
        Map.of("churn_rate", 0.30)).stream().map(Alerts.Alert::rule).toList());
  }
}
