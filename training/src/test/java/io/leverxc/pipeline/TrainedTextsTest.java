package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.BundleWriter;
import io.leverxc.bundle.Manifest;
import io.leverxc.classifier.ValidationSplit;
import io.leverxc.model.BundleLayout;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedTextsTest {
  private static final List<String> TEXTS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

  @TempDir Path folder;

  @Test
  void hashMatchesFnv1aOfCodeUnits() {
    // FNV-1a 64 of the bytes 0x61 0x00 ("a" as a UTF-16 code unit, low byte first).
    long expected = 0xcbf29ce484222325L;
    expected = (expected ^ 0x61) * 0x100000001b3L;
    expected = (expected ^ 0x00) * 0x100000001b3L;
    assertEquals(expected, TrainedTexts.hash("a"));
    assertNotEquals(TrainedTexts.hash("ab"), TrainedTexts.hash("ba"));
  }

  @Test
  void hashesRoundTripThroughBundle() {
    Path bundle = folder.resolve("bundle");
    try (BundleWriter writer = BundleWriter.create(bundle)) {
      writer.putInts(BundleLayout.TRAINED_TEXT_HASHES, TrainedTexts.encode(TEXTS, new int[] {1, 4}));
      writer.setManifest(Manifest.builder().labelCount(1).build());
      writer.commit();
    }

    LongOpenHashSet read = TrainedTexts.read(BundleReader.open(bundle));

    assertEquals(2, read.size());
    assertTrue(read.contains(TrainedTexts.hash("b")));
    assertTrue(read.contains(TrainedTexts.hash("e")));
  }

  @Test
  void bundleWithoutHashesReadsAsNull() {
    Path bundle = folder.resolve("bundle");
    try (BundleWriter writer = BundleWriter.create(bundle)) {
      writer.setManifest(Manifest.builder().labelCount(1).build());
      writer.commit();
    }

    assertNull(TrainedTexts.read(BundleReader.open(bundle)));
  }

  @Test
  void carveUnseenHoldsOutOnlyUnseenTexts() {
    LongOpenHashSet seen = new LongOpenHashSet();
    for (String text : List.of("a", "b", "c", "d", "e", "f", "g")) {
      seen.add(TrainedTexts.hash(text));
    }

    ValidationSplit split = TrainedTexts.carveUnseen(TEXTS, seen, 0.2, 1);

    assertEquals(2, split.validationRows().length);
    for (int row : split.validationRows()) {
      assertTrue(row >= 7, "row " + row + " was seen");
    }
    assertEquals(8, split.trainRows().length);
  }

  @Test
  void carveUnseenTakesAllUnseenWhenTooFew() {
    LongOpenHashSet seen = new LongOpenHashSet();
    for (String text : TEXTS.subList(0, 9)) {
      seen.add(TrainedTexts.hash(text));
    }

    ValidationSplit split = TrainedTexts.carveUnseen(TEXTS, seen, 0.3, 1);

    assertArrayEquals(new int[] {9}, split.validationRows());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, split.trainRows());
  }

  @Test
  void carveUnseenWithoutHashesCarvesAll() {
    ValidationSplit split = TrainedTexts.carveUnseen(TEXTS, null, 0.3, 1);

    ValidationSplit plain = ValidationSplit.carve(TEXTS.size(), 0.3, 1);
    assertArrayEquals(plain.validationRows(), split.validationRows());
  }
}
