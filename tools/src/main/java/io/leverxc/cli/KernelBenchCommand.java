package io.leverxc.cli;

import io.leverxc.bench.jmh.DotProductBenchmark;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lever bench kernel}: JMH run of the dot-product kernels behind every vector index. */
@Command(
    name = "kernel",
    mixinStandardHelpOptions = true,
    description = "Measure the dot-product kernels with JMH (nanoseconds per call, lower is better).")
public final class KernelBenchCommand implements Callable<Integer> {
  @Option(names = "--iterations", paramLabel = "N", defaultValue = "3", description = "Measured iterations per benchmark (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "1", description = "Length of each warm-up and measured iteration in seconds (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Override
  public Integer call() throws RunnerException {
    if (iterations < 1 || seconds < 1) {
      throw new IllegalArgumentException(
          "--iterations and --seconds must be at least 1, got " + iterations + " and " + seconds);
    }
    Options options =
        new OptionsBuilder()
            .include(DotProductBenchmark.class.getName())
            .forks(1)
            .jvmArgsAppend("--add-modules", "jdk.incubator.vector")
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(seconds))
            .build();
    new Runner(options).run();
    return 0;
  }
}
