package io.leverxc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingErrorsTest {
  private static final Map<String, String> OPTIONS = Map.of("batchSize", "--batch-size");

  @Test
  void leadingSettingBecomesOption() {
    IllegalArgumentException error = new IllegalArgumentException("batchSize must be in [2, 8], got 1");

    IllegalArgumentException renamed = SettingErrors.withOptionName(error, OPTIONS);

    assertEquals("--batch-size must be in [2, 8], got 1", renamed.getMessage());
    assertSame(error, renamed.getCause());
  }

  @Test
  void otherErrorIsKept() {
    IllegalArgumentException error = new IllegalArgumentException("margin must be in [0, 2], got 3");

    assertSame(error, SettingErrors.withOptionName(error, OPTIONS));
  }
}
