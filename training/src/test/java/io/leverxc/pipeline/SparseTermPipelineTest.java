package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.bundle.BundleFormatException;
import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.BundleWriter;
import io.leverxc.bundle.Manifest;
import io.leverxc.classifier.OvaSettings;
import io.leverxc.classifier.SparseOvaSettings;
import io.leverxc.classifier.TuningObjective;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.XcDataset;
import io.leverxc.distill.DistillMode;
import io.leverxc.distill.DistillSettings;
import io.leverxc.model.BundleIndexer;
import io.leverxc.model.BundleLayout;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.LabelPredictor.ScoredLabel;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.model.XcModel;
import io.leverxc.teacher.TeacherSettings;
import io.leverxc.text.FeatureSettings;
import io.leverxc.vector.SparseVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sparse classifier term through the whole pipeline on a tiny data set, and bundles with and
 * without its parts.
 */
class SparseTermPipelineTest {
  private static final String[][] TOPICS = TinyTopics.TOPICS;
  private static final int DOCUMENTS_PER_LABEL = TinyTopics.DOCUMENTS_PER_LABEL;
  /** Labels of the data set that only the sparse term keeps apart. */
  private static final int LABEL_COUNT = 24;

  @TempDir Path folder;

  private XcDataset tinyDataset() throws java.io.IOException {
    return TinyTopics.dataset(folder);
  }

  private static PipelineSettings settings(SparseOvaSettings sparse) {
    return settings(sparse, 16, 20, 0.1);
  }

  /** Returns settings of one thread, {@code epochs} for the teacher and the classifiers alike. */
  private static PipelineSettings settings(
      SparseOvaSettings sparse, int dimension, int epochs, double validationFraction) {
    FeatureSettings features = FeatureSettings.builder().minDocumentFrequency(1).build();
    TeacherSettings teacher =
        TeacherSettings.builder().dimension(dimension).epochs(epochs).batchSize(4).negativesPerRow(2).clusterSize(2)
            .threads(1).seed(7).build();
    OvaSettings classifier =
        OvaSettings.defaults(1).withThreads(1, 7).withSchedule(epochs, OvaSettings.DEFAULT_LEARNING_RATE);
    return new PipelineSettings(
        features, teacher, DistillSettings.defaults(DistillMode.NONE), classifier,
        IndexSettings.defaults(IndexBackend.EXACT), validationFraction, TuningObjective.PRECISION_AT_1, 1, 7, null, 0f,
        0, sparse);
  }

  private static SparseOvaSettings sparseSettings() {
    return new SparseOvaSettings(5, 1f, 1e-5f, 0.01f, 3, 1, true, 0, 1, 7L);
  }

  @Test
  void sparseWeightsAreStoredExactlyWhenWeighed() throws Exception {
    Path bundle = folder.resolve("model");
    TrainingPipeline.Result result = new TrainingPipeline(settings(sparseSettings())).run(tinyDataset(), bundle);

    Map<String, Object> fusion = result.manifest().settings().get(BundleLayout.SECTION_FUSION);
    assertEquals(true, result.manifest().settings().get(BundleLayout.SECTION_TRAINING).get("sparse_term"));
    boolean weighed = ((Number) fusion.get("sparseWeight")).floatValue() > 0f;
    assertEquals(weighed, hasPart(bundle, BundleLayout.SPARSE_WEIGHTS));
    assertEquals(weighed, hasPart(bundle, BundleLayout.SPARSE_BIASES));
    assertEquals(weighed, result.manifest().settings().containsKey(BundleLayout.SECTION_SPARSE));
    try (XcModel model = XcModel.load(bundle)) {
      assertEquals(weighed, model.sparseClassifiers() != null);
      for (int label = 0; label < TOPICS.length; label++) {
        assertEquals(label, model.predict(TOPICS[label][0] + " " + TOPICS[label][2], 1).get(0).id(), "topic " + label);
      }
    }
  }

  @Test
  void allNegativesModeRunsInPipeline() throws Exception {
    Path bundle = folder.resolve("model");
    SparseOvaSettings allNegatives = new SparseOvaSettings(5, 1f, 1e-5f, 0.01f, 3, 1, true, Long.MAX_VALUE, 1, 7L);
    TrainingPipeline.Result result = new TrainingPipeline(settings(allNegatives)).run(tinyDataset(), bundle);

    Map<String, Object> fusion = result.manifest().settings().get(BundleLayout.SECTION_FUSION);
    // On these topics the term does not raise validation P@1, so the tuner keeps β at 0 and the
    // bundle leaves the weights out. The test checks that the stage runs in this mode.
    assertEquals(0f, ((Number) fusion.get("sparseWeight")).floatValue());
    assertFalse(hasPart(bundle, BundleLayout.SPARSE_WEIGHTS));
    // Without the weights the served model is the one tuned without the term, so the recorded
    // validation figures are those of a training without it (one thread, same seed).
    Path plain = folder.resolve("plain");
    TrainingPipeline.Result without = new TrainingPipeline(settings(null)).run(tinyDataset(), plain);
    assertEquals(without.manifest().metrics(), result.manifest().metrics());
    try (XcModel model = XcModel.load(bundle)) {
      for (int label = 0; label < TOPICS.length; label++) {
        assertEquals(label, model.predict(TOPICS[label][0] + " " + TOPICS[label][2], 1).get(0).id(), "topic " + label);
      }
    }
  }

