package io.leverxc.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FeatureTableTest {
  // Keys 0, 16 and 32 share the home slot in a table of 8 or 16 slots, so they test linear probing.
  private static final long[] KEYS = {16, 0, 32, 7, -1L, Long.MIN_VALUE};
  private static final float[] IDF = {1.5f, 2f, 2.5f, 3f, 3.5f, 4f};

  @Test
  void lookupFindsEveryKey() {
    FeatureTable table = new FeatureTable(KEYS, IDF);
    for (int id = 0; id < KEYS.length; id++) {
      long packed = table.lookup(KEYS[id]);
      assertEquals(id, FeatureTable.packedId(packed), "id of key " + KEYS[id]);
      assertEquals(IDF[id], FeatureTable.packedIdf(packed), "idf of key " + KEYS[id]);
    }
  }

  @Test
  void lookupMissesUnknownKeys() {
    FeatureTable table = new FeatureTable(KEYS, IDF);
    assertEquals(FeatureTable.MISSING, table.lookup(48));
    assertEquals(FeatureTable.MISSING, table.lookup(1));
    assertEquals(FeatureTable.MISSING, new FeatureTable(new long[0], new float[0]).lookup(0));
  }

  @Test
  void lookupAllKeepsOrderAndDropsMisses() {
    FeatureTable table = new FeatureTable(KEYS, IDF);
    long[] keys = {32, 48, 0, 0, 5, -1L};
    int kept = table.lookupAll(keys, keys.length, new long[keys.length], new long[keys.length]);
    assertEquals(4, kept);
    long[] expected = {
      FeatureTable.pack(2, 2.5f), FeatureTable.pack(1, 2f), FeatureTable.pack(1, 2f), FeatureTable.pack(4, 3.5f)
    };
    long[] actual = new long[kept];
    System.arraycopy(keys, 0, actual, 0, kept);
    assertArrayEquals(expected, actual);
  }

  @Test
  void packedValuesSortById() {
    assertEquals(-1, Long.compare(FeatureTable.pack(1, 100f), FeatureTable.pack(2, 1f)));
    assertEquals(7, FeatureTable.packedId(FeatureTable.pack(7, 0.25f)));
    assertEquals(0.25f, FeatureTable.packedIdf(FeatureTable.pack(7, 0.25f)));
  }

  @Test
  void repeatedKeyIsRejected() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new FeatureTable(new long[] {5, 5}, new float[] {1, 1}));
    assertEquals("features 0 and 1 have the same key", error.getMessage());
  }

  @Test
  void nonPositiveIdfIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new FeatureTable(new long[] {5}, new float[] {0}));
    assertThrows(IllegalArgumentException.class, () -> new FeatureTable(new long[] {5}, new float[] {Float.NaN}));
  }
}
