package io.leverxc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FeatureBenchTextsTest {
  @Test
  void cutAtLastSpace() {
    assertEquals("red apple", FeatureBenchTexts.cut("red apple fruit", 12));
    assertEquals("red apple", FeatureBenchTexts.cut("red apple fruit", 9));
    assertEquals("red apple fruit", FeatureBenchTexts.cut("red apple fruit", 15));
  }

  @Test
  void cutWithoutSpaceIsHard() {
    assertEquals("abcd", FeatureBenchTexts.cut("abcdefgh", 4));
  }

  @Test
  void jsonLinesFolderIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
    java.nio.file.Files.writeString(folder.resolve("trn.json"), "{\"title\": \"a\", \"target_ind\": [0]}\n");

    IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> FeatureBenchTexts.load(folder, 32));

    assertEquals(folder + " is in the JSON-lines layout (trn.json), and lever bench features reads the raw-text"
        + " layout only (trn_X.txt and Y.txt); give a data set in that layout", error.getMessage());
  }
}
