package io.c360.core.testdata;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Cleans the JVM's test session after every test class ({@link SparkTest#cleanUp()}), then prints the heap in use, so
 * that one JVM can run a module's classes one after another. A module registers it for all its classes in
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} with
 * {@code junit.jupiter.extensions.autodetection.enabled = true} in {@code junit-platform.properties}.
 */
public final class SparkCleanup implements AfterAllCallback {

  @Override
  public void afterAll(ExtensionContext context) {
    SparkTest.cleanUp();
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long usedMb = (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    System.err.println("[test-jvm] after " + context.getDisplayName() + ": " + usedMb + " MB of heap in use");
  }
}
