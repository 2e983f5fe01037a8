package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.DataFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class UserErrorHandlerTest {
  @Test
  void explainedInputErrorsAreOneLine() {
    assertTrue(UserErrorHandler.isUserError(new IllegalArgumentException("--k must be at least 1, got 0")));
    assertTrue(UserErrorHandler.isUserError(new DataFormatException(Path.of("trn_X_Y.txt"), 3, "expected 'label:value'")));
    assertTrue(UserErrorHandler.isUserError(new UncheckedIOException("cannot read x", new IOException("denied"))));
  }

  @Test
  void unexplainedErrorsKeepTheirTrace() {
    assertFalse(UserErrorHandler.isUserError(new NumberFormatException("For input string: \"x\"")));
    assertFalse(UserErrorHandler.isUserError(new IllegalArgumentException()));
    assertFalse(UserErrorHandler.isUserError(new IllegalStateException("worker 0 failed")));
    assertFalse(UserErrorHandler.isUserError(new NullPointerException("model")));
  }

  @Test
  void wrappedOutOfMemoryIsRethrown() {
    OutOfMemoryError outOfMemory = new OutOfMemoryError("Java heap space");
    Exception wrapped = new IllegalStateException("text feature fitting failed", new RuntimeException(outOfMemory));
    picocli.CommandLine commandLine = LeverCommand.commandLine();

    OutOfMemoryError thrown = org.junit.jupiter.api.Assertions.assertThrows(OutOfMemoryError.class,
        () -> new UserErrorHandler().handleExecutionException(wrapped, commandLine, null));

    org.junit.jupiter.api.Assertions.assertSame(outOfMemory, thrown);
  }
}
