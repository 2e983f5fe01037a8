package io.leverxc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VectorsTest {
  @Test
  void sigmoidKnownValues() {
    assertEquals(0.5f, Vectors.sigmoid(0f));
    assertEquals(0.7310586f, Vectors.sigmoid(1f), 1e-7f);
    assertEquals(0.26894143f, Vectors.sigmoid(-1f), 1e-7f);
  }
}