  @Test
  void retrainKeepsWeighedSparseTerm() throws Exception {
    XcDataset data = manyLabelDataset();
    Path parent = trainSparseParent(data);
    Path child = folder.resolve("child");

    RetrainingPipeline.Result result = oneThreadRetrain().run(parent, data, child);

    assertTrue(hasPart(parent, BundleLayout.SPARSE_WEIGHTS), "the parent's tuner left the term out");
    Map<String, Object> fusion = result.manifest().settings().get(BundleLayout.SECTION_FUSION);
    assertTrue(((Number) fusion.get("sparseWeight")).floatValue() > 0f, fusion.toString());
    assertTrue(hasPart(child, BundleLayout.SPARSE_WEIGHTS));
    assertTrue(hasPart(child, BundleLayout.SPARSE_BIASES));
    assertEquals(
        sparseSettings().toMap().get("hardNegatives"),
        result.manifest().settings().get(BundleLayout.SECTION_SPARSE).get("hardNegatives"));
    try (XcModel model = XcModel.load(child)) {
      assertTrue(model.sparseClassifiers() != null);
    }
  }

  @Test
  void retrainWithoutSplitKeepsSparseWeight() throws Exception {
    XcDataset data = manyLabelDataset();
    Path parent = trainSparseParent(data);
    Map<String, Object> parentFusion =
        BundleReader.open(parent).manifest().settings().get(BundleLayout.SECTION_FUSION);
    Path child = folder.resolve("child");
    RetrainingPipeline noSplit =
        new RetrainingPipeline(
            new RetrainSettings(
                RetrainSettings.DEFAULT_TEACHER_EPOCHS, RetrainSettings.DEFAULT_CLASSIFIER_EPOCHS, null, 0.0, null, 1, 7));

    RetrainingPipeline.Result result = noSplit.run(parent, data, child);

    assertTrue(result.validation().isEmpty());
    Map<String, Object> fusion = result.manifest().settings().get(BundleLayout.SECTION_FUSION);
    float parentWeight = ((Number) parentFusion.get("sparseWeight")).floatValue();
    assertTrue(parentWeight > 0f, parentFusion.toString());
    assertEquals(parentWeight, ((Number) fusion.get("sparseWeight")).floatValue());
    assertEquals(((Number) parentFusion.get("alpha")).floatValue(), ((Number) fusion.get("alpha")).floatValue());
    assertTrue(hasPart(child, BundleLayout.SPARSE_WEIGHTS));
    assertTrue(hasPart(child, BundleLayout.SPARSE_BIASES));
    // Each label's words are in its label text and training documents only, so a document of
    // those words must rank its label first, as in the parent.
    try (XcModel model = XcModel.load(child)) {
      assertTrue(model.sparseClassifiers() != null);
      for (int label = 0; label < LABEL_COUNT; label++) {
        assertEquals(label, model.predict("alpha" + label + " beta" + label + " gamma" + label, 1).get(0).id(),
            "label " + label);
      }
    }
  }

  @Test
  void retrainNamesInvalidSparseSettings() throws Exception {
    XcDataset data = manyLabelDataset();
    Path parent = trainSparseParent(data);
    Path manifestFile = parent.resolve("manifest.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(manifestFile.toFile());
    ((ObjectNode) manifest.get("settings").get(BundleLayout.SECTION_SPARSE)).put("epochs", "ten");
    json.writeValue(manifestFile.toFile(), manifest);
    RetrainingPipeline retrain = oneThreadRetrain();

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> retrain.run(parent, data, folder.resolve("child")));

    assertEquals(
        manifestFile + ": invalid settings.sparse: sparse setting epochs must be a number, found ten", error.getMessage());
    assertFalse(Files.exists(folder.resolve("child")));
  }

  /** Trains a two-dimensional model with the sparse term on {@code data} into the folder "parent". */
  private Path trainSparseParent(XcDataset data) {
    Path parent = folder.resolve("parent");
    new TrainingPipeline(settings(sparseSettings(), 2, 2, 0.2)).run(data, parent);
    return parent;
  }

