package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.config.C360Config;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration files shipped in conf/ load without errors and say what the docs say. */
class ShippedConfTest {

  @Test
  void localConfPutsTheLakeAtDotLake() {
    CommonOptions options = new CommonOptions();
    options.conf = Path.of("..", "conf", "local.conf");
    C360Config config = ConfigFiles.load(options);
    assertEquals("./lake", config.lake().path());
    assertEquals("c360", config.lake().database());
    assertEquals("./sample", config.inputDir());
    assertEquals("local[*]", config.spark().master());
  }
}
