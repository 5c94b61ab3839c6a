package io.c360.core.config;

import io.c360.core.catalog.Layout;
import io.c360.core.catalog.Source;
import io.c360.core.quality.CheckSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whole typed configuration of c360. Built by {@link ConfigReader}; immutable. */
public record C360Config(LakeConfig lake, SparkConfig spark, String inputDir, Map<Source, SourceConfig> sources,
                         IngestConfig ingest, List<CheckSpec> checks, IdentityConfig identity,
                         ClvModelConfig clv, ChurnModelConfig churn, List<String> admins, SegmentConfig segments,
                         ServiceConfig service, JourneyConfig journey, AttributionConfig attribution,
                         AlertConfig alerts, RecsConfig recommendations) {

  public C360Config {
    sources = Map.copyOf(new EnumMap<>(sources));
    checks = List.copyOf(checks);
    admins = List.copyOf(admins);
    SourceConfig orders = sources.get(Source.ORDERS);
    if (orders == null || !orders.enabled()) {
      throw new ConfigException("c360.sources.orders must be enabled: orders is the one required source");
    }
  }

  public C360Config withLakePath(String path) {
    return new C360Config(lake.withPath(path), spark, inputDir, sources, ingest, checks, identity, clv, churn, admins,
        segments, service, journey, attribution, alerts, recommendations);
  }

  public C360Config withInputDir(String dir) {
    return new C360Config(lake, spark, dir, sources, ingest, checks, identity, clv, churn, admins, segments, service,
        journey, attribution, alerts, recommendations);
  }

  public C360Config withHmacKey(String key) {
    IdentityConfig i = identity;
    return new C360Config(lake, spark, inputDir, sources, ingest, checks, new IdentityConfig(i.defaultCountryCode(),
        i.emailProviderRules(), i.maxPeoplePerIdentifier(), i.maxGuestOrdersPerPhone(), i.maxIterations(), key),
        clv, churn, admins, segments, service, journey, attribution, alerts, recommendations);
  }

  /** Adds principals (user names) allowed to take the admin role. */
  public C360Config withAdmins(List<String> more) {
    List<String> all = new java.util.ArrayList<>(admins);
    all.addAll(more);
    return new C360Config(lake, spark, inputDir, sources, ingest, checks, identity, clv, churn, all, segments,
        service, journey, attribution, alerts, recommendations);
  }

  /**
   * The source's settings when it is enabled. An orders file with lines (layout order-lines or purchase-log) brings
   * its own order lines: order_items is then not read.
   */
  public Optional<SourceConfig> source(Source source) {
    if (source == Source.ORDER_ITEMS && ordersLayout().derivesOrders()) {
      return Optional.empty();
    }
    return Optional.ofNullable(sources.get(source)).filter(SourceConfig::enabled);
  }

  /** The layout of the orders file. */
  public Layout ordersLayout() {
    return sources.get(Source.ORDERS).layout();
  }
}
