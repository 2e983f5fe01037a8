package io.leverxc.cli;

import io.leverxc.bundle.BundleFormatException;
import io.leverxc.data.DataFormatException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Prints a one-line error for failures caused by the user's input (malformed files, invalid
 * settings) and a full stack trace only for unexpected failures.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(UserErrorHandler.class);
  /** Exit code for invalid input, as picocli uses for invalid options. */
  static final int INPUT_ERROR = 2;

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (exception instanceof DataFormatException
        || exception instanceof BundleFormatException
        || exception instanceof IllegalArgumentException
        || exception instanceof UncheckedIOException) {
      // The qualified name includes the parents, for example "lever bench serve".
      commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
      return INPUT_ERROR;
    }
    LOG.error("{} failed", commandLine.getCommandSpec().qualifiedName(), exception);
    return 1;
  }
}
