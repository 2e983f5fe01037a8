package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.classifier.OvaSettings;
import io.leverxc.classifier.TuningObjective;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.XcDataset;
import io.leverxc.distill.DistillMode;
import io.leverxc.distill.DistillSettings;
import io.leverxc.model.BundleIndexer;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.BundleLayout;
import io.leverxc.model.LabelPredictor.ScoredLabel;
import io.leverxc.model.ScorerKind;
import io.leverxc.model.SearchKind;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.XcModel;
import io.leverxc.teacher.TeacherSettings;
import io.leverxc.text.FeatureSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains the whole pipeline on a tiny data set whose four labels each have their own vocabulary,
 * writes the bundle, loads it back and predicts: every stage runs for real, only smaller.
 */
class TrainingPipelineTest {
  private static final String[][] TOPICS = TinyTopics.TOPICS;
  private static final int DOCUMENTS_PER_LABEL = TinyTopics.DOCUMENTS_PER_LABEL;

  @TempDir Path folder;

  private XcDataset tinyDataset() throws java.io.IOException {
    return TinyTopics.dataset(folder);
  }

  private static PipelineSettings settings(DistillMode mode) {
    FeatureSettings features = FeatureSettings.builder().minDocumentFrequency(1).build();
    TeacherSettings teacher =
        TeacherSettings.builder().dimension(32).epochs(40).batchSize(4).negativesPerRow(2).clusterSize(2)
            .threads(1).seed(7).build();
    OvaSettings classifier = OvaSettings.defaults(1).withThreads(1, 7).withEncoderLearningRate(0.01f).withSchedule(40, OvaSettings.DEFAULT_LEARNING_RATE);
    return new PipelineSettings(
        features, teacher, DistillSettings.defaults(mode), classifier, IndexSettings.defaults(IndexBackend.EXACT),
        0.1, TuningObjective.BALANCED, 1, 7, null, 0f);
  }

  @Test
  void trainedBundlePredictsEachTopic() throws Exception {
    Path bundle = folder.resolve("model");
    TrainingPipeline.Result result = new TrainingPipeline(settings(DistillMode.LEVER)).run(tinyDataset(), bundle);

    assertTrue(Files.isRegularFile(bundle.resolve("manifest.json")));
    assertEquals(TOPICS.length, result.manifest().labelCount());
    try (XcModel model = XcModel.load(bundle)) {
      assertEquals(result.manifest().bundleId(), model.modelId());
      StringBuilder all = new StringBuilder();
      for (int label = 0; label < TOPICS.length; label++) {
        all.append(label).append("->").append(model.predict(TOPICS[label][0] + " " + TOPICS[label][2], 4)).append('\n');
      }
      for (int label = 0; label < TOPICS.length; label++) {
        List<ScoredLabel> top = model.predict(TOPICS[label][0] + " " + TOPICS[label][2], 2);
        assertFalse(top.isEmpty(), "no prediction for topic " + label);
        assertEquals(label, top.get(0).id(), "topic " + label + " predicted " + top + "\n" + all);
      }
      assertTrue(model.predict("", 3).isEmpty());
      assertTrue(model.predict("zzz unknownword", 3).isEmpty());
    }
  }

  @Test
  void everyScorerRanksTheRightTopicFirst() throws Exception {
    Path bundle = folder.resolve("model");
    new TrainingPipeline(settings(DistillMode.LEVER)).run(tinyDataset(), bundle);
    for (ScorerKind scorer : ScorerKind.values()) {
      try (XcModel model = XcModel.load(bundle, scorer, SearchKind.EXACT)) {
        assertEquals(3, model.predict("violin orchestra", 1).get(0).id(), scorer.name());
      }
    }
  }

