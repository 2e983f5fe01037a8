package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparseOvaSettingsTest {

  @Test
  void recordedSettingsReadBack() {
    SparseOvaSettings recorded = new SparseOvaSettings(7, 0.75f, 1e-4f, 0.05f, 30, 11, false, 12_345L, 3, (1L << 60) + 1);

    SparseOvaSettings read = SparseOvaSettings.fromMap(recorded.toMap(), 2);

    assertEquals(new SparseOvaSettings(7, 0.75f, 1e-4f, 0.05f, 30, 11, false, 12_345L, 2, (1L << 60) + 1), read);
  }

  @Test
  void missingFieldsKeepDefaults() {
    Map<String, Object> recorded = new LinkedHashMap<>();
    recorded.put("epochs", 3);

    SparseOvaSettings read = SparseOvaSettings.fromMap(recorded, 1);

    assertEquals(3, read.epochs());
    assertEquals(SparseOvaSettings.DEFAULT_LEARNING_RATE, read.learningRate());
    assertEquals(SparseOvaSettings.DEFAULT_SEED, read.seed());
    assertEquals(true, read.labelTexts());
  }

  @Test
  void wrongTypesAreNamed() {
    IllegalArgumentException text =
        assertThrows(IllegalArgumentException.class, () -> SparseOvaSettings.fromMap(Map.of("epochs", "ten"), 1));
    IllegalArgumentException flag =
        assertThrows(IllegalArgumentException.class, () -> SparseOvaSettings.fromMap(Map.of("labelTexts", 1), 1));
    IllegalArgumentException range =
        assertThrows(IllegalArgumentException.class, () -> SparseOvaSettings.fromMap(Map.of("hardNegatives", -1), 1));

    assertEquals("sparse setting epochs must be a number, found ten", text.getMessage());
    assertEquals("sparse setting labelTexts must be true or false, found 1", flag.getMessage());
    assertEquals("sparse hardNegatives must be in [0, 10000], got -1", range.getMessage());
  }

  @Test
  void inexactWholeNumbersAreRejected() {
    Object[][] cases = {
      {"epochs", 2.7, "sparse setting epochs must be a whole number of at most 2147483647, found 2.7"},
      {"epochs", new java.math.BigInteger("1000000000000000000000000000000"),
          "sparse setting epochs must be a whole number of at most 2147483647, found 1000000000000000000000000000000"},
      {"seed", new java.math.BigInteger("18446744073709551621"),
          "sparse setting seed must be a whole number of at most 9223372036854775807, found 18446744073709551621"},
    };
    for (Object[] row : cases) {
      IllegalArgumentException error = assertThrows(
          IllegalArgumentException.class, () -> SparseOvaSettings.fromMap(Map.of((String) row[0], row[1]), 1));

      assertEquals(row[2], error.getMessage());
    }
  }

  @Test
  void wholeValuedDoubleIsAccepted() {
    assertEquals(4, SparseOvaSettings.fromMap(Map.of("epochs", 4.0), 1).epochs());
  }
}
