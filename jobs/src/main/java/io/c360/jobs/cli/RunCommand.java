package io.c360.jobs.cli;

import io.c360.jobs.Job;
import io.c360.jobs.JobRunner;
import io.c360.jobs.Pipeline;
import io.c360.jobs.Progress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Runs one job for an as-of date.",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:the job failed",
        "2:usage or input error", "3:data-quality gate failed"})
final class RunCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Mixin
  AsOfOption asOf;

  @Parameters(index = "0", paramLabel = "JOB", completionCandidates = JobNames.class,
      description = "Job to run: ${COMPLETION-CANDIDATES}.")
  String job;

  @Mixin
  SourcesOption sources;

  @Override
  public Integer call() {
    Job selected = Pipeline.job(job).orElseThrow(() -> new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "unknown job '" + job + "'; jobs: " + String.join(", ", Pipeline.names())));
    try (Workspace ws = Workspace.open(common, false)) {
      new JobRunner(RunIds.context(ws, asOf.value(), sources.value(ws.config), Progress.stderr())).run(selected);
      return ExitCodes.OK;
    }
  }

  static final class JobNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Pipeline.names().iterator();
    }
  }
}
