package io.c360.core.churn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The model's inputs: numeric columns (cast to double; null, blank or unparseable = missing, NaN for XGBoost) and
 * categorical columns (strings indexed by frequency, learned on the training rows only and without the label;
 * blank = missing; a value not seen in training gets an extra "unknown" index). One model feature per column, so
 * each column gets one SHAP value.
 */
public record ChurnFeatures(List<String> numeric, List<String> categorical) {

  public ChurnFeatures {
    numeric = List.copyOf(numeric);
    categorical = List.copyOf(categorical);
    if (numeric.isEmpty() && categorical.isEmpty()) {
      throw new IllegalArgumentException("the churn model needs at least one feature column");
    }
    Set<String> seen = new HashSet<>();
    for (String name : names(numeric, categorical)) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException("feature column '" + name + "' is listed twice");
      }
    }
  }

  /** Feature names in model order: numeric, then categorical (the order of the SHAP values). */
  public List<String> names() {
    return names(numeric, categorical);
  }

  private static List<String> names(List<String> numeric, List<String> categorical) {
    List<String> out = new ArrayList<>(numeric);
    out.addAll(categorical);
    return List.copyOf(out);
  }
}
