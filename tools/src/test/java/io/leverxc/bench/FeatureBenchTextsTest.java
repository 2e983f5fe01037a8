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
}
