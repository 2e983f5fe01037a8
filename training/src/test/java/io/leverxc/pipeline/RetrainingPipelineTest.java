package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.Manifest;
import io.leverxc.classifier.OvaSettings;
import io.leverxc.classifier.TuningObjective;
import io.leverxc.data.DataFormatException;
import io.leverxc.data.XcDataset;
import io.leverxc.distill.DistillMode;
import io.leverxc.distill.DistillSettings;
import io.leverxc.model.BundleLayout;
import io.leverxc.model.XcModel;
import io.leverxc.teacher.TeacherSettings;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retraining a tiny topic model: stable ids, rejected label files, and an aborted run. */
class RetrainingPipelineTest {
  private static final int THREADS = 1;
  private static final long SEED = 3;
  private static final int DIMENSION = 16;

  @TempDir static Path shared;
  private static Path parentBundle;
  private static Path grownData;

  @TempDir Path folder;

  @BeforeAll
  static void trainParent() throws IOException {
    Path parentData = TopicData.writeParent(shared.resolve("parent-data"));
    grownData = TopicData.writeGrown(shared.resolve("grown-data"));
    parentBundle = shared.resolve("parent");
    new TrainingPipeline(parentSettings()).run(XcDataset.load(parentData), parentBundle);
  }

  static PipelineSettings parentSettings() {
    return new PipelineSettings(
        FeatureSettings.defaults(),
        TeacherSettings.builder().dimension(DIMENSION).epochs(10).threads(THREADS).seed(SEED).build(),
        DistillSettings.defaults(DistillMode.LEVER),
        OvaSettings.defaults(THREADS).withThreads(THREADS, SEED),
        IndexSettings.defaults(IndexBackend.LUCENE),
        0.1,
        TuningObjective.BALANCED,
        THREADS,
        SEED,
        null,
        0f);
  }

  private static RetrainSettings retrainSettings() {
    return RetrainSettings.defaults(THREADS, SEED);
  }

  @Test
  void retrainKeepsIdsAndAddsLabels() {
    Path child = folder.resolve("child");
    RetrainingPipeline.Result result =
        new RetrainingPipeline(retrainSettings()).run(parentBundle, XcDataset.load(grownData), child);

    XcModel parent = XcModel.load(parentBundle);
    XcModel model = XcModel.load(child);
    assertEquals(8, model.labelCount());
    for (int id = 0; id < parent.labelCount(); id++) {
      assertEquals(parent.labelText(id), model.labelText(id), "label " + id);
    }
    assertEquals(TopicData.labelText(TopicData.NEW_TOPICS.get(0)), model.labelText(6));
    assertEquals(TopicData.labelText(TopicData.NEW_TOPICS.get(1)), model.labelText(7));

    // The same text maps to the same id before and after; the new topics map to the new ids.
    assertEquals(0, parent.predict("apple cherry mango", 1).getFirst().id());
    assertEquals(0, model.predict("apple cherry mango", 1).getFirst().id());
    assertEquals(4, model.predict("football goal referee", 1).getFirst().id());
    assertEquals(6, model.predict("volcano magma eruption", 1).getFirst().id());
    assertEquals(7, model.predict("ocean coral reef", 1).getFirst().id());
  }

  @Test
  void retrainKeepsTheParentsDocumentVote() throws IOException {
    PipelineSettings base = parentSettings();
    PipelineSettings withVote = new PipelineSettings(
        base.features(), base.teacher(), base.distill(), base.classifier(), base.index(), base.validationFraction(),
        base.tuningObjective(), base.threads(), base.seed(), null, base.labelCooccurrenceThreshold(), 5);
    Path votingParent = folder.resolve("voting-parent");
    new TrainingPipeline(withVote).run(XcDataset.load(TopicData.writeParent(folder.resolve("data"))), votingParent);
    // The retrain builds the document graph with the parent's recorded settings, not the defaults.
    Path parentManifest = votingParent.resolve("manifest.json");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode edited =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(parentManifest.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) edited.get("settings"))
        .putObject(BundleLayout.SECTION_DOCUMENT_INDEX)
        .put("backend", "lucene").put("m", 12).put("ef_construction", 60).put("ef", 40);
    json.writeValue(parentManifest.toFile(), edited);
    Path child = folder.resolve("child");

