package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.config.C360Config;
import io.c360.jobs.Pipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment files: the Airflow DAG compiles and runs the pipeline's jobs in order; cluster.conf loads. */
class DeployFilesTest {

  private static final Path DAG = Path.of("..", "scripts", "airflow", "c360_daily.py");

  @Test
  void airflowDagCompiles(@TempDir Path dir) throws Exception {
    Path compiled = dir.resolve("c360_daily.pyc");
    Process python;
    try {
      python = new ProcessBuilder("python3", "-c", "import py_compile, sys; "
          + "py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)", DAG.toString(), compiled.toString())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("python3 is not on the PATH, so the DAG's syntax is not checked: " + e.getMessage());
      return;
    }
    assertTrue(python.waitFor(60, TimeUnit.SECONDS), "python3 -m py_compile did not finish in 60 s");
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, python.exitValue(), output);
    assertTrue(Files.size(compiled) > 0);
  }

  @Test
  void airflowDagRunsThePipelinesJobsInOrderForTheRunsDate() throws IOException {
    String dag = Files.readString(DAG);
    Matcher list = Pattern.compile("(?s)\\nJOBS = \\[(.*?)\\]").matcher(dag);
    assertTrue(list.find(), "no JOBS = [...] list in " + DAG);
    List<String> jobs = new ArrayList<>();
    Matcher name = Pattern.compile("\"([a-z_0-9]+)\"").matcher(list.group(1));
    while (name.find()) {
      jobs.add(name.group(1));
    }
    assertEquals(Pipeline.names(), jobs);
    assertTrue(dag.contains("args = [\"run\", job, \"--as-of\", \"{{ ds }}\", \"--conf\", CONF]"), dag);
    assertTrue(dag.contains("java_class=\"io.c360.jobs.cli.C360\""), dag);
    assertTrue(dag.contains("chain(*tasks)"), dag);
  }

  @Test
  void clusterConfLoadsWithASharedLakeAndXgboostWithinTheCores() {
    CommonOptions options = new CommonOptions();
    options.conf = Path.of("..", "conf", "cluster.conf");
    C360Config config = ConfigFiles.load(options);
    assertEquals("/shared/c360/lake", config.lake().path());
    assertEquals("/shared/c360/raw", config.inputDir());
    assertEquals(64, config.spark().shufflePartitions());
    assertEquals(2, config.churn().model().workers());
  }
}