  @Test
  void reindexingKeepsPredictionsAndRecordsParent() throws Exception {
    Path bundle = folder.resolve("model");
    TrainingPipeline.Result result = new TrainingPipeline(settings(DistillMode.NONE)).run(tinyDataset(), bundle);
    float[] before;
    try (XcModel model = XcModel.load(bundle)) {
      before = scores(model.predict("river water", 4));
    }

    BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(IndexBackend.LUCENE, 8, 32, 32), 1);

    try (XcModel model = XcModel.load(bundle)) {
      assertEquals(result.manifest().bundleId(), model.manifest().parentBundleId());
      assertEquals("lucene", model.manifest().settings().get("index").get("backend"));
      assertArrayEquals(before, scores(model.predict("river water", 4)));
    }
  }

  @Test
  void hugeKReturnsEveryLabelOnce() throws Exception {
    Path bundle = folder.resolve("model");
    new TrainingPipeline(settings(DistillMode.LEVER)).run(tinyDataset(), bundle);
    for (ScorerKind scorer : ScorerKind.values()) {
      try (XcModel model = XcModel.load(bundle, scorer, SearchKind.INDEX)) {
        List<ScoredLabel> labels = model.predict("river water", 1_000_000);

        assertEquals(4, labels.size(), scorer.name());
        assertEquals(4, labels.stream().mapToInt(ScoredLabel::id).distinct().count(), scorer.name());
      }
    }
  }

  @Test
  void reindexingRepairsLostGraphFiles() throws Exception {
    Path bundle = folder.resolve("model");
    new TrainingPipeline(settings(DistillMode.NONE)).run(tinyDataset(), bundle);
    float[] before;
    try (XcModel model = XcModel.load(bundle)) {
      before = scores(model.predict("river water", 4));
    }
    Path graph = bundle.resolve(BundleLayout.CLASSIFIER_INDEX + ".bin");
    Files.delete(graph);
    Files.writeString(bundle.resolve(BundleLayout.LABEL_INDEX + ".bin"), "damaged");
    io.leverxc.bundle.BundleFormatException lost = org.junit.jupiter.api.Assertions.assertThrows(
        io.leverxc.bundle.BundleFormatException.class, () -> XcModel.load(bundle));
    assertTrue(lost.getMessage().contains("lever index --model"), lost.getMessage());

    BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(null, null, null, null), 1);

    assertTrue(Files.exists(graph));
    try (XcModel model = XcModel.load(bundle)) {
      assertArrayEquals(before, scores(model.predict("river water", 4)));
    }
    // A graph file of the right length but wrong bytes is reported with the same remedy.
    byte[] bytes = Files.readAllBytes(graph);
    bytes[bytes.length / 2] ^= 1;
    Files.write(graph, bytes);
    io.leverxc.bundle.BundleFormatException damaged = org.junit.jupiter.api.Assertions.assertThrows(
        io.leverxc.bundle.BundleFormatException.class, () -> XcModel.load(bundle));
    assertTrue(damaged.getMessage().contains("lever index --model"), damaged.getMessage());
  }

  @Test
  void lostVectorsAreNotSentToReindexing() throws Exception {
    Path bundle = folder.resolve("model");
    new TrainingPipeline(settings(DistillMode.NONE)).run(tinyDataset(), bundle);
    Files.delete(bundle.resolve(BundleLayout.CLASSIFIER_WEIGHTS + ".bin"));

    io.leverxc.bundle.BundleFormatException lost = org.junit.jupiter.api.Assertions.assertThrows(
        io.leverxc.bundle.BundleFormatException.class, () -> XcModel.load(bundle));
    assertTrue(lost.getMessage().contains("train the model again"), lost.getMessage());
    assertFalse(lost.getMessage().contains("lever index"), lost.getMessage());
  }

  @Test
  void documentVoteIsStoredExactlyWhenTunedIn() throws Exception {
    PipelineSettings base = settings(DistillMode.NONE);
    PipelineSettings withVote = new PipelineSettings(
        base.features(), base.teacher(), base.distill(), base.classifier(), base.index(), base.validationFraction(),
        TuningObjective.PRECISION_AT_1, base.threads(), base.seed(), null, base.labelCooccurrenceThreshold(), 5);
    Path bundle = folder.resolve("model");
    TrainingPipeline.Result result = new TrainingPipeline(withVote).run(tinyDataset(), bundle);

    Map<String, Object> fusion = result.manifest().settings().get("fusion");
    assertEquals(5, ((Number) fusion.get("neighbourCount")).intValue());
    boolean voted = ((Number) fusion.get("neighbourWeight")).floatValue() > 0f;
    assertEquals(voted, hasPart(bundle, BundleLayout.DOCUMENT_EMBEDDINGS));
    assertEquals(voted, hasPart(bundle, BundleLayout.DOCUMENT_INDEX));
    assertEquals(
        voted ? Map.of("backend", "lucene", "m", 24, "ef_construction", 150, "ef", 80) : null,
        result.manifest().settings().get(BundleLayout.SECTION_DOCUMENT_INDEX));
    float[] before;
    try (XcModel model = XcModel.load(bundle)) {
      assertEquals(1, model.predict("engine wheel gearbox", 1).get(0).id());
      before = scores(model.predict("river water", 4));
    }
    // Reindexing rebuilds the document graph too; a graph over so few documents finds the same neighbours.
    BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(IndexBackend.LUCENE, 8, 32, 64), 1);
    assertEquals(voted, hasPart(bundle, BundleLayout.DOCUMENT_INDEX));
    try (XcModel model = XcModel.load(bundle)) {
      assertArrayEquals(before, scores(model.predict("river water", 4)));
    }
  }

  @Test
  void bundleRecordsChosenTitleFeatures() throws Exception {
    PipelineSettings base = settings(DistillMode.NONE);
    PipelineSettings choosing = new PipelineSettings(
        base.features(), base.teacher(), base.distill(), base.classifier(), base.index(), 0.25,
        base.tuningObjective(), base.threads(), base.seed(), null, base.labelCooccurrenceThreshold(), 0, null, true);
    // Each label shows only in the spelling of the documents' titles, such as "pkg0x7dev".
    XcDataset titled = new XcDataset(
        java.nio.file.Files.createDirectories(folder.resolve("titled")),
        TitleFeatureChoiceTest.titledTexts(new java.util.Random(5)), TitleFeatureChoiceTest.labels(), List.of(), null,
        List.of("dev: development files", "doc: documentation", "data: data files", "utils: utilities"),
        FilterPairs.none(), FilterPairs.none());
    Path bundle = folder.resolve("model");

    TrainingPipeline.Result result = new TrainingPipeline(choosing).run(titled, bundle);

    assertEquals("true", String.valueOf(result.manifest().settings().get("features").get("titleCharNgrams")));
    try (XcModel model = XcModel.load(bundle)) {
      assertEquals(3, model.predict("newpkg42utils: simple tool for the system", 1).get(0).id());
    }
  }

  @Test
  void zeroValidationFractionTrainsOnEveryDocument() throws Exception {
    PipelineSettings base = settings(DistillMode.NONE);
    PipelineSettings noValidation = new PipelineSettings(
        base.features(), base.teacher(), base.distill(), base.classifier(), base.index(), 0.0,
        base.tuningObjective(), base.threads(), base.seed(), null, base.labelCooccurrenceThreshold());
    Path bundle = folder.resolve("model");

    TrainingPipeline.Result result = new TrainingPipeline(noValidation).run(tinyDataset(), bundle);

    assertEquals(FusionSettings.defaults().toMap(), result.manifest().settings().get("fusion"));
    assertTrue(result.manifest().metrics().isEmpty(), result.manifest().metrics().toString());
    try (XcModel model = XcModel.load(bundle)) {
      assertEquals(1, model.predict("engine wheel gearbox", 1).get(0).id());
    }
  }

  @Test
  void teacherCheckRowsSpreadOverTheSplit() {
    assertArrayEquals(new int[] {0, 2, 5, 7}, TrainingPipeline.evenlySpaced(10, 4));
    assertArrayEquals(new int[] {0, 1, 2}, TrainingPipeline.evenlySpaced(3, 3));
    assertEquals(TrainingPipeline.MAX_TEACHER_CHECK_DOCUMENTS,
        TrainingPipeline.evenlySpaced(12_345, TrainingPipeline.MAX_TEACHER_CHECK_DOCUMENTS).length);
    assertEquals(12_342, TrainingPipeline.evenlySpaced(12_345, TrainingPipeline.MAX_TEACHER_CHECK_DOCUMENTS)[4_999]);
  }

  @Test
  void teacherCheckShrinksWithLabelCount() {
    assertEquals(5_000, TrainingPipeline.teacherCheckDocuments(554));
    assertEquals(5_000, TrainingPipeline.teacherCheckDocuments(15_000));
    assertEquals(3_750, TrainingPipeline.teacherCheckDocuments(20_000));
    assertEquals(1_000, TrainingPipeline.teacherCheckDocuments(75_000));
    assertEquals(1_000, TrainingPipeline.teacherCheckDocuments(100_000));
    assertEquals(1_000, TrainingPipeline.teacherCheckDocuments(8_000_000));
  }

  @Test
  void teacherCheckSamplesLargeSplit() {
    int documents = TrainingPipeline.MAX_TEACHER_CHECK_DOCUMENTS * 2;
    List<io.leverxc.vector.SparseVector> features = new java.util.ArrayList<>();
    io.leverxc.data.LabelMatrix.Builder labels = new io.leverxc.data.LabelMatrix.Builder(3);
    int[] trainRows = new int[documents];
    for (int d = 0; d < documents; d++) {
      features.add(io.leverxc.vector.SparseVector.of(new int[] {d % 7}, new float[] {1f}));
      labels.addRow(new int[] {d % 3}, new float[] {1f}, 1);
      trainRows[d] = 100 + d;
    }
    io.leverxc.data.LabelMatrix trainLabels =
        new io.leverxc.data.LabelMatrix.Builder(3).addRow(new int[] {0, 1, 2}, new float[] {1f, 1f, 1f}, 3).build();
    // Training row 102 is validation document 2, the second one the check keeps.
    io.leverxc.data.FilterPairs filter = filterOf("102 2");

    io.leverxc.teacher.TeacherEvaluation check =
        TrainingPipeline.teacherValidation(features, labels.build(), trainLabels, trainRows, filter);

    assertEquals(TrainingPipeline.MAX_TEACHER_CHECK_DOCUMENTS, check.truth().rows());
    assertEquals(TrainingPipeline.MAX_TEACHER_CHECK_DOCUMENTS, check.documents().size());
    assertTrue(check.truth().contains(1, 2), "the second kept document is validation document 2, of label 2");
    assertTrue(check.filter().excludes(1, 2));
    assertFalse(check.filter().excludes(2, 2));
  }

  private io.leverxc.data.FilterPairs filterOf(String pairs) {
    try {
      Path file = Files.writeString(folder.resolve("filter.txt"), pairs + "\n");
      return io.leverxc.data.FilterPairs.read(file, 20_000, 3);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void shortTeacherTrainingIsNoted() {
    String note = TrainingPipeline.shortTeacherNote(554, 20);

    assertTrue(note.startsWith("the teacher trains on 11080 label draws (20 epochs of 554 labels)."), note);
    assertTrue(note.endsWith("--teacher-epochs sets the number"), note);
    assertTrue(TrainingPipeline.shortTeacherNote(4_999, 20) != null);
    assertEquals(null, TrainingPipeline.shortTeacherNote(5_000, 20));
    assertEquals(null, TrainingPipeline.shortTeacherNote(15_257, 20));
  }

  @Test
  void editedManifestGetsItsOwnModelId() throws Exception {
    Path bundle = folder.resolve("model");
    TrainingPipeline.Result result = new TrainingPipeline(settings(DistillMode.NONE)).run(tinyDataset(), bundle);
    Path manifestFile = bundle.resolve("manifest.json");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode tree =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifestFile.toFile());
    String bundleId = result.manifest().bundleId();
    try (XcModel intact = XcModel.load(bundle)) {
      assertEquals(bundleId, intact.modelId());
    }

    ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("settings").get("fusion")).put("alpha", 0.9);
    json.writeValue(manifestFile.toFile(), tree);

    try (XcModel edited = XcModel.load(bundle)) {
      assertTrue(edited.modelId().matches(java.util.regex.Pattern.quote(bundleId) + "-edited-[0-9a-f]{8}"),
          edited.modelId());
    }
    // lever index records the edit as a new bundle, whose id is its own again.
    io.leverxc.model.BundleIndexer.rebuild(bundle, new io.leverxc.model.BundleIndexer.Overrides(null, null, null, null), 1);
    try (XcModel reindexed = XcModel.load(bundle)) {
      assertFalse(reindexed.modelId().contains("-edited-"), reindexed.modelId());
      assertTrue(reindexed.manifest().parentBundleId().startsWith(bundleId + "-edited-"),
          reindexed.manifest().parentBundleId());
    }
  }

  @Test
  void documentVoteWithoutValidationIsLeftOut() throws Exception {
    PipelineSettings base = settings(DistillMode.NONE);
    PipelineSettings noValidation = new PipelineSettings(
        base.features(), base.teacher(), base.distill(), base.classifier(), base.index(), 0.0,
        base.tuningObjective(), base.threads(), base.seed(), null, base.labelCooccurrenceThreshold(), 5);
    Path bundle = folder.resolve("model");

    TrainingPipeline.Result result = new TrainingPipeline(noValidation).run(tinyDataset(), bundle);

    assertEquals(0f, ((Number) result.manifest().settings().get("fusion").get("neighbourWeight")).floatValue());
    assertFalse(hasPart(bundle, BundleLayout.DOCUMENT_EMBEDDINGS));
    assertFalse(hasPart(bundle, BundleLayout.DOCUMENT_INDEX));
    try (XcModel model = XcModel.load(bundle)) {
      assertEquals(1, model.predict("engine wheel gearbox", 1).get(0).id());
    }
  }

  @Test
  void voteWeightWithoutDocumentsIsRejected() throws Exception {
    Path bundle = folder.resolve("model");
    new TrainingPipeline(settings(DistillMode.NONE)).run(tinyDataset(), bundle);
    Path manifestFile = bundle.resolve("manifest.json");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode manifest =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifestFile.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("settings").get("fusion"))
        .put("neighbourWeight", 0.5).put("neighbourCount", 5);
    json.writeValue(manifestFile.toFile(), manifest);

    io.leverxc.bundle.BundleFormatException error = org.junit.jupiter.api.Assertions.assertThrows(
        io.leverxc.bundle.BundleFormatException.class, () -> XcModel.load(bundle));

    assertTrue(error.getMessage().startsWith(manifestFile + ": settings section 'fusion' gives the document vote weight 0.5"),
        error.getMessage());
  }

  private static boolean hasPart(Path bundle, String name) {
    return io.leverxc.bundle.BundleReader.open(bundle).has(name);
  }

  /** Writes a float32 C-order matrix in NumPy's .npy format, version 1.0. */
  private static void writeNpy(Path file, float[][] rows) throws java.io.IOException {
    int columns = rows[0].length;
    String dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows.length + ", " + columns + "), }";
    int unpadded = 10 + dictionary.length() + 1;
    String header = dictionary + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    java.nio.ByteBuffer buffer =
        java.nio.ByteBuffer.allocate(10 + header.length() + 4 * rows.length * columns).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buffer.put((byte) 0x93).put("NUMPY".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    buffer.putShort((short) header.length()).put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (float[] row : rows) {
      for (float value : row) {
        buffer.putFloat(value);
      }
    }
    Files.write(file, buffer.array());
  }

  /** Unit vector along axis {@code topic} of a 4-dimensional space, slightly perturbed per row. */
  private static float[] topicVector(int topic, int row) {
    float[] vector = new float[TOPICS.length];
    vector[topic] = 1f;
    vector[(topic + 1) % TOPICS.length] = 0.01f * (row % 3);
    float norm = (float) Math.sqrt(1 + vector[(topic + 1) % TOPICS.length] * vector[(topic + 1) % TOPICS.length]);
    for (int i = 0; i < vector.length; i++) {
      vector[i] /= norm;
    }
    return vector;
  }

  @Test
  void importedTeacherEmbeddingsDriveDistillation() throws Exception {
    XcDataset data = tinyDataset();
    Path imported = Files.createDirectories(folder.resolve("imported"));
    float[][] documents = new float[data.trainTexts().size()][];
    for (int row = 0; row < documents.length; row++) {
      documents[row] = topicVector(row / DOCUMENTS_PER_LABEL, row);
    }
    float[][] labelRows = new float[TOPICS.length][];
    for (int label = 0; label < TOPICS.length; label++) {
      labelRows[label] = topicVector(label, 0);
    }
    writeNpy(imported.resolve("trn_doc_embeddings.npy"), documents);
    writeNpy(imported.resolve("lbl_embeddings.npy"), labelRows);
    PipelineSettings base = settings(DistillMode.LEVER);
    PipelineSettings withImport = new PipelineSettings(
        base.features(), base.teacher(), base.distill(), base.classifier(), base.index(), base.validationFraction(),
        base.tuningObjective(), base.threads(), base.seed(), imported, base.labelCooccurrenceThreshold());

    Path bundle = folder.resolve("model");
    TrainingPipeline.Result result = new TrainingPipeline(withImport).run(data, bundle);

    Map<String, Object> training = result.manifest().settings().get("training");
    assertTrue(String.valueOf(training.get("distillation_teacher")).startsWith("imported"));
    assertEquals(50, training.get("negative_search_ef"));
    assertEquals(40, training.get("transient_graph_ef_construction"));
    assertEquals(
        Map.of("trn_doc_embeddings.npy", io.leverxc.bundle.FileDigests.sha256(imported.resolve("trn_doc_embeddings.npy")),
            "lbl_embeddings.npy", io.leverxc.bundle.FileDigests.sha256(imported.resolve("lbl_embeddings.npy"))),
        training.get("distillation_teacher_sha256"));
    assertEquals(64, io.leverxc.bundle.FileDigests.sha256(imported.resolve("lbl_embeddings.npy")).length());
    try (XcModel model = XcModel.load(bundle)) {
      assertEquals(2, model.predict("river delta current", 1).get(0).id());
      assertEquals(result.manifest().bundleId(), model.modelId(), "the nested digests keep the manifest's checksum");
    }
  }

  @Test
  void importedEmbeddingsWithWrongRowCountAreRejected() throws Exception {
    XcDataset data = tinyDataset();
    Path imported = Files.createDirectories(folder.resolve("imported"));
    writeNpy(imported.resolve("trn_doc_embeddings.npy"), new float[][] {topicVector(0, 0)});
    writeNpy(imported.resolve("lbl_embeddings.npy"), new float[][] {topicVector(0, 0), topicVector(1, 0), topicVector(2, 0), topicVector(3, 0)});
    PipelineSettings base = settings(DistillMode.LEVER);
    PipelineSettings withImport = new PipelineSettings(
        base.features(), base.teacher(), base.distill(), base.classifier(), base.index(), base.validationFraction(),
        base.tuningObjective(), base.threads(), base.seed(), imported, base.labelCooccurrenceThreshold());

    RuntimeException error = org.junit.jupiter.api.Assertions.assertThrows(
        RuntimeException.class, () -> new TrainingPipeline(withImport).run(data, folder.resolve("model")));
    assertTrue(error.getMessage().contains("trn_doc_embeddings.npy"), error.getMessage());
    assertFalse(Files.exists(folder.resolve("model")));
  }

  private static float[] scores(List<ScoredLabel> labels) {
    float[] values = new float[labels.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = labels.get(i).score();
    }
    return values;
  }

  @Test
  void tinyValidationSplitKeepsDefaultFusion() throws Exception {
    PipelineSettings base = settings(DistillMode.NONE);
    // 48 documents at 0.05 hold out 2, fewer than the tuner needs.
    PipelineSettings tiny = new PipelineSettings(
        base.features(), base.teacher(), base.distill(), base.classifier(), base.index(), 0.05,
        base.tuningObjective(), base.threads(), base.seed(), null, base.labelCooccurrenceThreshold());

    TrainingPipeline.Result result = new TrainingPipeline(tiny).run(tinyDataset(), folder.resolve("model"));

    assertEquals(FusionSettings.defaults().toMap(), result.manifest().settings().get("fusion"));
    assertNull(result.manifest().metrics().get("validation_P@1"));
  }

  @Test
  void outputThatIsNoBundleIsRejectedFirst() throws Exception {
    Path occupied = Files.createDirectories(folder.resolve("occupied"));
    Files.writeString(occupied.resolve("notes.txt"), "keep me");
    // A data set without documents fails in the first stage, so only a check before it names the output.
    XcDataset empty = new XcDataset(folder, List.of(), new LabelMatrix.Builder(2).build(), List.of(), null,
        List.of("a", "b"), FilterPairs.none(), FilterPairs.none());

    IllegalArgumentException error = assertThrows(
        IllegalArgumentException.class, () -> new TrainingPipeline(settings(DistillMode.NONE)).run(empty, occupied));

    assertEquals(occupied + " exists and is not a model bundle (no manifest.json); choose another output path or"
        + " remove it first", error.getMessage());
    assertEquals("keep me", Files.readString(occupied.resolve("notes.txt")));
  }

  @Test
  void missingImportedEmbeddingsAreNamedFirst() throws Exception {
    PipelineSettings base = settings(DistillMode.LEVER);
    Path absent = folder.resolve("no-embeddings");
    PipelineSettings imported = new PipelineSettings(
        base.features(), base.teacher(), base.distill(), base.classifier(), base.index(), base.validationFraction(),
        base.tuningObjective(), base.threads(), base.seed(), absent, base.labelCooccurrenceThreshold());
    // As above, a data set without documents would fail in the first stage if the files were read later.
    XcDataset empty = new XcDataset(folder, List.of(), new LabelMatrix.Builder(2).build(), List.of(), null,
        List.of("a", "b"), FilterPairs.none(), FilterPairs.none());

    RuntimeException error = assertThrows(
        RuntimeException.class, () -> new TrainingPipeline(imported).run(empty, folder.resolve("model")));

    assertTrue(error.getMessage().contains(absent.toString()), error.getMessage());
  }

  @Test
  void trainingLabelsWithoutEntriesAreRejected() throws Exception {
    LabelMatrix.Builder noLabels = new LabelMatrix.Builder(2);
    noLabels.addRow(new int[0], new float[0], 0);
    noLabels.addRow(new int[0], new float[0], 0);
    XcDataset unlabelled = new XcDataset(folder, List.of("first text", "second text"), noLabels.build(), List.of(),
        null, List.of("a", "b"), FilterPairs.none(), FilterPairs.none());

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new TrainingPipeline(settings(DistillMode.LEVER)).run(unlabelled, folder.resolve("model")));

    assertEquals(folder.resolve("trn_X_Y.txt") + ": none of the 2 training documents has a label, so there is"
        + " nothing to train on; check that each row lists its labels as id:value pairs (or target_ind in trn.json)",
        error.getMessage());
    assertFalse(Files.exists(folder.resolve("model")));
  }
}