  private static RetrainingPipeline oneThreadRetrain() {
    return new RetrainingPipeline(
        new RetrainSettings(
            RetrainSettings.DEFAULT_TEACHER_EPOCHS, RetrainSettings.DEFAULT_CLASSIFIER_EPOCHS, null, 0.2, null, 1, 7));
  }

  /**
   * Returns {@link #LABEL_COUNT} labels of three words each, which a two-dimensional embedding
   * cannot keep apart and a sparse classifier per label can.
   */
  private XcDataset manyLabelDataset() throws java.io.IOException {
    Path dataFolder = Files.createDirectories(folder.resolve("many"));
    List<String> texts = new java.util.ArrayList<>();
    LabelMatrix.Builder labels = new LabelMatrix.Builder(LABEL_COUNT);
    List<String> labelTexts = new java.util.ArrayList<>();
    for (int label = 0; label < LABEL_COUNT; label++) {
      String[] words = {"alpha" + label, "beta" + label, "gamma" + label};
      for (int i = 0; i < DOCUMENTS_PER_LABEL; i++) {
        texts.add(words[i % 3] + " " + words[(i + 1) % 3] + " common" + (i % 4) + " shared" + (i % 5));
        labels.addRow(new int[] {label}, new float[] {1f}, 1);
      }
      labelTexts.add("topic " + words[0]);
    }
    return new XcDataset(dataFolder, texts, labels.build(), List.of(), null, labelTexts,
        io.leverxc.data.FilterPairs.none(), io.leverxc.data.FilterPairs.none());
  }


  @Test
  void sparsePartsRoundTrip() throws Exception {
    Path plain = folder.resolve("plain");
    new TrainingPipeline(settings(null)).run(tinyDataset(), plain);
    assertTrue(!hasPart(plain, BundleLayout.SPARSE_WEIGHTS));
    int musicLabel = 3;
    Path bundle = folder.resolve("with-sparse");
    SparseClassifiers written;
    try (XcModel model = XcModel.load(plain)) {
      Map<String, Object> summary = model.summary();
      assertEquals("trained", summary.get("kind"));
      assertEquals("fused", summary.get("scorer"));
      assertEquals("none", summary.get("distill"));
      assertEquals(model.encoder().dimension(), summary.get("dimension"));
      assertEquals(0, summary.get("removed_labels"));
      assertNull(summary.get("parent_model_id"));
      assertEquals(false, summary.get("sparse_term"));
      assertEquals(0, model.predict("apple orchard", 1).get(0).id());
      // A sparse classifier that gives label 3 the word "apple" with weight 20 and everything else nothing.
      int apple = model.featurizer().features("apple").index(0);
      written = sparseFavouring(musicLabel, apple, model.featurizer().dimension());
      copyWithSparse(plain, bundle, written, 16f);
    }

    try (XcModel model = XcModel.load(bundle)) {
      SparseClassifiers read = model.sparseClassifiers();
      assertEquals(written.weights().nonZeros(), read.weights().nonZeros());
      assertEquals(written.weights().label(0), read.weights().label(0));
      assertEquals(written.weights().value(0), read.weights().value(0));
      assertArrayEquals(written.biases(), read.biases());
      assertEquals(true, model.summary().get("sparse_term"));
      assertEquals(musicLabel, model.predict("apple orchard", 1).get(0).id());
      assertEquals(2, model.predict("river water", 1).get(0).id());
    }
  }

  @Test
  void bundleWithoutSparseEntriesLoadsAsBefore() throws Exception {
    Path bundle = folder.resolve("model");
    new TrainingPipeline(settings(null)).run(tinyDataset(), bundle);
    List<ScoredLabel> before;
    try (XcModel model = XcModel.load(bundle)) {
      before = model.predict("river water", 4);
    }
    // A manifest written before the sparse term has no sparseWeight entry.
    Path manifestFile = bundle.resolve("manifest.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(manifestFile.toFile());
    ((ObjectNode) manifest.get("settings").get("fusion")).remove("sparseWeight");
    json.writeValue(manifestFile.toFile(), manifest);

    try (XcModel model = XcModel.load(bundle)) {
      assertNull(model.sparseClassifiers());
      assertEquals(before, model.predict("river water", 4));
    }
  }

  @Test
  void sparseWeightWithoutSparsePartsIsRejected() throws Exception {
    Path bundle = folder.resolve("model");
    Path manifestFile = trainWithoutSparseButWeighed(bundle, 2.0);

    BundleFormatException error = assertThrows(BundleFormatException.class, () -> XcModel.load(bundle));

    assertTrue(
        error.getMessage().startsWith(manifestFile + ": settings section 'fusion' gives the sparse classifiers the weight 2.0"),
        error.getMessage());
  }

  @Test
  void indexRefusesSparseWeightWithoutParts() throws Exception {
    Path bundle = folder.resolve("model");
    Path manifestFile = trainWithoutSparseButWeighed(bundle, 0.5);
    ObjectMapper json = new ObjectMapper();
    String idBefore = json.readTree(manifestFile.toFile()).get("bundleId").asText();

    BundleFormatException error = assertThrows(
        BundleFormatException.class,
        () -> BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(null, null, null, null), 1));

    assertTrue(
        error.getMessage().startsWith(
            manifestFile + ": settings section 'fusion' gives the sparse classifiers the weight 0.5"),
        error.getMessage());
    assertEquals(idBefore, json.readTree(manifestFile.toFile()).get("bundleId").asText());
  }

