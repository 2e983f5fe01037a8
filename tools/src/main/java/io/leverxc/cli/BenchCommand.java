package io.leverxc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lever bench}: the benchmarks behind the speed, memory and quality figures in the documentation. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure the speed, memory or quality of one component, or write a baseline's predictions;"
        + " run 'lever bench COMMAND --help'.",
    subcommands = {
      io.leverxc.bench.DataBenchmark.class,
      io.leverxc.bench.EvaluateBenchmark.class,
      io.leverxc.bench.LabelTextBaseline.class,
      io.leverxc.cli.DocumentGraphBenchCommand.class,
      io.leverxc.cli.FeatureQualityBenchCommand.class,
      io.leverxc.cli.FeaturesBenchCommand.class,
      io.leverxc.cli.GraphUpdateBenchCommand.class,
      io.leverxc.cli.IndexBenchCommand.class,
      io.leverxc.cli.KernelBenchCommand.class,
      io.leverxc.cli.OvaBenchCommand.class,
      io.leverxc.cli.PredictStagesBenchCommand.class,
      io.leverxc.cli.ServeBenchCommand.class,
      io.leverxc.cli.TeacherBenchCommand.class,
      io.leverxc.cli.ValidationBenchCommand.class
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
