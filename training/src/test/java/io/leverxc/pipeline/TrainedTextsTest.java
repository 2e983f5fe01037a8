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
  private static final List<String> TEXTS = texts(200);

  private static List<String> texts(int count) {
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add("document " + i);
    }
    return texts;
  }

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
      writer.putInts(BundleLayout.TRAINED_TEXT_HASHES, TrainedTexts.encode(List.of("a", "b", "c", "d", "e"), new int[] {1, 4}));
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
    for (String text : TEXTS.subList(0, 120)) {
      seen.add(TrainedTexts.hash(text));
    }

    ValidationSplit split = TrainedTexts.carveUnseen(TEXTS, seen, 0.1, 1);

    assertEquals(20, split.validationRows().length);
    for (int row : split.validationRows()) {
      assertTrue(row >= 120, "row " + row + " was seen");
    }
    assertEquals(180, split.trainRows().length);
  }

  @Test
  void carveUnseenTakesAllUnseenWhenTooFew() {
    LongOpenHashSet seen = new LongOpenHashSet();
    for (String text : TEXTS.subList(0, 140)) {
      seen.add(TrainedTexts.hash(text));
    }

    ValidationSplit split = TrainedTexts.carveUnseen(TEXTS, seen, 0.4, 1);

    assertEquals(60, split.validationRows().length);
    assertEquals(140, split.validationRows()[0]);
    assertEquals(140, split.trainRows().length);
    assertEquals(139, split.trainRows()[139]);
  }

  @Test
  void carveUnseenFallsBackBelowMinimum() {
    LongOpenHashSet seen = new LongOpenHashSet();
    for (String text : TEXTS.subList(0, 200 - TrainedTexts.MIN_UNSEEN_DOCUMENTS + 1)) {
      seen.add(TrainedTexts.hash(text));
    }

    ValidationSplit split = TrainedTexts.carveUnseen(TEXTS, seen, 0.3, 1);

    assertArrayEquals(ValidationSplit.carve(200, 0.3, 1).validationRows(), split.validationRows());
  }

  @Test
  void carveUnseenWithoutHashesCarvesAll() {
    ValidationSplit split = TrainedTexts.carveUnseen(TEXTS, null, 0.3, 1);

    ValidationSplit plain = ValidationSplit.carve(TEXTS.size(), 0.3, 1);
    assertArrayEquals(plain.validationRows(), split.validationRows());
  }
}
