package io.leverxc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PropensityTest {
  @Test
  void weightsFollowJainFormula() {
    // N = 4, A = 0.55, B = 1.5: C = (ln 4 - 1)·2.5^0.55 = 0.6394187591956999.
    Propensity propensity = Propensity.fromFrequencies(new int[] {0, 1, 2, 4}, 4, PropensityConstants.DEFAULT);

    assertEquals(1.5116054719900802, propensity.inverse(0), 1e-12);
    // With N_l = 1 the factor (1 + B)^A cancels, leaving 1 + (ln N - 1) = ln N.
    assertEquals(Math.log(4), propensity.inverse(1), 1e-12);
    assertEquals(1.3210317225117136, propensity.inverse(2), 1e-12);
    assertEquals(1.2503720781975358, propensity.inverse(3), 1e-12);
  }

  @Test
  void weightsReachOneFromMinimumDocuments() {
    Propensity enough =
        Propensity.fromFrequencies(new int[] {0, 1}, Propensity.MIN_TRAIN_DOCUMENTS, PropensityConstants.DEFAULT);
    Propensity tooFew =
        Propensity.fromFrequencies(new int[] {0, 1}, Propensity.MIN_TRAIN_DOCUMENTS - 1, PropensityConstants.DEFAULT);

    assertTrue(enough.inverse(0) >= 1, "weight " + enough.inverse(0));
    assertTrue(tooFew.inverse(0) < 1, "weight " + tooFew.inverse(0));
  }

  @Test
  void presetsParseByName() {
    assertEquals(new PropensityConstants(0.55, 1.5), PropensityConstants.parse("default"));
    assertEquals(new PropensityConstants(0.6, 2.6), PropensityConstants.parse("Amazon"));
    assertEquals(new PropensityConstants(0.5, 0.4), PropensityConstants.parse("wikipedia"));
    assertEquals(new PropensityConstants(0.7, 3.0), PropensityConstants.parse(" 0.7, 3 "));
  }

  @Test
  void invalidConstantsAreRejected() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> PropensityConstants.parse("wiki"));
    assertTrue(error.getMessage().contains("expected default, amazon, wikipedia or A,B"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PropensityConstants.parse("0.5,x"));
    assertThrows(IllegalArgumentException.class, () -> PropensityConstants.parse("-1,2"));
  }

  @Test
  void frequencyAboveDocumentCountIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Propensity.fromFrequencies(new int[] {5}, 4, PropensityConstants.DEFAULT));
  }

  @Test
  void overflowingConstantsAreRejected() {
    PropensityConstants huge = new PropensityConstants(1e308, 1e308);

    IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> Propensity.fromFrequencies(new int[] {0, 1}, 1_000, huge));

    assertTrue(error.getMessage().startsWith("propensity constants A=1.0E308, B=1.0E308 give weights too large for a"
        + " double"), error.getMessage());
  }
}