    new RetrainingPipeline(retrainSettings()).run(votingParent, XcDataset.load(grownData), child);

    Manifest manifest = XcModel.load(child).manifest();
    assertEquals(5, ((Number) manifest.settings().get(BundleLayout.SECTION_TRAINING).get("document_neighbours")).intValue());
    assertEquals(5, ((Number) manifest.settings().get(BundleLayout.SECTION_FUSION).get("neighbourCount")).intValue());
    Map<String, Object> firstSlot = manifest.settings().get(BundleLayout.SECTION_FUSION_FIRST_SLOT);
    boolean voted = ((Number) manifest.settings().get(BundleLayout.SECTION_FUSION).get("neighbourWeight")).floatValue() > 0
        || (firstSlot != null && ((Number) firstSlot.get("neighbourWeight")).floatValue() > 0);
    assertEquals(voted, BundleReader.open(child).has(BundleLayout.DOCUMENT_EMBEDDINGS));
    assertEquals(
        voted ? Map.of("backend", "lucene", "m", 12, "ef_construction", 60, "ef", 40) : null,
        manifest.settings().get(BundleLayout.SECTION_DOCUMENT_INDEX));
    assertEquals(6, XcModel.load(child).predict("volcano magma eruption", 1).getFirst().id());
  }

  @Test
  void manifestRecordsParentAndChanges() {
    Path child = folder.resolve("child");
    RetrainingPipeline.Result result =
        new RetrainingPipeline(retrainSettings()).run(parentBundle, XcDataset.load(grownData), child);

    Manifest parent = XcModel.load(parentBundle).manifest();
    Manifest manifest = XcModel.load(child).manifest();
    assertEquals(parent.bundleId(), manifest.parentBundleId());
    Map<String, Object> changes = manifest.settings().get(BundleLayout.SECTION_RETRAIN);
    assertEquals(6, ((Number) changes.get("parent_labels")).intValue());
    assertEquals(2, ((Number) changes.get("labels_added")).intValue());
    assertEquals(TopicData.grownDocuments(), ((Number) changes.get("documents")).intValue());
    assertEquals(TopicData.parentDocuments(), ((Number) changes.get("parent_documents")).intValue());
    assertEquals(
        TopicData.grownDocuments() - TopicData.parentDocuments(), ((Number) changes.get("documents_added")).intValue());
    assertEquals(
        RetrainSettings.DEFAULT_TEACHER_EPOCHS,
        ((Number) manifest.settings().get(BundleLayout.SECTION_TEACHER).get("epochs")).intValue());
    assertEquals(DIMENSION, manifest.dimensions().get("embedding"));
    // The default classifier settings fine-tune a copy of the encoder, which the bundle must carry.
    assertTrue(BundleReader.open(child).has(BundleLayout.CLASSIFIER_ENCODER));

    for (String metric : List.of("P@1", "PSP@5", "C@5")) {
      assertEquals(result.validation().get(metric), manifest.metrics().get("validation_" + metric), metric);
      assertEquals(result.parentValidation().get(metric), manifest.metrics().get("parent_validation_" + metric), metric);
    }
    // The parent cannot predict the two new labels, so it covers fewer validation labels.
    assertTrue(
        result.validation().get("C@5") > result.parentValidation().get("C@5"),
        "coverage before " + result.parentValidation() + ", after " + result.validation());
  }

  @Test
  void manifestRecordsSpeedSettings() {
    Path child = folder.resolve("child");
    new RetrainingPipeline(retrainSettings()).run(parentBundle, XcDataset.load(grownData), child);

    Map<String, Object> training = XcModel.load(child).manifest().settings().get(BundleLayout.SECTION_TRAINING);
    assertEquals(RetrainSettings.DEFAULT_REPLAY_FRACTION, ((Number) training.get("replay_fraction")).doubleValue());
    assertEquals(RetrainSettings.DEFAULT_NEGATIVE_SEARCH_EF, ((Number) training.get("negative_search_ef")).intValue());
    assertEquals("near_parent", training.get("fusion_search"));
    assertEquals(
        RetrainingPipeline.TRANSIENT_GRAPH_EF_CONSTRUCTION,
        ((Number) training.get("transient_graph_ef_construction")).intValue());
    // With every row replayed, the classifiers train on every training document and label text.
    int validation = (int) Math.round(RetrainSettings.DEFAULT_VALIDATION_FRACTION * TopicData.grownDocuments());
    assertEquals(TopicData.grownDocuments() - validation + 8, ((Number) training.get("classifier_rows")).intValue());
    // The count of texts new by hash is recorded; generated texts can repeat, so by hand only its
    // bounds are known.
    int newToParent = ((Number) training.get("documents_new_to_parent")).intValue();
    List<String> grownTexts = XcDataset.load(grownData).trainTexts();
    assertEquals(
        TrainedTexts.unseenCount(grownTexts, TrainedTexts.read(io.leverxc.bundle.BundleReader.open(parentBundle))),
        newToParent);
    assertTrue(newToParent > 0, "documents_new_to_parent " + newToParent);
    assertTrue(newToParent <= TopicData.grownDocuments(), "documents_new_to_parent " + newToParent);
  }

  @Test
  void replayZeroStillLearnsNewLabels() {
    Path child = folder.resolve("child");
    RetrainSettings noReplay = retrainSettings().withSpeedSettings(0, RetrainSettings.DEFAULT_NEGATIVE_SEARCH_EF, true);
    new RetrainingPipeline(noReplay).run(parentBundle, XcDataset.load(grownData), child);

    XcModel model = XcModel.load(child);
    Map<String, Object> training = model.manifest().settings().get(BundleLayout.SECTION_TRAINING);
    assertEquals(0.0, ((Number) training.get("replay_fraction")).doubleValue());
    int validation = (int) Math.round(RetrainSettings.DEFAULT_VALIDATION_FRACTION * TopicData.grownDocuments());
    int allRows = TopicData.grownDocuments() - validation + 8;
    int rows = ((Number) training.get("classifier_rows")).intValue();
    assertTrue(rows < allRows, rows + " classifier rows of " + allRows);
    // Every row of the new topics is trained, so their documents still find them.
    assertEquals(6, model.predict("volcano magma eruption", 1).getFirst().id());
    assertEquals(7, model.predict("ocean coral reef", 1).getFirst().id());
    assertEquals(0, model.predict("apple cherry mango", 1).getFirst().id());
  }

  @Test
  void fullFusionGridRecorded() {
    Path child = folder.resolve("child");
    RetrainSettings fullGrid = retrainSettings().withSpeedSettings(1, RetrainSettings.DEFAULT_NEGATIVE_SEARCH_EF, false);
    new RetrainingPipeline(fullGrid).run(parentBundle, XcDataset.load(grownData), child);

    Map<String, Object> training = XcModel.load(child).manifest().settings().get(BundleLayout.SECTION_TRAINING);
    assertEquals("full_grid", training.get("fusion_search"));
  }

  @Test
  void vocabularyExtendedKeepingParentIds() {
    Path child = folder.resolve("child");
    new RetrainingPipeline(retrainSettings().withExtendVocabulary(true))
        .run(parentBundle, XcDataset.load(grownData), child);

    TfidfFeaturizer parent = XcModel.load(parentBundle).featurizer();
    XcModel model = XcModel.load(child);
    TfidfFeaturizer extended = model.featurizer();
    assertTrue(
        extended.dimension() > parent.dimension(),
        "the grown documents bring new features: " + extended.dimension() + " vs " + parent.dimension());
    for (int id = 0; id < parent.dimension(); id++) {
      assertEquals(parent.vocabularyTerm(id), extended.vocabularyTerm(id), "feature " + id);
    }
    assertEquals(extended.dimension(), model.encoder().featureDimension());
    assertEquals(extended.dimension(), model.manifest().dimensions().get("features"));
    assertEquals("extended", model.manifest().settings().get(BundleLayout.SECTION_TRAINING).get("vocabulary"));
  }

  @Test
  void defaultKeepsParentVocabulary() {
    Path child = folder.resolve("child");
    new RetrainingPipeline(retrainSettings()).run(parentBundle, XcDataset.load(grownData), child);

    XcModel model = XcModel.load(child);
    assertEquals(XcModel.load(parentBundle).featurizer().dimension(), model.featurizer().dimension());
    assertEquals("kept", model.manifest().settings().get(BundleLayout.SECTION_TRAINING).get("vocabulary"));
  }

  @Test
  void bundlesRecordTrainedTexts() {
    Path child = folder.resolve("child");
    new RetrainingPipeline(retrainSettings()).run(parentBundle, XcDataset.load(grownData), child);

    List<String> texts = XcDataset.load(grownData).trainTexts();
    LongOpenHashSet allHashes = new LongOpenHashSet();
    for (String text : texts) {
      allHashes.add(TrainedTexts.hash(text));
    }
    LongOpenHashSet parentTrained = TrainedTexts.read(BundleReader.open(parentBundle));
    LongOpenHashSet childTrained = TrainedTexts.read(BundleReader.open(child));
    // The validation documents are left out, so fewer distinct texts than documents are recorded.
    assertTrue(childTrained.size() < allHashes.size(), childTrained.size() + " of " + allHashes.size());
    assertTrue(parentTrained.size() < childTrained.size(), parentTrained.size() + " vs " + childTrained.size());
    assertTrue(allHashes.containsAll(childTrained), "the child records a text it was not given");
    assertTrue(allHashes.containsAll(parentTrained), "the parent records a text outside the grown data");
  }

  @Test
  void reorderedLabelsRejected() throws IOException {
    List<String> labels = new ArrayList<>(TopicData.labelTexts(TopicData.allTopics()));
    labels.set(1, TopicData.labelText(TopicData.PARENT_TOPICS.get(2)));
    labels.set(2, TopicData.labelText(TopicData.PARENT_TOPICS.get(1)));
    Path data = TopicData.writeGrown(folder.resolve("reordered"), labels);
    Path child = folder.resolve("child");

    DataFormatException error = assertThrows(
        DataFormatException.class,
        () -> new RetrainingPipeline(retrainSettings()).run(parentBundle, XcDataset.load(data), child));
    assertTrue(error.getMessage().startsWith(data.resolve("Y.txt") + ":2: "), error.getMessage());
    assertTrue(error.getMessage().contains("label 1 changed"), error.getMessage());
    assertTrue(error.getMessage().contains("'truck engine'"), error.getMessage());
    assertTrue(error.getMessage().contains("'guitar piano'"), error.getMessage());
    assertFalse(Files.exists(child));
  }

  @Test
  void droppedLabelRejected() throws IOException {
    List<String> labels = new ArrayList<>(TopicData.labelTexts(TopicData.allTopics()));
    labels.remove(3);
    labels.add("replacement label");
    Path data = TopicData.writeGrown(folder.resolve("dropped"), labels);
    Path child = folder.resolve("child");

    DataFormatException error = assertThrows(
        DataFormatException.class,
        () -> new RetrainingPipeline(retrainSettings()).run(parentBundle, XcDataset.load(data), child));
    assertEquals(4, error.line());
    assertTrue(error.getMessage().contains("'rain cloud'"), error.getMessage());
    assertFalse(Files.exists(child));
  }

  @Test
  void editedParentIsNamedAsEdited() throws IOException {
    Path bundle = folder.resolve("edited-parent");
    copyBundle(parentBundle, bundle);
    String parentId = XcModel.load(bundle).manifest().bundleId();
    Path manifestFile = bundle.resolve("manifest.json");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode edited =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifestFile.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) edited.get("settings").get(BundleLayout.SECTION_FUSION))
        .put("alpha", 0.9);
    json.writeValue(manifestFile.toFile(), edited);
    Path child = folder.resolve("child-of-edited");

    new RetrainingPipeline(retrainSettings()).run(bundle, XcDataset.load(grownData), child);

    String recordedParent = XcModel.load(child).manifest().parentBundleId();
    assertTrue(recordedParent.startsWith(parentId + XcModel.EDITED_SUFFIX), recordedParent);
  }

  @Test
  void unknownRecordedObjectiveNamesTheKey() throws IOException {
    Path bundle = folder.resolve("edited-objective");
    copyBundle(parentBundle, bundle);
    Path manifestFile = bundle.resolve("manifest.json");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode edited =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifestFile.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) edited.get("settings").get(BundleLayout.SECTION_TRAINING))
        .put("tuning_objective", "FASTEST");
    json.writeValue(manifestFile.toFile(), edited);

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new RetrainingPipeline(retrainSettings()).run(bundle, XcDataset.load(grownData), folder.resolve("child")));

    assertTrue(error.getMessage().startsWith(
        "the parent bundle's manifest.json records training.tuning_objective = 'FASTEST', expected one of"),
        error.getMessage());
    assertTrue(error.getMessage().endsWith("; pass --tune-for to choose one"), error.getMessage());
  }

  @Test
  void abortedRetrainKeepsParent() throws IOException {
    Path bundle = folder.resolve("in-place");
    copyBundle(parentBundle, bundle);
    String parentId = XcModel.load(bundle).manifest().bundleId();
    RetrainingPipeline pipeline = new RetrainingPipeline(retrainSettings(), step -> {
      if (step.equals("write-graphs")) {
        throw new IllegalStateException("simulated crash while writing");
      }
    });

    IllegalStateException error = assertThrows(
        IllegalStateException.class, () -> pipeline.run(bundle, XcDataset.load(grownData), bundle));
    assertEquals("simulated crash while writing", error.getMessage());

    XcModel model = XcModel.load(bundle);
    assertEquals(parentId, model.manifest().bundleId());
    assertEquals(6, model.labelCount());
    assertEquals(0, model.predict("apple cherry mango", 1).getFirst().id());
    try (Stream<Path> siblings = Files.list(folder)) {
      assertEquals(List.of(bundle), siblings.toList(), "no temporary directory is left behind");
    }
  }

  @Test
  void removedLabelNeverPredictedNorReused() throws IOException {
    Path data = TopicData.writeGrown(folder.resolve("removing"));
    Files.write(data.resolve("removed_labels.txt"), List.of("2", ""));
    Path child = folder.resolve("child");
    RetrainingPipeline.Result result =
        new RetrainingPipeline(retrainSettings()).run(parentBundle, XcDataset.load(data), child);

    XcModel model = XcModel.load(child);
    assertEquals(8, model.labelCount());
    assertEquals("guitar piano", model.labelText(2));
    assertTrue(model.isRemoved(2));
    List<Integer> ids = model.predict("guitar piano melody rhythm", 8).stream().map(label -> label.id()).toList();
    assertFalse(ids.contains(2), ids.toString());
    assertEquals(1, ((Number) model.manifest().settings().get(BundleLayout.SECTION_RETRAIN).get("labels_removed")).intValue());
    assertEquals(1, result.changes().labelsRemoved());

    // A later retrain without the file keeps label 2 removed, and its id is not given to another label.
    Path grandchild = folder.resolve("grandchild");
    new RetrainingPipeline(retrainSettings()).run(child, XcDataset.load(grownData), grandchild);
    XcModel later = XcModel.load(grandchild);
    assertTrue(later.isRemoved(2));
    assertEquals("guitar piano", later.labelText(2));
    assertFalse(later.predict("guitar piano melody rhythm", 8).stream().anyMatch(label -> label.id() == 2));
  }

  @Test
  void removedIdOutOfRangeRejected() throws IOException {
    Path data = TopicData.writeGrown(folder.resolve("bad-removal"));
    Files.write(data.resolve("removed_labels.txt"), List.of("1", "8"));

    DataFormatException error = assertThrows(
        DataFormatException.class,
        () -> new RetrainingPipeline(retrainSettings()).run(parentBundle, XcDataset.load(data), folder.resolve("child")));
    assertEquals(2, error.line());
    assertTrue(error.getMessage().contains("expected a label id in [0, 8), found '8'"), error.getMessage());
  }

  @Test
  void removingEveryLabelRejected() throws IOException {
    Path data = TopicData.writeGrown(folder.resolve("remove-all"));
    Files.write(data.resolve("removed_labels.txt"), List.of("0", "1", "2", "3", "4", "5", "6", "7"));
    Path child = folder.resolve("child");

    IllegalArgumentException error = assertThrows(
        IllegalArgumentException.class,
        () -> new RetrainingPipeline(retrainSettings()).run(parentBundle, XcDataset.load(data), child));
    assertTrue(error.getMessage().contains("removes all 8 labels"), error.getMessage());
    assertTrue(error.getMessage().contains("removed_labels.txt"), error.getMessage());
    assertFalse(Files.exists(child));
  }

  @Test
  void retrainKeepsParentsLeverLimitsAndEncoderRate() throws IOException {
    PipelineSettings base = parentSettings();
    PipelineSettings custom = new PipelineSettings(
        base.features(), base.teacher(), base.distill().withAugmentation(7, 0.6f, 2, 0.9f),
        base.classifier().withEncoderLearningRate(0f), base.index(), base.validationFraction(),
        base.tuningObjective(), base.threads(), base.seed(), null, base.labelCooccurrenceThreshold());
    Path parent = folder.resolve("custom-parent");
    new TrainingPipeline(custom).run(XcDataset.load(TopicData.writeParent(folder.resolve("custom-data"))), parent);
    Path child = folder.resolve("child");

    new RetrainingPipeline(retrainSettings()).run(parent, XcDataset.load(grownData), child);

    Map<String, Map<String, Object>> settings = XcModel.load(child).manifest().settings();
    Map<String, Object> distill = settings.get(BundleLayout.SECTION_DISTILL);
    assertEquals(7, ((Number) distill.get("labelNeighbourCap")).intValue());
    assertEquals(0.6f, ((Number) distill.get("labelThreshold")).floatValue());
    assertEquals(2, ((Number) distill.get("documentTopUpCount")).intValue());
    assertEquals(0.9f, ((Number) distill.get("documentThreshold")).floatValue());
    assertEquals(0f, ((Number) settings.get(BundleLayout.SECTION_CLASSIFIER).get("encoderLearningRate")).floatValue());
  }

  @Test
  void noValidationKeepsParentsFusion() throws IOException {
    RetrainSettings defaults = retrainSettings();
    RetrainSettings withoutValidation = new RetrainSettings(
        defaults.teacherEpochs(), defaults.classifierEpochs(), defaults.distillMode(), 0.0,
        defaults.tuningObjective(), defaults.threads(), defaults.seed());
    Path child = folder.resolve("child");

    new RetrainingPipeline(withoutValidation).run(parentBundle, XcDataset.load(grownData), child);

    Map<String, Map<String, Object>> parent = XcModel.load(parentBundle).manifest().settings();
    Map<String, Map<String, Object>> settings = XcModel.load(child).manifest().settings();
    assertEquals(parent.get(BundleLayout.SECTION_FUSION), settings.get(BundleLayout.SECTION_FUSION));
    assertEquals(
        parent.get(BundleLayout.SECTION_FUSION_FIRST_SLOT), settings.get(BundleLayout.SECTION_FUSION_FIRST_SLOT));
  }

  private static void copyBundle(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
  }
}
