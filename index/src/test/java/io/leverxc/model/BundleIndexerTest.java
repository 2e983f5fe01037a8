package io.leverxc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.VectorIndex;
import io.leverxc.ann.VectorIndexes;
import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.BundleWriter;
import io.leverxc.bundle.Manifest;
import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleIndexerTest {
  private static final int DIMENSION = 8;

  @TempDir Path folder;

  @Test
  void documentGraphKeepsItsOwnSettings() {
    Path bundle = writeBundle(true, null);

    BundleIndexer.Result result =
        BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(IndexBackend.LUCENE, 8, 32, 64), 1);

    assertEquals(new IndexSettings(IndexBackend.LUCENE, 8, 32, 64), result.settings());
    // A bundle that never recorded document-graph settings gets the defaults, not the label graphs'.
    IndexSettings defaults = new IndexSettings(
        IndexBackend.LUCENE, DocumentNeighbours.GRAPH_M, DocumentNeighbours.GRAPH_EF_CONSTRUCTION, DocumentNeighbours.GRAPH_EF);
    assertEquals(defaults, result.documentSettings());
    assertEquals(defaults, graphSettings(bundle, BundleLayout.DOCUMENT_INDEX, BundleLayout.DOCUMENT_EMBEDDINGS));
    assertEquals(result.settings(), graphSettings(bundle, BundleLayout.LABEL_INDEX, BundleLayout.LABEL_EMBEDDINGS));
    Manifest manifest = BundleReader.open(bundle).manifest();
    assertEquals(defaults, DocumentNeighbours.graphSettings(manifest));
    assertEquals(Map.of("backend", "lucene", "m", 24, "ef_construction", 150, "ef", 80),
        manifest.settings().get(BundleLayout.SECTION_DOCUMENT_INDEX));
  }

  @Test
  void overrideRepairsInvalidStoredSetting() {
    Map<String, Object> invalid = new java.util.LinkedHashMap<>(IndexSettingsCodec.toMap(IndexSettings.defaults()));
    invalid.put("backend", "bogus");
    invalid.put("m", 0);
    invalid.put("ef_construction", 0);
    invalid.put("ef", -4);
    Map<String, Object> invalidDocuments =
        new java.util.LinkedHashMap<>(IndexSettingsCodec.toMap(new IndexSettings(IndexBackend.LUCENE, 24, 100, 40)));
    invalidDocuments.put("backend", "bogus");
    Path bundle = writeBundle(true, invalid, invalidDocuments);

    BundleIndexer.Result result = BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(IndexBackend.LUCENE, 16,
        64, 32), new BundleIndexer.Overrides(IndexBackend.HNSWLIB, null, null, null), 1);

    assertEquals(new IndexSettings(IndexBackend.LUCENE, 16, 64, 32), result.settings());
    assertEquals(new IndexSettings(IndexBackend.HNSWLIB, 24, 100, 40), result.documentSettings());
    assertEquals(16, ((Number) BundleReader.open(bundle).manifest().settings().get(BundleLayout.SECTION_INDEX)
        .get("m")).intValue());
  }

  @Test
  void invalidStoredSettingNamesManifestAndOptions() {
    Map<String, Object> invalid = new java.util.LinkedHashMap<>(IndexSettingsCodec.toMap(IndexSettings.defaults()));
    invalid.put("ef", -4);
    Path bundle = writeBundle(false, invalid, null);

    IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(null, null, null, null), 1));

    assertEquals(bundle.resolve("manifest.json") + ", settings.index: invalid index setting ef=-4: expected 1 to "
        + IndexSettings.MAX_EF + "; pass --m, --ef-construction, --ef or --backend to replace the stored value",
        error.getMessage());
  }

  @Test
  void documentOverridesReplaceTheRecordedSettings() {
    Path bundle = writeBundle(true, new IndexSettings(IndexBackend.LUCENE, 24, 100, 40));

    BundleIndexer.Result result = BundleIndexer.rebuild(
        bundle, new BundleIndexer.Overrides(null, null, null, null),
        new BundleIndexer.Overrides(null, 12, null, 30), 1);

    IndexSettings expected = new IndexSettings(IndexBackend.LUCENE, 12, 100, 30);
    assertEquals(expected, result.documentSettings());
    assertEquals(expected, graphSettings(bundle, BundleLayout.DOCUMENT_INDEX, BundleLayout.DOCUMENT_EMBEDDINGS));
    assertEquals(expected, DocumentNeighbours.graphSettings(BundleReader.open(bundle).manifest()));
    // The label graphs keep the bundle's own settings.
    assertEquals(IndexSettings.defaults(), result.settings());
  }

  @Test
  void backendOverrideReachesTheDocumentGraph() {
    Path bundle = writeBundle(true, new IndexSettings(IndexBackend.LUCENE, 24, 100, 40));

    BundleIndexer.Result result =
        BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(IndexBackend.HNSWLIB, null, null, null), 1);

    assertEquals(new IndexSettings(IndexBackend.HNSWLIB, 24, 100, 40), result.documentSettings());
  }

  @Test
  void bundleWithoutDocumentsRecordsNoDocumentGraph() {
    Path bundle = writeBundle(false, null);

    BundleIndexer.Result result =
        BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(null, null, null, null), 1);

    assertNull(result.documentSettings());
    Manifest manifest = BundleReader.open(bundle).manifest();
    assertNull(manifest.settings().get(BundleLayout.SECTION_DOCUMENT_INDEX));
  }

  @Test
  void labelCountMismatchIsRejected() throws Exception {
    Path bundle = writeBundle(false, null);
    Path manifestFile = bundle.resolve("manifest.json");
    String manifest = java.nio.file.Files.readString(manifestFile);
    java.nio.file.Files.writeString(manifestFile, manifest.replace("\"labelCount\" : 20", "\"labelCount\" : 18"));
    BundleIndexer.Overrides none = new BundleIndexer.Overrides(null, null, null, null);

    io.leverxc.bundle.BundleFormatException error =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.leverxc.bundle.BundleFormatException.class, () -> BundleIndexer.rebuild(bundle, none, 1));

    assertEquals(
        bundle + ": inconsistent label counts: manifest 18, label embeddings 20, classifiers 20; the bundle is"
            + " damaged, retrain it",
        error.getMessage());
    assertEquals(manifest.replace("\"labelCount\" : 20", "\"labelCount\" : 18"), java.nio.file.Files.readString(manifestFile));
  }

  @Test
  void damagedGraphIsNamedWhileRebuilt() throws Exception {
    Path bundle = writeBundle(false, null);
    BundleIndexer.Overrides none = new BundleIndexer.Overrides(null, null, null, null);
    BundleIndexer.rebuild(bundle, none, 1);
    java.nio.file.Files.delete(bundle.resolve(BundleLayout.LABEL_INDEX + ".bin"));

    java.io.PrintStream originalErr = System.err;
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      BundleIndexer.rebuild(bundle, none, 1);
    } finally {
      System.setErr(originalErr);
    }

    String logged = log.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(logged.contains("graph " + BundleLayout.LABEL_INDEX + " of " + bundle + " is missing or damaged ("), logged);
    assertTrue(logged.contains("it is rebuilt from the stored vectors"), logged);
    assertFalse(logged.contains("graph " + BundleLayout.CLASSIFIER_INDEX + " of"), logged);
    assertTrue(java.nio.file.Files.exists(bundle.resolve(BundleLayout.LABEL_INDEX + ".bin")));
  }

  private static IndexSettings graphSettings(Path bundle, String graph, String vectors) {
    BundleReader reader = BundleReader.open(bundle);
    VectorIndex index = VectorIndexes.fromBytes(reader.bytes(graph), reader.matrix(vectors));
    return index.settings();
  }

  /** Writes the vectors that a rebuild reads, and a manifest with or without document-graph settings. */
  private Path writeBundle(boolean withDocuments, IndexSettings documentSettings) {
    return writeBundle(withDocuments, IndexSettingsCodec.toMap(IndexSettings.defaults()),
        documentSettings == null ? null : IndexSettingsCodec.toMap(documentSettings));
  }

  /** Writes a bundle whose manifest records the given graph sections, which may hold invalid values. */
  private Path writeBundle(boolean withDocuments, Map<String, Object> indexSection, Map<String, Object> documentSection) {
    Path bundle = folder.resolve("model");
    Random random = new Random(7);
    Manifest.Builder manifest = Manifest.builder()
        .labelCount(20)
        .settings(BundleLayout.SECTION_INDEX, indexSection);
    if (documentSection != null) {
      manifest.settings(BundleLayout.SECTION_DOCUMENT_INDEX, documentSection);
    }
    try (BundleWriter writer = BundleWriter.create(bundle)) {
      writer.putMatrix(BundleLayout.LABEL_EMBEDDINGS, randomMatrix(20, random));
      writer.putMatrix(BundleLayout.CLASSIFIER_WEIGHTS, randomMatrix(20, random));
      if (withDocuments) {
        writer.putMatrix(BundleLayout.DOCUMENT_EMBEDDINGS, randomMatrix(60, random));
        writer.putLabelMatrix(BundleLayout.DOCUMENT_LABELS, oneLabelPerDocument(60, 20));
      }
      writer.setManifest(manifest.build());
      writer.commit();
    }
    return bundle;
  }

  /** Document {@code d} has the single label {@code d % labels}. */
  private static LabelMatrix oneLabelPerDocument(int documents, int labels) {
    int[] rowStarts = new int[documents + 1];
    int[] ids = new int[documents];
    float[] values = new float[documents];
    for (int d = 0; d < documents; d++) {
      rowStarts[d + 1] = d + 1;
      ids[d] = d % labels;
      values[d] = 1f;
    }
    return new LabelMatrix(documents, labels, rowStarts, ids, values);
  }

  private static DenseMatrix randomMatrix(int rows, Random random) {
    DenseMatrix matrix = new DenseMatrix(rows, DIMENSION);
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < DIMENSION; column++) {
        matrix.set(row, column, (float) random.nextGaussian());
      }
    }
    return matrix;
  }
}
