package io.leverxc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lever} command: the entry point of every Lever-XC job. */
@Command(
    name = "lever",
    mixinStandardHelpOptions = true,
    versionProvider = LeverVersion.class,
    description = {
      "Extreme multi-label classification with LEVER tail-label variance reduction.",
      "Start with 'lever demo'; run 'lever COMMAND --help' for the options of each command."
    },
    subcommands = {
      DemoCommand.class,
      TrainCommand.class,
      RetrainCommand.class,
      IndexCommand.class,
      PredictCommand.class,
      EvaluateCommand.class,
      BenchCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LeverCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Builds the command line with every subcommand registered. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new LeverCommand());
    commandLine.setExecutionExceptionHandler(new UserErrorHandler());
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    // Options that parse their own values (--distill, --scorer) ignore case, so enum options do too.
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  public static void main(String[] args) {
    // A server or worker thread that runs out of heap would otherwise die alone and leave the process
    // running without it (a server that returns 503 for ever), so the process exits.
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
      if (error instanceof OutOfMemoryError outOfMemory) {
        System.err.println(OutOfMemoryMessage.of(args, outOfMemory, Runtime.getRuntime().maxMemory())
            + " (thread " + thread.getName() + ")");
        Runtime.getRuntime().halt(OutOfMemoryMessage.EXIT_CODE);
      }
      System.err.print("Exception in thread \"" + thread.getName() + "\" ");
      error.printStackTrace();
    });
    int status;
    try {
      status = commandLine().execute(args);
    } catch (OutOfMemoryError error) {
      System.err.println(OutOfMemoryMessage.of(args, error, Runtime.getRuntime().maxMemory()));
      status = OutOfMemoryMessage.EXIT_CODE;
    }
    System.exit(status);
  }
}
