package io.leverxc.cli;

import io.leverxc.bundle.BundleFormatException;
import io.leverxc.data.DataFormatException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Prints a one-line error for failures caused by the user's input (malformed files, invalid
 * settings) and a full stack trace only for unexpected failures. The one-line errors keep their
 * trace at DEBUG level, for a check that turns out to be an internal one:
 * {@code LEVER_JAVA_OPTS=-Dorg.slf4j.simpleLogger.log.io.leverxc.cli.UserErrorHandler=debug}.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(UserErrorHandler.class);
  /** Exit code for invalid input, as picocli uses for invalid options. */
  static final int INPUT_ERROR = 2;

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError outOfMemory) {
        // A worker pool wrapped it. Rethrown, it reaches LeverCommand.main, which prints the one-line
        // out-of-memory message and exits with its code rather than 1 with a stack trace.
        throw outOfMemory;
      }
    }
    if (isUserError(exception)) {
      // The qualified name includes the parents, for example "lever bench serve".
      commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
      LOG.debug("stack trace of the error above", exception);
      return INPUT_ERROR;
    }
    LOG.error("{} failed", commandLine.getCommandSpec().qualifiedName(), exception);
    return 1;
  }

  /**
   * Returns whether {@code exception} explains itself to the user. A number format error that no
   * reader turned into a message naming its file or option, or an error without a message, is a
   * gap in our checks and gets the full trace.
   */
  static boolean isUserError(Exception exception) {
    if (exception.getMessage() == null || exception instanceof NumberFormatException) {
      return false;
    }
    return exception instanceof DataFormatException
        || exception instanceof BundleFormatException
        || exception instanceof IllegalArgumentException
        || exception instanceof UncheckedIOException;
  }
}
