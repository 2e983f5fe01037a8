package io.leverxc.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class LeverXcVersionTest {
  @Test
  void commitFollowsVersionAfterPlus() {
    assertEquals("0.1.0+9d37d18", LeverXcVersion.describe("0.1.0", "9d37d18"));
    assertEquals("0.1.0+9d37d18-dirty", LeverXcVersion.describe("0.1.0", " 9d37d18-dirty\n"));
  }

  @Test
  void unknownCommitLeavesVersionAlone() {
    assertEquals("0.1.0", LeverXcVersion.describe("0.1.0", ""));
    assertEquals("0.1.0", LeverXcVersion.describe("0.1.0", null));
    assertEquals("0.1.0", LeverXcVersion.describe("0.1.0", "${git.commit.id.describe}"));
  }

  @Test
  void buildFillsInProjectVersion() {
    // Maven filters the properties file in every build, so no placeholder is left.
    String version = LeverXcVersion.get();
    assertFalse(version.contains("${"), version);
    assertFalse(version.isBlank(), version);
    assertNotEquals("unknown", version);
  }
}
