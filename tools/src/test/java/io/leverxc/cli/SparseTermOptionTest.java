package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.leverxc.classifier.SparseOvaSettings;
import io.leverxc.pipeline.PipelineSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SparseTermOptionTest {
  private static PipelineSettings parse(String... options) {
    TrainCommand command = new TrainCommand();
    String[] required = {"--data", "data", "--out", "model"};
    String[] args = new String[required.length + options.length];
    System.arraycopy(required, 0, args, 0, required.length);
    System.arraycopy(options, 0, args, required.length, options.length);
    new CommandLine(command).parseArgs(args);
    return command.training.toSettings();
  }

  @Test
  void sparseTermIsOffByDefault() {
    assertNull(parse().sparse());
    assertEquals(false, parse().toMap().get("sparse_term"));
  }

  @Test
  void sparseTermTakesRunThreadsAndSeed() {
    SparseOvaSettings sparse = parse("--sparse-term", "--threads", "2", "--seed", "9").sparse();

    assertEquals(SparseOvaSettings.defaults(2).withSeed(9), sparse);
    assertNull(parse("--sparse-term=false").sparse());
  }
}
