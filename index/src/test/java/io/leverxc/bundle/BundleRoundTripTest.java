package io.leverxc.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleRoundTripTest {
  @TempDir Path folder;

  static Manifest sampleManifest() {
    return Manifest.builder()
        .dataset(new Manifest.DatasetInfo("LF-Tiny", Map.of("trn_X_Y.txt", "ab".repeat(32))))
        .labelCount(3)
        .dimension("features", 4)
        .dimension("embedding", 2)
        .settings("teacher", Map.of("epochs", 5, "learningRate", 0.01, "loss", "triplet"))
        .settings("index", Map.of("m", 16, "efConstruction", 200))
        .seed(42L)
        .metric("P@1", 0.5)
        .build();
  }

  @Test
  void everyArrayKindRoundTrips() {
    Path target = folder.resolve("model");
    DenseMatrix matrix = new DenseMatrix(2, 3, new float[] {1f, -2.5f, 3f, Float.MIN_VALUE, 0f, -0f});
    float[] floats = {0.25f, Float.MAX_VALUE, -1e-30f};
    int[] ints = {7, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
    byte[] bytes = {0, 1, (byte) 0xff, 42};
    LabelMatrix labels = new LabelMatrix.Builder(5)
        .addRow(new int[] {4, 0}, new float[] {1f, 0.5f}, 2)
        .addRow(new int[0], new float[0], 0)
        .addRow(new int[] {2}, new float[] {3f}, 1)
        .build();

    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putMatrix("label-embeddings", matrix)
          .putFloats("bias", floats)
          .putInts("label.order", ints)
          .putBytes("vocabulary", bytes)
          .putLabelMatrix("train_labels", labels)
          .setManifest(sampleManifest())
          .commit();
    }

    BundleReader reader = BundleReader.open(target);
    assertEquals(List.of("label-embeddings", "bias", "label.order", "vocabulary", "train_labels"),
        List.copyOf(reader.names()));
    DenseMatrix readMatrix = reader.matrix("label-embeddings");
    assertEquals(2, readMatrix.rows());
    assertEquals(3, readMatrix.columns());
    assertArrayEquals(matrix.data(), readMatrix.data());
    assertArrayEquals(floats, reader.floats("bias"));
    assertArrayEquals(ints, reader.ints("label.order"));
    assertArrayEquals(bytes, reader.bytes("vocabulary"));

    LabelMatrix readLabels = reader.labelMatrix("train_labels");
    assertEquals(3, readLabels.rows());
    assertEquals(5, readLabels.columns());
    assertEquals(3, readLabels.nonZeros());
    assertEquals(labels.row(0), readLabels.row(0));
    assertEquals(0, readLabels.rowSize(1));
    assertEquals(labels.row(2), readLabels.row(2));
    assertTrue(reader.has("bias"));
    assertFalse(reader.has("missing"));
  }

  @Test
  void manifestRoundTripsEveryField() {
    Path target = folder.resolve("model");
    Manifest manifest = sampleManifest();
    Manifest written;
    try (BundleWriter writer = BundleWriter.create(target)) {
      written = writer.putInts("ids", new int[] {1, 2}).setManifest(manifest).commit();
    }

    Manifest read = BundleReader.open(target).manifest();
    assertEquals(written, read);
    assertEquals(Manifest.FORMAT_VERSION, read.formatVersion());
    assertEquals(manifest.bundleId(), read.bundleId());
    assertNull(read.parentBundleId());
    assertEquals("LF-Tiny", read.dataset().name());
    assertEquals(Map.of("epochs", 5, "learningRate", 0.01, "loss", "triplet"), read.settings().get("teacher"));
    assertEquals(4, read.dimensions().get("features"));
    assertEquals(42L, read.seed());
    assertEquals(0.5, read.metrics().get("P@1"));
    assertEquals(System.getProperty("java.version"), read.javaVersion());
    Manifest.FileEntry ids = read.files().get("ids");
    assertEquals("int32", ids.type());
    assertArrayEquals(new long[] {2}, ids.shape());
    assertEquals(40 + 8 + 4, ids.bytes());
    assertTrue(read.bundleId().matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}"), read.bundleId());
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  /** Returns the manifest.json of {@code bundle} as a tree, for a test to edit. */
  private static com.fasterxml.jackson.databind.node.ObjectNode readManifest(Path bundle) throws IOException {
    return (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(bundle.resolve("manifest.json").toFile());
  }

  private static void writeManifest(Path bundle, com.fasterxml.jackson.databind.node.ObjectNode tree) throws IOException {
    JSON.writeValue(bundle.resolve("manifest.json").toFile(), tree);
  }

  /** Writes a bundle of one int array with {@link #sampleManifest()} and returns its folder. */
  private Path writeSmallBundle() {
    Path target = folder.resolve("model");
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putInts("ids", new int[] {1, 2}).setManifest(sampleManifest()).commit();
    }
    return target;
  }

  @Test
  void editedManifestIsTold() throws IOException {
    Path target = writeSmallBundle();
    Path manifestFile = target.resolve("manifest.json");
    String written = Files.readString(manifestFile);
    BundleReader intact = BundleReader.open(target);

    Files.writeString(manifestFile, written.replace("\"efConstruction\" : 200", "\"efConstruction\" : 400"));
    BundleReader edited = BundleReader.open(target);
    Files.writeString(manifestFile, written.replace("\"efConstruction\" : 200", "\"efConstruction\" : 200.0"));
    BundleReader numberRewritten = BundleReader.open(target);

    assertTrue(written.contains("\"manifest_crc32c\""), written);
    assertFalse(intact.manifestEdited());
    assertNull(intact.manifest().settings().get("integrity"), "the checksum is not a setting of the model");
    assertTrue(edited.manifestEdited());
    assertEquals(400, edited.manifest().settings().get("index").get("efConstruction"));
    assertTrue(numberRewritten.manifestEdited(), "200.0 is not the 200 that was written");
    assertFalse(intact.currentManifestChecksum().equals(edited.currentManifestChecksum()));
  }

  @Test
  void malformedChecksumCountsAsEdited() throws IOException {
    Path target = writeSmallBundle();
    Path manifestFile = target.resolve("manifest.json");
    String written = Files.readString(manifestFile);
    String checksum = BundleReader.open(target).currentManifestChecksum();
    String recorded = "\"manifest_crc32c\" : \"" + checksum + "\"";
    assertTrue(written.contains(recorded), written);

    List<String> replacements = new java.util.ArrayList<>(List.of(
        "\"manifest_crc32c\" : 12345", "\"manifest_crc32c\" : null", "\"other\" : \"" + checksum + "\"",
        "\"manifest_crc32c\" : \"" + checksum + "0\"", "\"manifest_crc32c\" : \"zzzz\""));
    // The same checksum in upper case, when it has a letter to change (a checksum can be all digits).
    String upper = checksum.toUpperCase(java.util.Locale.ROOT);
    if (!upper.equals(checksum)) {
      replacements.add("\"manifest_crc32c\" : \"" + upper + "\"");
    }

    for (String replacement : replacements) {
      Files.writeString(manifestFile, written.replace(recorded, replacement));

      assertTrue(BundleReader.open(target).manifestEdited(), replacement);
    }
  }

  @Test
  void settingsThatAreNoObjectAreRejected() throws IOException {
    Path target = writeSmallBundle();
    com.fasterxml.jackson.databind.node.ObjectNode tree = readManifest(target);

    tree.putArray("settings").add(1);
    writeManifest(target, tree);
    BundleFormatException array = assertThrows(BundleFormatException.class, () -> BundleReader.open(target));
    tree.remove("settings");
    writeManifest(target, tree);
    BundleFormatException missing = assertThrows(BundleFormatException.class, () -> BundleReader.open(target));

    assertTrue(array.getMessage().contains("invalid manifest at field 'settings'"), array.getMessage());
    assertTrue(missing.getMessage().contains("missing field 'settings'"), missing.getMessage());
  }

  @Test
  void manifestWithoutChecksumLoadsAsIntact() throws IOException {
    Path target = writeSmallBundle();
    com.fasterxml.jackson.databind.node.ObjectNode tree = readManifest(target);
    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("settings")).remove("integrity");
    writeManifest(target, tree);

    assertFalse(BundleReader.open(target).manifestEdited());
  }

  @Test
  void datasetInfoHashesFolderFiles() throws IOException {
    Path data = Files.createDirectory(folder.resolve("LF-Abc"));
    Files.writeString(data.resolve("Y.txt"), "abc");
    Files.writeString(data.resolve(".hidden"), "skipped");
    Manifest.DatasetInfo info = Manifest.DatasetInfo.ofDirectory(data);
    assertEquals("LF-Abc", info.name());
    // SHA-256 of the three bytes "abc", from the FIPS 180-2 test vectors.
    assertEquals(Map.of("Y.txt", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        info.fileSha256());
  }

  @Test
  void bundleIdsAreUnique() {
    assertFalse(Manifest.builder().build().bundleId().equals(Manifest.builder().build().bundleId()));
  }

  @Test
  void emptyArraysRoundTrip() {
    Path target = folder.resolve("model");
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putMatrix("empty", new DenseMatrix(0, 8)).putBytes("none", new byte[0])
          .setManifest(sampleManifest()).commit();
    }
    BundleReader reader = BundleReader.open(target);
    assertEquals(0, reader.matrix("empty").rows());
    assertEquals(8, reader.matrix("empty").columns());
    assertEquals(0, reader.bytes("none").length);
  }

  @Test
  void arrayLargerThanBufferRoundTrips() {
    Path target = folder.resolve("model");
    float[] values = new float[100_003];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.5f - 7f;
    }
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putFloats("weights", values).setManifest(sampleManifest()).commit();
    }
    assertArrayEquals(values, BundleReader.open(target).floats("weights"));
  }

  @Test
  void commitReplacesExistingBundle() throws IOException {
    Path target = folder.resolve("model");
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putInts("version", new int[] {1}).putBytes("old-only", new byte[] {9}).setManifest(sampleManifest()).commit();
    }
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putInts("version", new int[] {2}).setManifest(sampleManifest()).commit();
    }
    BundleReader reader = BundleReader.open(target);
    assertArrayEquals(new int[] {2}, reader.ints("version"));
    assertFalse(reader.has("old-only"));
    assertFalse(Files.exists(target.resolve("old-only.bin")));
    try (Stream<Path> siblings = Files.list(folder)) {
      assertEquals(List.of(target), siblings.toList());
    }
  }

  @Test
  void writingThroughALinkReplacesItsTarget() throws IOException {
    Path real = folder.resolve("v1");
    try (BundleWriter writer = BundleWriter.create(real)) {
      writer.putInts("version", new int[] {1}).setManifest(sampleManifest()).commit();
    }
    Path link = Files.createSymbolicLink(folder.resolve("current"), real.getFileName());

    try (BundleWriter writer = BundleWriter.create(link)) {
      writer.putInts("version", new int[] {2}).setManifest(sampleManifest()).commit();
    }

    assertTrue(Files.isSymbolicLink(link), "the link is kept");
    assertArrayEquals(new int[] {2}, BundleReader.open(real).ints("version"));
    try (Stream<Path> siblings = Files.list(folder)) {
      assertEquals(List.of(link, real), siblings.sorted().toList());
    }
  }

  @Test
  void dotDotAfterLinkFollowsTheLink() throws IOException {
    Path elsewhere = Files.createDirectories(folder.resolve("elsewhere").resolve("b1"));
    Path sub = Files.createDirectories(folder.resolve("sub"));
    Files.createSymbolicLink(sub.resolve("cur"), elsewhere);
    Path throughLink = sub.resolve("cur").resolve("..").resolve("newb");

    try (BundleWriter writer = BundleWriter.create(throughLink)) {
      writer.putInts("version", new int[] {3}).setManifest(sampleManifest()).commit();
    }

    assertArrayEquals(new int[] {3}, BundleReader.open(folder.resolve("elsewhere").resolve("newb")).ints("version"));
    assertArrayEquals(new int[] {3}, BundleReader.open(throughLink).ints("version"));
    assertFalse(Files.exists(sub.resolve("newb")), "the path was not simplified past the link");
  }

  @Test
  void linkToMissingPathIsRejected() throws IOException {
    Path link = Files.createSymbolicLink(folder.resolve("current"), folder.resolve("gone"));

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BundleWriter.create(link));

    assertTrue(error.getMessage().contains("is a symbolic link to a missing path"), error.getMessage());
  }

  @Test
  void linkLoopIsNamedAsOne() throws IOException {
    Path first = folder.resolve("first");
    Path second = Files.createSymbolicLink(folder.resolve("second"), first);
    Files.createSymbolicLink(first, second);

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BundleWriter.create(first));

    assertTrue(error.getMessage().contains("is a symbolic link that cannot be followed (Too many levels of symbolic links"),
        error.getMessage());
  }

  @Test
  void copyFromKeepsArrayAndChecksum() {
    Path first = folder.resolve("first");
    try (BundleWriter writer = BundleWriter.create(first)) {
      writer.putFloats("weights", new float[] {1f, 2f, 3f}).putInts("ids", new int[] {4})
          .setManifest(sampleManifest()).commit();
    }
    BundleReader source = BundleReader.open(first);
    Path second = folder.resolve("second");
    try (BundleWriter writer = BundleWriter.create(second)) {
      writer.copyFrom(source, "weights").putInts("ids", new int[] {5}).setManifest(sampleManifest()).commit();
    }
    BundleReader copy = BundleReader.open(second);
    assertArrayEquals(new float[] {1f, 2f, 3f}, copy.floats("weights"));
    assertArrayEquals(new int[] {5}, copy.ints("ids"));
    assertEquals(source.manifest().files().get("weights"), copy.manifest().files().get("weights"));
  }

  @Test
  void wrongAccessorNamesStoredKind() {
    Path target = folder.resolve("model");
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putInts("ids", new int[] {1}).setManifest(sampleManifest()).commit();
    }
    BundleFormatException error =
        assertThrows(BundleFormatException.class, () -> BundleReader.open(target).floats("ids"));
    assertTrue(error.getMessage().contains("ids.bin: holds int32 of shape 1, which floats() cannot return"),
        error.getMessage());
  }

  @Test
  void unknownArrayNameListsStoredNames() {
    Path target = folder.resolve("model");
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putInts("ids", new int[] {1}).setManifest(sampleManifest()).commit();
    }
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> BundleReader.open(target).ints("weights"));
    assertTrue(error.getMessage().contains("has no array 'weights' for ints(); it contains [ids]"), error.getMessage());
  }

  @Test
  void invalidAndRepeatedNamesAreRejected() {
    try (BundleWriter writer = BundleWriter.create(folder.resolve("model"))) {
      IllegalArgumentException traversal =
          assertThrows(IllegalArgumentException.class, () -> writer.putInts("../escape", new int[0]));
      assertTrue(traversal.getMessage().contains("invalid bundle array name '../escape'"), traversal.getMessage());
      assertThrows(IllegalArgumentException.class, () -> writer.putInts("Upper", new int[0]));
      writer.putInts("ids", new int[0]);
      IllegalArgumentException repeated =
          assertThrows(IllegalArgumentException.class, () -> writer.putInts("ids", new int[0]));
      assertTrue(repeated.getMessage().contains("'ids' was already put"), repeated.getMessage());
    }
  }

  @Test
  void commitWithoutManifestFails() {
    try (BundleWriter writer = BundleWriter.create(folder.resolve("model"))) {
      IllegalStateException error = assertThrows(IllegalStateException.class, writer::commit);
      assertTrue(error.getMessage().contains("setManifest"), error.getMessage());
    }
  }

  @Test
  void nonBundleTargetIsNotReplaced() throws IOException {
    Path target = Files.createDirectory(folder.resolve("home"));
    Files.writeString(target.resolve("notes.txt"), "keep me");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BundleWriter.create(target));
    assertTrue(error.getMessage().contains("exists and is not a model bundle"), error.getMessage());
    assertEquals("keep me", Files.readString(target.resolve("notes.txt")));
  }

  @Test
  void folderWithForeignManifestIsNotReplaced() throws IOException {
    Path target = Files.createDirectory(folder.resolve("project"));
    Files.writeString(target.resolve("manifest.json"), "{\"name\": \"my npm project\"}");
    Files.writeString(target.resolve("important.txt"), "keep me");

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BundleWriter.create(target));

    assertTrue(error.getMessage().contains("is not a Lever-XC manifest"), error.getMessage());
    assertEquals("keep me", Files.readString(target.resolve("important.txt")));
  }

  @Test
  void bundleWithOtherFilesIsNotReplaced() throws IOException {
    Path target = folder.resolve("model");
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putFloats("scores", new float[] {1f, 2f});
      writer.setManifest(sampleManifest());
      writer.commit();
    }
    Files.writeString(target.resolve("notes.txt"), "keep me");

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BundleWriter.create(target));

    assertTrue(error.getMessage().contains("1 file(s) that are not part of it (notes.txt)"), error.getMessage());
    assertEquals("keep me", Files.readString(target.resolve("notes.txt")));
  }

  @Test
  void bundleWithOnlyItsFilesIsReplaced() throws IOException {
    Path target = folder.resolve("model");
    for (float value : new float[] {1f, 2f}) {
      try (BundleWriter writer = BundleWriter.create(target)) {
        writer.putFloats("scores", new float[] {value});
        writer.setManifest(sampleManifest());
        writer.commit();
      }
    }

    assertEquals(2f, BundleReader.open(target).floats("scores")[0]);
  }

  @Test
  void leftoverTemporaryFolderIsReported() throws IOException {
    Path target = folder.resolve("model");
    Files.createDirectory(folder.resolve(".model.tmp-20260101T000000Z-deadbeef"));
    Files.createDirectory(folder.resolve(".other.tmp-20260101T000000Z-deadbeef"));
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putFloats("scores", new float[] {1f});
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);

    assertTrue(log.contains("1 folder(s) beside " + target + " were left by interrupted writes:"
        + " .model.tmp-20260101T000000Z-deadbeef; delete them once model loads"), log);
    assertFalse(log.contains(".other.tmp"), log);
  }

  @Test
  void folderCreatedDuringWriteIsNotReplaced() throws IOException {
    Path target = folder.resolve("model");
    try (BundleWriter writer = BundleWriter.create(target)) {
      writer.putFloats("scores", new float[] {1f});
      writer.setManifest(sampleManifest());
      Files.createDirectory(target);
      Files.writeString(target.resolve("notes.txt"), "keep me");

      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, writer::commit);

      assertTrue(error.getMessage().contains("exists and is not a model bundle"), error.getMessage());
    }
    assertEquals("keep me", Files.readString(target.resolve("notes.txt")));
  }
}
