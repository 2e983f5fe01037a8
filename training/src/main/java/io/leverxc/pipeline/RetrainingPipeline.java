package io.leverxc.pipeline;

import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Similarity;
import io.leverxc.ann.VectorIndex;
import io.leverxc.ann.VectorIndexes;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.BundleWriter;
import io.leverxc.bundle.Manifest;
import io.leverxc.classifier.FineTunedEncoder;
import io.leverxc.classifier.FusionTuner;
import io.leverxc.classifier.OvaSettings;
import io.leverxc.classifier.OvaTrainer;
import io.leverxc.classifier.Propensities;
import io.leverxc.classifier.RankingQuality;
import io.leverxc.classifier.SparseOvaSettings;
import io.leverxc.classifier.TuningObjective;
import io.leverxc.classifier.ValidationSplit;
import io.leverxc.data.DataFormatException;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.TextLinesReader;
import io.leverxc.data.XcDataset;
import io.leverxc.data.XcFiles;
import io.leverxc.distill.AugmentedTrainingSet;
import io.leverxc.distill.DistillMode;
import io.leverxc.distill.DistillSettings;
import io.leverxc.distill.LabelCooccurrence;
import io.leverxc.distill.LeverAugmenter;
import io.leverxc.model.BundleLayout;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.model.DocumentNeighbours;
import io.leverxc.model.FusedScorer;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.IndexSettingsCodec;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.model.ScorerKind;
import io.leverxc.model.SearchKind;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.model.XcModel;
import io.leverxc.teacher.TeacherEmbeddings;
import io.leverxc.teacher.TeacherSettings;
import io.leverxc.teacher.TeacherTrainer;
import io.leverxc.text.TfidfFeaturizer;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continues training an existing model bundle (the parent) on new data and writes a new bundle.
 *
 * <p>Label ids stay stable: the new label file must start with the parent's label texts in the same
 * order, and appended lines become new labels (see {@link LabelContinuity}). Labels listed in the
 * data folder's {@code removed_labels.txt} are tombstoned: they keep their ids but are never
 * predicted (see {@link RemovedLabels}). The run keeps the parent's text featurizer unless
 * {@link RetrainSettings#extendVocabulary()} appends the new words, which keeps every parent
 * feature id. The teacher starts from the parent's encoder. The classifiers start from the
 * parent's weights and the fine-tuned encoder from the parent's classifier encoder; each new label
 * starts at the prototype of its training rows ({@link WarmStart#prototypes}). The label-text rows
 * get the parent's label co-occurrence targets, as in {@code lever train}. Every served graph
 * (labels, classifier vectors and the voting training documents) is rebuilt in full, because
 * fine-tuning the encoder moves every vector, so an incremental graph update would have to
 * replace every item anyway. The fusion
 * weights are tuned again, by default only around the parent's tuned weights.
 *
 * <p>To cost less than a scratch training, the classifier stage can train on every new row plus
 * a replay sample of the parent's rows ({@link RetrainSettings#replayFraction()}), its hard
 * negatives are searched with a small {@code ef}, and the graphs used only for those searches and
 * for LEVER's tail top-up are built with a small {@code efConstruction}.
 *
 * <p>The new manifest records the parent's id, the changes ({@link RetrainChanges}) and the
 * validation metrics of the parent and of the new model on the same validation documents. These
 * are drawn from documents the parent never trained on when the parent stored the hashes of its
 * trained texts ({@link TrainedTexts}); for an older parent they may include documents it trained
 * on, which flatters both figures.
 *
 * <p>The output is written to a temporary directory and renamed into place at the end, so a run
 * that fails or is interrupted leaves the bundle at the output path (which may be the parent
 * itself) as it was.
 */
public final class RetrainingPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(RetrainingPipeline.class);

  /**
   * Teacher epoch from which batches are built from clusters of similar labels: the first, because
   * a warm-started encoder already places similar labels together, which a random encoder does not.
   */
  static final int WARM_CLUSTER_START_EPOCH = 0;

  /** Candidate list size while inserting into the graphs a retrain builds and drops after one round of searches. */
  static final int TRANSIENT_GRAPH_EF_CONSTRUCTION = PipelineSettings.TRANSIENT_GRAPH_EF_CONSTRUCTION;

  /** Manifest dimension that stores the number of training documents, read back by a later retrain. */
  public static final String TRAINING_DOCUMENTS = "training_documents";

  /**
   * Returns the validation split that a retrain of {@code bundle} held out from {@code texts}: the
   * documents whose text the bundle did not train on. A document whose text equals that of a
   * training document counts as trained on. Returns null when the bundle stored no trained texts.
   */
  public static ValidationSplit heldOutSplit(Path bundle, List<String> texts) {
    LongOpenHashSet trained = TrainedTexts.read(BundleReader.open(bundle));
    return trained == null ? null : TrainedTexts.splitBy(texts, trained);
  }

  private final RetrainSettings settings;
  private final Consumer<String> stageListener;

  public RetrainingPipeline(RetrainSettings settings) {
    this(settings, stage -> {});
  }

  /**
   * @param stageListener called with the name of each step as it starts, for example to show
   *     progress. An exception it throws aborts the run and leaves the output path untouched
   */
  public RetrainingPipeline(RetrainSettings settings, Consumer<String> stageListener) {
    this.settings = settings;
    this.stageListener = stageListener;
  }

  /**
   * The outcome of one run.
   *
   * @param parentValidation P@1, PSP@5 and C@5 of the parent on the validation documents, empty
   *     without a validation split
   * @param validation the same metrics of the new model
   */
  public record Result(
      Manifest manifest,
      RetrainChanges changes,
      StageTimes times,
      Map<String, Double> parentValidation,
      Map<String, Double> validation) {}

  /**
   * Retrains the bundle at {@code parentBundle} on {@code data} and writes the new bundle to
   * {@code output}, which may equal {@code parentBundle}.
   *
   * @throws io.leverxc.data.DataFormatException if the label file reorders or drops a parent label
   * @throws io.leverxc.bundle.BundleFormatException if the parent bundle cannot be loaded
   */
  public Result run(Path parentBundle, XcDataset data, Path output) {
    BundleWriter.checkReplaceable(output);
    data.requireTrainingLabels();
    return Parallel.within(settings.threads(), () -> runOnPool(parentBundle, data, output));
  }

  private Result runOnPool(Path parentBundle, XcDataset data, Path output) {
    StageTimes times = new StageTimes();
    int threads = settings.threads();

    start(times, "load");
    XcModel parent = XcModel.load(parentBundle, ScorerKind.FUSED, SearchKind.INDEX);
    RetrainChanges changes = changes(parent, data);
    // Read before any training, so that an invalid section stops the run at once.
    TuningObjective objective = tuningObjective(parent.manifest());
    SparseOvaSettings sparseSettings = parentSparseSettings(parentBundle, parent.manifest(), threads);
    if (sparseSettings == null && parent.sparseClassifiers() != null) {
      LOG.warn("the parent {} has sparse classifiers but its manifest records no settings for them; training them"
          + " again with the defaults", changes.parentBundleId());
      sparseSettings = SparseOvaSettings.defaults(threads);
    }
    LOG.info(
        "retraining {} on {}: {} of {} labels are new, {} removed in total, {} training documents ({})",
        changes.parentBundleId(), data.directory(), changes.labelsAdded(), data.labelCount(),
        changes.removedLabels().length, changes.documents(), changes.documentChange());
    if (changes.lacksMostParentDocuments()) {
      LOG.warn("{} has {} training documents, fewer than half the parent's {}. A retrain trains on the whole data"
          + " set, old documents and new, so the parent's documents missing here are forgotten; pass the grown data"
          + " set, not only its new documents", data.directory(), changes.documents(), changes.parentDocuments());
    }
    times.stop();

    // 1. Features: the parent's vocabulary, extended by the words of the grown data if requested.
    start(times, "features");
    TfidfFeaturizer featurizer = featurizer(parent.featurizer(), data);
    List<SparseVector> documentFeatures = Parallel.features(featurizer, data.trainTexts(), threads);
    List<SparseVector> labelFeatures = Parallel.features(featurizer, data.labelTexts(), threads);
    times.stop();

    // 2. Validation split, and the parent's quality on it before anything changes.
    // Held-out documents come from those the parent never trained on, when the parent recorded them.
    LongOpenHashSet parentTexts = TrainedTexts.read(BundleReader.open(parentBundle));
    // The change in the document count misses documents whose text changed, which the hashes catch.
    int documentsNewToParent = parentTexts == null ? -1 : TrainedTexts.unseenCount(data.trainTexts(), parentTexts);
    if (documentsNewToParent >= 0) {
      LOG.info("{} of {} training documents have a text the parent never trained on", documentsNewToParent,
          data.trainTexts().size());
    }
    ValidationSplit split = validationSplit(parentTexts, documentsNewToParent, data);
    LabelMatrix allLabels = RemovedLabels.strip(data.trainLabels(), changes.removedLabels());
    LabelMatrix trainLabels = ValidationSplit.select(allLabels, split.trainRows());
    LabelMatrix validationLabels = ValidationSplit.select(allLabels, split.validationRows());
    List<SparseVector> trainFeatures = ValidationSplit.select(documentFeatures, split.trainRows());
    List<SparseVector> validationFeatures = ValidationSplit.select(documentFeatures, split.validationRows());
    float[] inversePropensities = Propensities.inverse(trainLabels, Propensities.DEFAULT_A, Propensities.DEFAULT_B);
    Map<String, Double> parentValidation = Map.of();
    if (validationLabels.rows() > 0) {
      List<SparseVector> parentFeatures =
          featurizer == parent.featurizer()
              ? validationFeatures
              : Parallel.features(parent.featurizer(), ValidationSplit.select(data.trainTexts(), split.validationRows()), threads);
      long rankStart = System.nanoTime();
      parentValidation =
          metrics(rankParent(parent, parentFeatures, validationLabels, inversePropensities, data.trainFilter(),
              split.validationRows()));
      LOG.info("ranked {} validation documents with the parent in {} ms", validationLabels.rows(),
          (System.nanoTime() - rankStart) / 1_000_000);
      LOG.info("parent on {} validation documents: {}", validationLabels.rows(), parentValidation);
    }

    // 3. The teacher, starting from the parent's encoder; rows of new words start at zero.
    start(times, "teacher");
    TeacherSettings teacherSettings = teacherSettings(parent.encoder().dimension());
    EmbeddingBagEncoder teacherStart = VocabularyGrowth.widen(parent.encoder(), featurizer.dimension(), null);
    EmbeddingBagEncoder encoder =
        new TeacherTrainer(teacherSettings)
            .fit(trainFeatures, trainLabels, labelFeatures, featurizer.dimension(), null, teacherStart)
            .encoder();
    DenseMatrix documentEmbeddings = TeacherEmbeddings.encodeAll(encoder, trainFeatures, threads);
    DenseMatrix labelEmbeddings = TeacherEmbeddings.encodeAll(encoder, labelFeatures, threads);
    times.stop();

    // 4. LEVER augmentation with the new teacher, as in a full training run.
    start(times, "distill");
    IndexSettings indexSettings = indexSettings(parent.manifest());
    // Only the first few candidates can become pairs. The graph searches' ef sets how well they
    // are found.
    DistillSettings fullDistillSettings = parentDistillSettings(parent.manifest());
    DistillSettings distillSettings =
        fullDistillSettings.withCandidateCount(fullDistillSettings.sufficientCandidateCount());
    VectorIndex labelIndex = VectorIndexes.build(labelEmbeddings, Similarity.COSINE, indexSettings, threads);
    IndexSettings transientSettings = PipelineSettings.transientGraphSettings(indexSettings);
    VectorIndex documentIndex =
        VectorIndexes.build(documentEmbeddings, Similarity.COSINE, transientSettings, threads);
    int negativeEf = settings.negativeSearchEf();
    AugmentedTrainingSet augmented =
        new LeverAugmenter(distillSettings)
            .augment(
                trainLabels, documentEmbeddings, labelEmbeddings, new FixedEfSearcher(labelIndex, negativeEf),
                new FixedEfSearcher(documentIndex, negativeEf));
    // The parent's classifiers learnt the label-text rows with co-occurrence targets; without them
    // these rows would teach every ancestor label that its descendants' texts are negatives.
    float cooccurrenceThreshold = cooccurrenceThreshold(parent.manifest());
    if (cooccurrenceThreshold > 0f && augmented.appendedInputs().rows() > 0) {
      augmented = new AugmentedTrainingSet(
          LabelCooccurrence.addTo(
              augmented.targets(), augmented.originalRows(), trainLabels, cooccurrenceThreshold,
              PipelineSettings.COOCCURRENCE_MIN_DOCUMENTS),
          augmented.appendedInputs(), augmented.originalRows(), augmented.labelPairsAdded(),
          augmented.documentPairsAdded());
    }
    DenseMatrix inputs = augmented.inputs(documentEmbeddings);
    times.stop();

    // 5. Classifiers, starting from the parent's weights.
    // As in lever train, an encoder is fine-tuned with the classifiers when the encoder learning
    // rate is positive. It continues from the parent's classifier encoder, because the parent's
    // weights were trained on that encoder's embeddings.
    start(times, "classifier");
    OvaSettings classifierSettings =
        OvaSettings.defaults(threads)
            .withThreads(threads, settings.seed())
            .withSchedule(settings.classifierEpochs(), OvaSettings.DEFAULT_LEARNING_RATE)
            .withEncoderLearningRate(parentEncoderLearningRate(parent.manifest()));
    boolean fineTune = classifierSettings.encoderLearningRate() > 0f;
    EmbeddingBagEncoder startEncoder = fineTune ? parentClassifierEncoder(parentBundle, encoder) : encoder;
    // New labels without training rows start from their text's embedding in the input space.
    DenseMatrix startLabelEmbeddings =
        startEncoder == encoder ? labelEmbeddings : TeacherEmbeddings.encodeAll(startEncoder, labelFeatures, threads);
    List<SparseVector> rowFeatures = new ArrayList<>(trainFeatures);
    if (augmented.appendedInputs().rows() > 0) {
      rowFeatures.addAll(labelFeatures);
    }
    // Every new row and a replay sample of the rows the parent trained on.
    int[] classifierRows =
        classifierRows(augmented.targets(), newDocuments(parentTexts, data.trainTexts(), split.trainRows()), changes.parentLabels());
    LabelMatrix classifierTargets = ValidationSplit.select(augmented.targets(), classifierRows);
    DenseMatrix classifierTeacherInputs = ValidationSplit.select(inputs, classifierRows);
    rowFeatures = ValidationSplit.select(rowFeatures, classifierRows);
    DenseMatrix startInputs =
        startEncoder == encoder
            ? classifierTeacherInputs
            : TeacherEmbeddings.encodeAll(startEncoder, rowFeatures, threads);
    OvaClassifiers startClassifiers =
        WarmStart.prototypes(parent.classifiers(), startLabelEmbeddings, startInputs, classifierTargets, classifierSettings);
    OvaTrainer trainer =
        new OvaTrainer(
            classifierSettings,
            weights -> new FixedEfSearcher(
                VectorIndexes.build(weights, Similarity.INNER_PRODUCT, transientSettings, threads), negativeEf));
    VectorSearcher negativeLabelSearcher = new FixedEfSearcher(labelIndex, negativeEf);
    OvaClassifiers classifiers;
    EmbeddingBagEncoder classifierEncoder = encoder;
    if (fineTune) {
      // The label-embedding negatives are searched with the teacher's embeddings of the rows,
      // because the label graph contains the retrained teacher's embeddings, not the start encoder's.
      FineTunedEncoder fineTuned = new FineTunedEncoder(startEncoder, rowFeatures);
      classifiers =
          trainer.train(
              fineTuned, classifierTargets, labelEmbeddings, negativeLabelSearcher, startClassifiers,
              classifierTeacherInputs);
      classifierEncoder = fineTuned.encoder();
    } else {
      classifiers =
          trainer.train(classifierTeacherInputs, classifierTargets, labelEmbeddings, negativeLabelSearcher, startClassifiers);
    }
    times.stop();

    // 6. Full graph rebuild over the new classifier vectors, then fusion tuning.
    start(times, "index");
    VectorIndex classifierIndex =
        VectorIndexes.build(classifiers.weights(), Similarity.INNER_PRODUCT, indexSettings, threads);
    int documentNeighbours = documentNeighbours(parent.manifest());
    IndexSettings documentGraphSettings = DocumentNeighbours.graphSettings(parent.manifest());
    DocumentNeighbours neighbours = null;
    DenseMatrix votingEmbeddings = null;
    VectorIndex votingIndex = null;
    if (documentNeighbours > 0) {
      // As in training: the training documents only, so that no validation document finds itself.
      votingEmbeddings =
          classifierEncoder == encoder
              ? documentEmbeddings
              : TeacherEmbeddings.encodeAll(classifierEncoder, trainFeatures, threads);
      votingIndex = VectorIndexes.build(votingEmbeddings, Similarity.COSINE, documentGraphSettings, threads);
      neighbours = new DocumentNeighbours(votingIndex, trainLabels);
    }
    times.stop();
    start(times, "fusion");
    FusionSettings fusionSettings = FusionSettings.defaults().withNeighbourCount(documentNeighbours);
    FusionSettings firstSlot = null;
    SparseClassifiers sparse = null;
    Map<String, Double> validation = Map.of();
    // The training documents of the sparse classifiers; their classifier inputs rank the hard negatives.
    SparseTerm.Documents sparseTraining =
        sparseSettings == null
            ? null
            : new SparseTerm.Documents(
                trainFeatures,
                votingEmbeddings != null
                    ? votingEmbeddings
                    : classifierEncoder == encoder
                        ? documentEmbeddings
                        : TeacherEmbeddings.encodeAll(classifierEncoder, trainFeatures, threads),
                documentEmbeddings,
                trainLabels);
    SparseTerm.DenseModel denseModel =
        new SparseTerm.DenseModel(classifiers, labelEmbeddings, classifierIndex, labelIndex, neighbours);
    if (validationLabels.rows() >= FusionTuner.MIN_DOCUMENTS) {
      FusedScorer scorer =
          new FusedScorer(classifiers, labelEmbeddings, classifierIndex, labelIndex, neighbours, fusionSettings);
      DenseMatrix validationEmbeddings = TeacherEmbeddings.encodeAll(encoder, validationFeatures, threads);
      DenseMatrix validationInputs =
          classifierEncoder == encoder
              ? validationEmbeddings
              : TeacherEmbeddings.encodeAll(classifierEncoder, validationFeatures, threads);
      FilterPairs trainFilter = data.trainFilter();
      int[] validationRows = split.validationRows();
      FusionTuner tuner =
          new FusionTuner(
              objective, inversePropensities,
              (row, label) -> trainFilter.contains(validationRows[row], label));
      FusionSettings parentFusion = parentFusion(parent.manifest(), BundleLayout.SECTION_FUSION);
      FusionTuner.Result fusion =
          settings.fusionNearParent() && parentFusion != null
              ? tuner.tuneNear(
                  scorer, validationInputs, validationEmbeddings, validationLabels, parentFusion,
                  parentFusion(parent.manifest(), BundleLayout.SECTION_FUSION_FIRST_SLOT))
              : tuner.tune(scorer, validationInputs, validationEmbeddings, validationLabels);
      if (sparseSettings != null) {
        SparseTerm.Trained trained =
            SparseTerm.train(
                sparseSettings,
                denseModel,
                tuner,
                fusion,
                sparseTraining,
                new SparseTerm.Documents(validationFeatures, validationInputs, validationEmbeddings, validationLabels),
                labelFeatures,
                featurizer.dimension(),
                inversePropensities,
                threads);
        if (trained.fusion().settings().usesSparse()
            || (trained.fusion().firstSlot() != null && trained.fusion().firstSlot().usesSparse())) {
          sparse = trained.classifiers();
          fusion = trained.fusion();
        } else {
          LOG.info("the retrained sparse classifiers got weight 0 in both fusion settings, so the bundle leaves them out");
        }
      }
      fusionSettings = fusion.settings();
      firstSlot = fusion.firstSlot();
      validation = metrics(fusion.precisionAt1(), fusion.pspAt5(), fusion.coverageAt5());
      LOG.info("new model on {} validation documents: {} with fusion {}", validationLabels.rows(), validation, fusionSettings);
    } else if (parentFusion(parent.manifest(), BundleLayout.SECTION_FUSION) != null) {
      // Without a validation split the parent's tuned weights are the best estimate there is,
      // the sparse weight included, since they were tuned together. A vote weight needs voting
      // documents, which this model has whenever the parent had them.
      fusionSettings = withoutVoteUnless(neighbours != null, parentFusion(parent.manifest(), BundleLayout.SECTION_FUSION));
      FusionSettings parentFirstSlot = parentFusion(parent.manifest(), BundleLayout.SECTION_FUSION_FIRST_SLOT);
      firstSlot = parentFirstSlot == null ? null : withoutVoteUnless(neighbours != null, parentFirstSlot);
      boolean weighsSparse = fusionSettings.usesSparse() || (firstSlot != null && firstSlot.usesSparse());
      if (weighsSparse && sparseSettings != null) {
        sparse =
            SparseTerm.trainUntuned(
                sparseSettings, denseModel, fusionSettings, firstSlot, sparseTraining, labelFeatures,
                featurizer.dimension(), threads);
      } else {
        fusionSettings = fusionSettings.withSparseWeight(0f);
        firstSlot = firstSlot == null ? null : firstSlot.withSparseWeight(0f);
      }
      LOG.warn("{}: keeping the parent's fusion weights {} and first slot {}{}",
          TrainingPipeline.tooFewToTune(validationLabels.rows()), fusionSettings, firstSlot == null ? "none" : firstSlot,
          sparse != null ? ", with the sparse classifiers trained again under them" : "");
    } else {
      LOG.warn("{}: fusion weights keep their defaults {}", TrainingPipeline.tooFewToTune(validationLabels.rows()),
          fusionSettings);
    }
    times.stop();

    // 7. The bundle.
    start(times, "write");
    Manifest.Builder manifest =
        Manifest.builder()
            .parentBundleId(changes.parentBundleId())
            .dataset(Manifest.DatasetInfo.ofDirectory(data.directory()))
            .labelCount(data.labelCount())
            .dimension("features", featurizer.dimension())
            .dimension("embedding", encoder.dimension())
            .dimension(TRAINING_DOCUMENTS, data.trainTexts().size())
            .settings(BundleLayout.SECTION_FEATURES, featurizer.settings().toMap())
            .settings(BundleLayout.SECTION_TEACHER, teacherSettings.toMap())
            .settings(BundleLayout.SECTION_DISTILL, distillSettings.toMap())
            .settings(BundleLayout.SECTION_CLASSIFIER, classifierSettings.toMap())
            .settings(BundleLayout.SECTION_FUSION, fusionSettings.toMap())
            .settings(BundleLayout.SECTION_INDEX, IndexSettingsCodec.toMap(indexSettings))
            .settings(BundleLayout.SECTION_TRAINING, trainingSection(parent.manifest(), classifierRows.length, documentsNewToParent))
            .settings(BundleLayout.SECTION_RETRAIN, changes.toMap())
            .seed(settings.seed());
    if (data.jsonTextFields() != null) {
      manifest.settings(
          BundleLayout.SECTION_DATA, Map.of(BundleLayout.JSON_TEXT, data.jsonTextFields().optionValue()));
    }
    if (firstSlot != null) {
      manifest.settings(BundleLayout.SECTION_FUSION_FIRST_SLOT, firstSlot.toMap());
    }
    if (sparse != null) {
      manifest.settings(BundleLayout.SECTION_SPARSE, sparseSettings.toMap());
    }
    validation.forEach((name, value) -> manifest.metric("validation_" + name, value));
    parentValidation.forEach((name, value) -> manifest.metric("parent_validation_" + name, value));
    Manifest written;
    try (BundleWriter writer = BundleWriter.create(output)) {
      ModelParts.put(
          writer, featurizer, encoder, classifierEncoder, labelEmbeddings, classifiers, data.labelTexts());
      if (changes.removedLabels().length > 0) {
        writer.putInts(BundleLayout.REMOVED_LABELS, changes.removedLabels());
      }
      writer.putInts(BundleLayout.TRAINED_TEXT_HASHES, TrainedTexts.encode(data.trainTexts(), split.trainRows()));
      if (split.validationRows().length > 0) {
        writer.putInts(BundleLayout.VALIDATION_ROWS, split.validationRows());
      }
      stageListener.accept("write-graphs");
      writer.putBytes(BundleLayout.LABEL_INDEX, labelIndex.toBytes());
      writer.putBytes(BundleLayout.CLASSIFIER_INDEX, classifierIndex.toBytes());
      boolean voted = fusionSettings.usesNeighbours() || (firstSlot != null && firstSlot.usesNeighbours());
      if (neighbours != null && voted) {
        ModelParts.putDocumentNeighbours(writer, votingEmbeddings, trainLabels, votingIndex);
        manifest.settings(BundleLayout.SECTION_DOCUMENT_INDEX, IndexSettingsCodec.toMap(documentGraphSettings));
      }
      if (sparse != null) {
        writer.putLabelMatrix(BundleLayout.SPARSE_WEIGHTS, sparse.weights());
        writer.putFloats(BundleLayout.SPARSE_BIASES, sparse.biases());
      }
      writer.setManifest(manifest.build());
      written = writer.commit();
    }
    times.stop();
    LOG.info("wrote bundle {} (parent {}) to {}; stage times: {}", written.bundleId(), changes.parentBundleId(), output, times);
    return new Result(written, changes, times, parentValidation, validation);
  }

  private Map<String, Object> trainingSection(Manifest parent, int classifierRows, int documentsNewToParent) {
    Map<String, Object> map = new LinkedHashMap<>(settings.toMap());
    map.put("classifier_rows", classifierRows);
    if (documentsNewToParent >= 0) {
      map.put("documents_new_to_parent", documentsNewToParent);
    }
    map.put("transient_graph_ef_construction", TRANSIENT_GRAPH_EF_CONSTRUCTION);
    map.put(PipelineSettings.KEY_TUNING_OBJECTIVE, tuningObjective(parent).name());
    map.put(PipelineSettings.KEY_LABEL_COOCCURRENCE_THRESHOLD, cooccurrenceThreshold(parent));
    map.put(PipelineSettings.KEY_DOCUMENT_NEIGHBOURS, documentNeighbours(parent));
    return map;
  }

  private void start(StageTimes times, String stage) {
    stageListener.accept(stage);
    times.start(stage);
  }

  /**
   * Checks the label file {@code Y.txt} of a retraining data folder against the parent's labels,
   * as the retraining does after loading the folder. Callers use it when loading failed, because a
   * changed label file also makes the label matrices' headers disagree with it, and the loader
   * reports that instead of the changed label. A folder without {@code Y.txt} passes.
   *
   * @throws DataFormatException naming the first line of {@code Y.txt} that differs from the
   *     parent's label at that id, or the line after its end when labels were dropped
   */
  public static void checkLabelFile(BundleReader parent, Path dataDirectory) {
    Path labelFile = XcFiles.resolveOptional(dataDirectory, "Y.txt");
    if (labelFile != null) {
      LabelContinuity.addedLabels(XcModel.readLabelTexts(parent), TextLinesReader.read(labelFile, -1), labelFile);
    }
  }

  private static RetrainChanges changes(XcModel parent, XcDataset data) {
    List<String> parentLabels = new ArrayList<>(parent.labelCount());
    for (int id = 0; id < parent.labelCount(); id++) {
      parentLabels.add(parent.labelText(id));
    }
    Path labelFile = XcFiles.resolveOptional(data.directory(), "Y.txt");
    int added = LabelContinuity.addedLabels(
        parentLabels, data.labelTexts(), labelFile == null ? data.directory() : labelFile);
    Integer parentDocuments = parent.manifest().dimensions().get(TRAINING_DOCUMENTS);
    int[] parentRemoved = parent.removedLabels();
    int[] removed = RemovedLabels.union(parentRemoved, RemovedLabels.read(data.directory(), data.labelCount()));
    if (removed.length >= data.labelCount()) {
      throw new IllegalArgumentException(
          data.directory().resolve(RemovedLabels.FILE_NAME) + ": together with the " + parentRemoved.length
              + " labels the parent removed, it removes all " + data.labelCount() + " labels, and a removal is"
              + " permanent; keep at least one label");
    }
    return new RetrainChanges(
        parent.modelId(), parentLabels.size(), added, data.trainTexts().size(),
        parentDocuments == null ? RetrainChanges.UNKNOWN : parentDocuments, removed.length - parentRemoved.length,
        removed);
  }

  private TeacherSettings teacherSettings(int dimension) {
    return TeacherSettings.builder()
        .dimension(dimension)
        .epochs(settings.teacherEpochs())
        .clusterStartEpoch(WARM_CLUSTER_START_EPOCH)
        .threads(settings.threads())
        .seed(settings.seed())
        .build();
  }

  private DistillMode distillMode(Manifest parent) {
    if (settings.distillMode() != null) {
      return settings.distillMode();
    }
    Map<String, Object> section = parent.settings().get(BundleLayout.SECTION_DISTILL);
    Object mode = section == null ? null : section.get("mode");
    return mode == null ? DistillMode.LEVER : DistillMode.valueOf(mode.toString());
  }

  /**
   * Returns the parent's classifier encoder widened to the teacher's features, with the rows of
   * new words copied from the retrained teacher (the classifier encoder began as a copy of the
   * teacher), or {@code teacher} itself when the parent has no classifier encoder.
   */
  private static EmbeddingBagEncoder parentClassifierEncoder(Path parentBundle, EmbeddingBagEncoder teacher) {
    BundleReader reader = BundleReader.open(parentBundle);
    if (!reader.has(BundleLayout.CLASSIFIER_ENCODER)) {
      return teacher;
    }
    EmbeddingBagEncoder parentEncoder = EmbeddingBagEncoder.fromBytes(reader.bytes(BundleLayout.CLASSIFIER_ENCODER));
    return VocabularyGrowth.widen(parentEncoder, teacher.featureDimension(), teacher);
  }

  /** Returns the parent's features extended by the grown data's vocabulary, or kept as they are. */
  private TfidfFeaturizer featurizer(TfidfFeaturizer parentFeaturizer, XcDataset data) {
    if (!settings.extendVocabulary()) {
      LOG.info("keeping the parent's vocabulary of {} features: words it never saw are ignored", parentFeaturizer.dimension());
      return parentFeaturizer;
    }
    List<String> texts = new ArrayList<>(data.trainTexts());
    texts.addAll(data.labelTexts());
    TfidfFeaturizer extended = VocabularyGrowth.extend(parentFeaturizer, texts, settings.threads());
    LOG.info(
        "extended the parent's vocabulary of {} features by {} features of the grown data",
        parentFeaturizer.dimension(), extended.dimension() - parentFeaturizer.dimension());
    return extended;
  }

  /**
   * Returns the validation split, held out among the documents new to the parent when there are
   * enough of them.
   *
   * @param newToParent how many documents have a text the parent never trained on, or −1 when
   *     {@code seen} is null
   */
  private ValidationSplit validationSplit(LongOpenHashSet seen, int newToParent, XcDataset data) {
    int rows = data.trainLabels().rows();
    if (settings.validationFraction() == 0) {
      return ValidationSplit.none(rows);
    }
    ValidationSplit split = TrainedTexts.carveUnseen(data.trainTexts(), seen, settings.validationFraction(), settings.seed());
    if (seen == null) {
      // NOTE: this parent predates the stored text hashes, so parent and new model are validated
      // on documents the parent may have trained on, which flatters both.
      LOG.warn("the parent records no trained texts: validation documents may include ones it trained on");
    } else if (newToParent < TrainedTexts.MIN_UNSEEN_DOCUMENTS) {
      LOG.warn(
          "only {} documents are new to the parent, fewer than {}: the {} validation documents are drawn from all"
              + " documents, so they may include ones the parent trained on, which flatters both models",
          newToParent, TrainedTexts.MIN_UNSEEN_DOCUMENTS,
          split.validationRows().length);
    } else {
      LOG.info("validation: {} documents the parent never trained on", split.validationRows().length);
    }
    return split;
  }

  /**
   * Flags the training documents the parent never trained on, judged by the text hashes it stored.
   * Without stored hashes every document counts as new, so the replay sample cannot shrink the run.
   */
  private static boolean[] newDocuments(LongOpenHashSet parentTexts, List<String> texts, int[] trainRows) {
    boolean[] isNew = new boolean[trainRows.length];
    for (int i = 0; i < trainRows.length; i++) {
      isNew[i] = parentTexts == null || !parentTexts.contains(TrainedTexts.hash(texts.get(trainRows[i])));
    }
    return isNew;
  }

  /** Returns every new row of {@code targets} and the replay sample of the others, ascending. */
  private int[] classifierRows(LabelMatrix targets, boolean[] newDocuments, int parentLabels) {
    boolean[] isNew = ReplaySample.newRows(targets, newDocuments, parentLabels);
    int[] rows = ReplaySample.select(isNew, settings.replayFraction(), settings.seed());
    int newRows = 0;
    for (boolean flag : isNew) {
      newRows += flag ? 1 : 0;
    }
    LOG.info(
        "classifier rows: {} of {}, all {} new rows and {} of the parent's rows (replay fraction {})",
        rows.length, targets.rows(), newRows, rows.length - newRows, settings.replayFraction());
    return rows;
  }

  /** Returns the parent's settings without the vote unless this model has voting documents. */
  private static FusionSettings withoutVoteUnless(boolean hasVotingDocuments, FusionSettings fusion) {
    return hasVotingDocuments ? fusion : fusion.withNeighbourWeight(0f);
  }

  /**
   * Returns the settings the parent's sparse classifiers were trained with, or null when the parent
   * ranks without them.
   */
  private static SparseOvaSettings parentSparseSettings(Path parentBundle, Manifest parent, int threads) {
    Map<String, Object> section = parent.settings().get(BundleLayout.SECTION_SPARSE);
    if (section == null) {
      return null;
    }
    try {
      return SparseOvaSettings.fromMap(section, threads);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          parentBundle.resolve("manifest.json") + ": invalid settings." + BundleLayout.SECTION_SPARSE + ": " + e.getMessage(),
          e);
    }
  }

  /** Reads a fusion section of the parent's manifest, or returns null when it has none. */
  private static FusionSettings parentFusion(Manifest parent, String section) {
    Map<String, Object> values = parent.settings().get(section);
    return values == null ? null : FusionSettings.fromMap(values);
  }

  /** Returns the parent's number of voting training documents, or 0 when its manifest records none. */
  private static int documentNeighbours(Manifest parent) {
    Map<String, Object> section = parent.settings().get(BundleLayout.SECTION_TRAINING);
    Object count = section == null ? null : section.get(PipelineSettings.KEY_DOCUMENT_NEIGHBOURS);
    return count instanceof Number number ? number.intValue() : 0;
  }

  /**
   * Returns the parent's LEVER settings (limits, thresholds, calibration) with this retrain's mode,
   * so that old and new labels get their pairs by the same rules.
   */
  private DistillSettings parentDistillSettings(Manifest parent) {
    Map<String, Object> section = parent.settings().get(BundleLayout.SECTION_DISTILL);
    DistillMode mode = distillMode(parent);
    return section == null ? DistillSettings.defaults(mode) : DistillSettings.fromMap(section, mode);
  }

  /** Returns the encoder learning rate the parent's classifiers were trained with, or the default. */
  private static float parentEncoderLearningRate(Manifest parent) {
    Map<String, Object> section = parent.settings().get(BundleLayout.SECTION_CLASSIFIER);
    Object rate = section == null ? null : section.get("encoderLearningRate");
    return rate instanceof Number number ? number.floatValue() : OvaSettings.defaults(1).encoderLearningRate();
  }

  /** Returns the parent's label co-occurrence threshold, or 0 when its manifest records none. */
  private static float cooccurrenceThreshold(Manifest parent) {
    Map<String, Object> section = parent.settings().get(BundleLayout.SECTION_TRAINING);
    Object threshold = section == null ? null : section.get(PipelineSettings.KEY_LABEL_COOCCURRENCE_THRESHOLD);
    return threshold instanceof Number number ? number.floatValue() : 0f;
  }

  private TuningObjective tuningObjective(Manifest parent) {
    if (settings.tuningObjective() != null) {
      return settings.tuningObjective();
    }
    Map<String, Object> section = parent.settings().get(BundleLayout.SECTION_TRAINING);
    Object objective = section == null ? null : section.get(PipelineSettings.KEY_TUNING_OBJECTIVE);
    if (objective == null) {
      // Every bundle lever train writes records it. A manifest without it was written by another
      // tool, and gets the objective that weighs P@1, PSP@5 and C@5 alike.
      return TuningObjective.BALANCED;
    }
    try {
      return TuningObjective.valueOf(objective.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the parent bundle's manifest.json records " + BundleLayout.SECTION_TRAINING
          + "." + PipelineSettings.KEY_TUNING_OBJECTIVE + " = '" + objective + "', expected one of "
          + java.util.Arrays.toString(TuningObjective.values()) + "; pass --tune-for to choose one", e);
    }
  }


  private static IndexSettings indexSettings(Manifest parent) {
    Map<String, Object> section = parent.settings().get(BundleLayout.SECTION_INDEX);
    return section == null ? XcModel.defaultIndexSettings() : IndexSettingsCodec.fromMap(section);
  }

  /**
   * Ranks the validation documents with the parent exactly as it serves them, fused scores
   * included, then removes their training filter pairs as an evaluation does.
   *
   * @param rows the data set rows of the validation documents, by validation row
   */
  private static RankingQuality rankParent(
      XcModel parent, List<SparseVector> features, LabelMatrix truth, float[] inversePropensities,
      FilterPairs filter, int[] rows) {
    int[][] ranked = new int[features.size()][];
    int count = RankingQuality.K + filter.maxPerDocument();
    IntStream.range(0, features.size()).parallel().forEach(
        row -> ranked[row] = parent.predictFeatures(features.get(row), count).ids());
    RankingQuality quality = new RankingQuality(truth, inversePropensities);
    for (int row = 0; row < features.size(); row++) {
      quality.add(row, ranked[row], ranked[row].length, (document, label) -> filter.contains(rows[document], label));
    }
    return quality;
  }

  private static Map<String, Double> metrics(RankingQuality quality) {
    return metrics(quality.precisionAt1(), quality.pspAt5(), quality.coverageAt5());
  }

  private static Map<String, Double> metrics(double precisionAt1, double pspAt5, double coverageAt5) {
    Map<String, Double> map = new LinkedHashMap<>();
    map.put("P@1", precisionAt1);
    map.put("PSP@5", pspAt5);
    map.put("C@5", coverageAt5);
    return map;
  }
}