  @Test
  void indexRefusesSparseWeightsWithoutBiases() throws Exception {
    Path plain = folder.resolve("plain");
    new TrainingPipeline(settings(null)).run(tinyDataset(), plain);
    Path bundle = folder.resolve("with-sparse");
    try (XcModel model = XcModel.load(plain)) {
      copyWithSparse(plain, bundle, sparseFavouring(0, 0, model.featurizer().dimension()), 0f);
    }
    // A partial copy: the biases are gone from the manifest's file list and from disk.
    Path manifestFile = bundle.resolve("manifest.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(manifestFile.toFile());
    ((ObjectNode) manifest.get("files")).remove(BundleLayout.SPARSE_BIASES);
    json.writeValue(manifestFile.toFile(), manifest);
    Files.delete(bundle.resolve(BundleLayout.SPARSE_BIASES + ".bin"));
    String idBefore = json.readTree(manifestFile.toFile()).get("bundleId").asText();

    BundleFormatException error = assertThrows(
        BundleFormatException.class,
        () -> BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(null, null, null, null), 1));

    assertTrue(
        error.getMessage().startsWith(bundle + ": the bundle has sparse_weights but no sparse_biases"),
        error.getMessage());
    assertEquals(idBefore, json.readTree(manifestFile.toFile()).get("bundleId").asText());
    assertThrows(BundleFormatException.class, () -> XcModel.load(bundle));
  }

  /**
   * Trains a bundle without sparse classifiers, then edits its manifest to give them {@code weight}
   * in the main fusion section, as a damaged bundle would. Returns the manifest file.
   */
  private Path trainWithoutSparseButWeighed(Path bundle, double weight) throws Exception {
    new TrainingPipeline(settings(null)).run(tinyDataset(), bundle);
    Path manifestFile = bundle.resolve("manifest.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode manifest = (ObjectNode) json.readTree(manifestFile.toFile());
    ((ObjectNode) manifest.get("settings").get("fusion")).put("sparseWeight", weight);
    json.writeValue(manifestFile.toFile(), manifest);
    return manifestFile;
  }

  /** Returns sparse classifiers whose only weight is {@code feature} → {@code label}, with weight 20. */
  private static SparseClassifiers sparseFavouring(int label, int feature, int featureDimension) {
    int[] rowStarts = new int[TOPICS.length + 1];
    for (int row = label + 1; row <= TOPICS.length; row++) {
      rowStarts[row] = 1;
    }
    LabelMatrix weights = new LabelMatrix(TOPICS.length, featureDimension, rowStarts, new int[] {feature}, new float[] {20f});
    return new SparseClassifiers(weights, new float[] {-5f, -5f, -5f, -5f});
  }

  /** Copies {@code source} to {@code target} with the sparse parts and the sparse weight in its fusion settings. */
  private static void copyWithSparse(Path source, Path target, SparseClassifiers sparse, float weight) {
    BundleReader reader = BundleReader.open(source);
    Manifest old = reader.manifest();
    Map<String, Map<String, Object>> settings = new LinkedHashMap<>(old.settings());
    settings.put(BundleLayout.SECTION_FUSION,
        FusionSettings.fromMap(old.settings().get(BundleLayout.SECTION_FUSION)).withSparseWeight(weight).toMap());
    settings.remove(BundleLayout.SECTION_FUSION_FIRST_SLOT);
    Manifest.Builder manifest =
        Manifest.builder().dataset(old.dataset()).labelCount(old.labelCount()).seed(old.seed()).metrics(old.metrics());
    old.dimensions().forEach(manifest::dimension);
    settings.forEach(manifest::settings);
    try (BundleWriter writer = BundleWriter.create(target)) {
      for (String name : reader.names()) {
        writer.copyFrom(reader, name);
      }
      writer.putLabelMatrix(BundleLayout.SPARSE_WEIGHTS, sparse.weights());
      writer.putFloats(BundleLayout.SPARSE_BIASES, sparse.biases());
      writer.setManifest(manifest.build());
      writer.commit();
    }
  }

  private static boolean hasPart(Path bundle, String name) {
    return BundleReader.open(bundle).has(name);
  }
}
