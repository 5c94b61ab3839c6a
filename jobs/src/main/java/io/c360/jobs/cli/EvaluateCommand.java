package io.c360.jobs.cli;

import io.c360.jobs.Progress;
import io.c360.jobs.generate.TruthEvaluation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "evaluate", description = {
    "Scores a lake built from generated sources against the generator's ground truth (SOURCES/_truth): identity's "
        + "pairwise precision, recall and F1, the ticket classifier's accuracy on the tickets without a desk "
        + "category, and attribution's order of channels against the true uplift order.",
    "Prints the figures and writes them to model_metrics (models identity_vs_truth, ticket_classifier_vs_truth, "
        + "attribution_vs_truth) for the as-of date. Run it after the pipeline; the jobs themselves never read "
        + "_truth."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:the evaluation failed",
        "2:usage or input error (no _truth/ folder in the sources)"})
final class EvaluateCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Mixin
  AsOfOption asOf;

  @Mixin
  SourcesOption sources;

  @Override
  public Integer call() {
    try (Workspace ws = Workspace.open(common, false)) {
      TruthEvaluation.run(ws.lake, sources.value(ws.config), asOf.value(), Progress.stderr());
      return ExitCodes.OK;
    }
  }
}
