package io.c360.core.segment;

import io.c360.core.config.SegmentConfig;
import java.util.List;
import java.util.Optional;

/** The named segmentations: name in segment_history, column of customer_segments, the segment names. */
public record Segmentations(List<Segmentation> all) {

  /** One segmentation. */
  public record Segmentation(String name, String column, List<String> segments) {
  }

  public static Segmentations of(SegmentConfig config) {
    return new Segmentations(List.of(
        new Segmentation("five_tier", "five_tier", FiveTiers.NAMES),
        new Segmentation("rfm", "rfm_segment", RfmNames.names(config.rfmNames())),
        new Segmentation("lifecycle", "lifecycle_stage", Lifecycle.NAMES),
        new Segmentation("value_quadrant", "value_quadrant", ValueQuadrant.NAMES)));
  }

  public Optional<Segmentation> byName(String name) {
    return all.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Every segment as segmentation:segment. */
  public List<String> qualifiedNames() {
    return all.stream().flatMap(s -> s.segments().stream().map(n -> s.name() + ":" + n)).toList();
  }
}
