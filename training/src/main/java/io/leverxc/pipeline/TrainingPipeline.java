package io.leverxc.pipeline;

import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Similarity;
import io.leverxc.ann.VectorIndex;
import io.leverxc.ann.VectorIndexes;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.bundle.BundleWriter;
import io.leverxc.bundle.Manifest;
import io.leverxc.classifier.FineTunedEncoder;
import io.leverxc.classifier.FusionTuner;
import io.leverxc.classifier.OvaTrainer;
import io.leverxc.classifier.Propensities;
import io.leverxc.classifier.ValidationSplit;
import io.leverxc.data.FilterFiles;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.XcDataset;
import io.leverxc.distill.AugmentedTrainingSet;
import io.leverxc.distill.DistillMode;
import io.leverxc.distill.LabelCooccurrence;
import io.leverxc.distill.LeverAugmenter;
import io.leverxc.model.BundleLayout;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.model.DocumentNeighbours;
import io.leverxc.model.FusedScorer;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.IndexSettingsCodec;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.eval.Propensity;
import io.leverxc.eval.PropensityConstants;
import io.leverxc.teacher.ImportedTeacher;
import io.leverxc.teacher.PairFilter;
import io.leverxc.teacher.TeacherEvaluation;
import io.leverxc.teacher.TeacherEmbeddings;
import io.leverxc.teacher.TeacherTrainer;
import io.leverxc.teacher.TrainedTeacher;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a complete model from a data set and writes its bundle. The stages are the text
 * features, the Siamese teacher, LEVER's augmented soft targets, the one-vs-all classifiers and
 * the shortlist graphs. The fusion weights are tuned on a validation split carved from the
 * training documents, never on the test split.
 */
public final class TrainingPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingPipeline.class);

  private final PipelineSettings settings;

  public TrainingPipeline(PipelineSettings settings) {
    this.settings = settings;
  }

  /** The outcome of one run: the bundle's manifest and the seconds spent in each stage. */
  public record Result(Manifest manifest, StageTimes times, FusionTuner.Result fusion) {}

  /**
   * The distillation-independent part of a run: fitted features, the validation split and the
   * trained teacher. Runs that differ only in their distillation mode can share it, so their
   * comparison isolates LEVER's effect.
   *
   * @param importedTeacher the embeddings of {@code --teacher-embeddings}, or null without them
   * @param importedTeacherSha256 SHA-256 of the imported embedding files by name, taken when they
   *     were read, or an empty map without them
   */
  public record Prepared(
      XcDataset data,
      TfidfFeaturizer featurizer,
      List<SparseVector> labelFeatures,
      LabelMatrix trainLabels,
      LabelMatrix validationLabels,
      List<SparseVector> validationFeatures,
      EmbeddingBagEncoder encoder,
      DenseMatrix documentEmbeddings,
      DenseMatrix labelEmbeddings,
      int[] trainRows,
      int[] validationRows,
      List<SparseVector> trainFeatures,
      StageTimes times,
      ImportedTeacher importedTeacher,
      Map<String, String> importedTeacherSha256) {

    /**
     * Returns the data set's training filter pairs of the validation documents, by validation row,
     * so that the fusion is tuned on the rankings that an evaluation with a filter file scores.
     */
    public PairFilter validationFilter() {
      FilterPairs filter = data.trainFilter();
      return (row, label) -> filter.contains(validationRows[row], label);
    }
  }

  /**
   * Trains on {@code data} and writes the bundle to {@code output}, replacing any bundle there only
   * once the new one is complete.
   */
  public Result run(XcDataset data, Path output) {
    BundleWriter.checkReplaceable(output);
    return finish(prepare(data), output);
  }

  /** Fits the text features, carves the validation split and trains the teacher. */
  public Prepared prepare(XcDataset data) {
    return Parallel.within(settings.threads(), () -> prepareOnPool(data));
  }

  private Prepared prepareOnPool(XcDataset data) {
    StageTimes times = new StageTimes();
    int threads = settings.threads();
    LOG.info(
        "training on {}: {} documents, {} labels, distill={}, threads={}, seed={}",
        data.directory(), data.trainTexts().size(), data.labelCount(), settings.distill().mode(), threads, settings.seed());
    if (data.trainFilter().size() > 0) {
      LOG.info("training filter: {} ({} pairs), left out of the validation rankings",
          FilterFiles.train(data.directory()), data.trainFilter().size());
    }
    // Imported embeddings are read first, so that a wrong file fails before the long stages.
    // The digests are taken just before the read, so that they name the embeddings this run used.
    Map<String, String> importedSha256 =
        settings.teacherEmbeddings() == null ? Map.of() : ImportedTeacher.digests(settings.teacherEmbeddings());
    ImportedTeacher importedTeacher =
        settings.teacherEmbeddings() == null
            ? null
            : ImportedTeacher.read(settings.teacherEmbeddings(), data.trainLabels().rows(), data.labelCount());
    data.requireTrainingLabels();

    // 1. Validation split: its documents tune the fusion weights only.
    // A fraction of 0 keeps every document for training, and the fusion weights keep their defaults.
    ValidationSplit split =
        settings.validationFraction() == 0
            ? ValidationSplit.none(data.trainLabels().rows())
            : ValidationSplit.carve(data.trainLabels().rows(), settings.validationFraction(), settings.seed());

    // 2. Text features, fitted on training and label texts together.
    times.start("features");
    FeatureSettings featureSettings = settings.features();
    if (settings.chooseTitleFeatures()) {
      if (split.validationRows().length == 0) {
        LOG.warn("Without a validation split the title character n-grams cannot be chosen, so they are {}."
            + " Set them with lever train --title-ngrams true or false",
            featureSettings.titleCharNgrams() ? "kept" : "left out");
      } else {
        featureSettings =
            TitleFeatureChoice.choose(
                    featureSettings, data.trainTexts(), data.trainLabels(), data.labelTexts(), split,
                    data.trainFilter(), threads)
                .settings();
      }
    } else if (featureSettings.titleCharNgrams() && !TitleFeatureChoice.anyTitle(data.trainTexts())) {
      LOG.warn("Title character n-grams are on, but no training document has a title (text before '{}' within the"
          + " first {} characters), so only label texts with titles get them and documents never match them",
          FeatureSettings.TITLE_SEPARATOR, FeatureSettings.MAX_TITLE_CHARS);
    }
    List<String> fitTexts = new ArrayList<>(data.trainTexts());
    fitTexts.addAll(data.labelTexts());
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(featureSettings, fitTexts, threads);
    List<SparseVector> documentFeatures = Parallel.features(featurizer, data.trainTexts(), threads);
    List<SparseVector> labelFeatures = Parallel.features(featurizer, data.labelTexts(), threads);
    warnFeatureless(
        labelFeatures, "label texts",
        "the teacher cannot rank these labels and a teacher-only search may return fewer than k labels");
    warnFeatureless(
        documentFeatures, "training documents",
        "they train nothing, and in the validation split they count as misses");
    times.stop();

    LabelMatrix trainLabels = ValidationSplit.select(data.trainLabels(), split.trainRows());
    LabelMatrix validationLabels = ValidationSplit.select(data.trainLabels(), split.validationRows());
    List<SparseVector> trainFeatures = ValidationSplit.select(documentFeatures, split.trainRows());
    List<SparseVector> validationFeatures = ValidationSplit.select(documentFeatures, split.validationRows());
    LOG.info("{} documents train the model, {} tune the fusion weights", trainLabels.rows(), validationLabels.rows());

    // 3. The Siamese teacher.
    times.start("teacher");
    String shortTeacher = shortTeacherNote(data.labelCount(), settings.teacher().epochs());
    if (shortTeacher != null) {
      LOG.info(shortTeacher);
    }
    TrainedTeacher teacher =
        new TeacherTrainer(settings.teacher())
            .fit(trainFeatures, trainLabels, labelFeatures, featurizer.dimension(), teacherValidation(
                validationFeatures, validationLabels, trainLabels, split.validationRows(), data.trainFilter()));
    EmbeddingBagEncoder encoder = teacher.encoder();
    DenseMatrix documentEmbeddings = TeacherEmbeddings.encodeAll(encoder, trainFeatures, threads);
    DenseMatrix labelEmbeddings = TeacherEmbeddings.encodeAll(encoder, labelFeatures, threads);
    times.stop();
    return new Prepared(
        data, featurizer, labelFeatures, trainLabels, validationLabels, validationFeatures, encoder,
        documentEmbeddings, labelEmbeddings, split.trainRows(), split.validationRows(), trainFeatures, times,
        importedTeacher, importedSha256);
  }

  /**
   * Warns about texts without any feature in the vocabulary, empty lines among them. A label text
   * gets a zero teacher embedding, so a cosine graph over label embeddings may not reach it, and a
   * training document teaches the classifiers nothing.
   *
   * @param kind what the texts are, in the plural, for the message
   * @param consequence what follows for them, for the message
   */
  private static void warnFeatureless(List<SparseVector> features, String kind, String consequence) {
    long featureless = features.stream().filter(SparseVector::isEmpty).count();
    if (featureless > 0) {
      LOG.warn(
          "{} of {} {} have no text features, because they are empty or none of their words is in the vocabulary,"
              + " so {}",
          featureless, features.size(), kind, consequence);
    }
  }

  /**
   * Warns when the training filter removes every label of some validation documents: they count as
   * misses for every fusion setting, and when all of them do, the tuner keeps the first grid point.
   */
  private static void warnFilteredValidation(LabelMatrix validationLabels, PairFilter filter) {
    int emptied = 0;
    for (int row = 0; row < validationLabels.rows(); row++) {
      int remaining = 0;
      for (int p = validationLabels.rowStart(row); p < validationLabels.rowEnd(row); p++) {
        remaining += filter.excludes(row, validationLabels.label(p)) ? 0 : 1;
      }
      emptied += validationLabels.rowSize(row) > 0 && remaining == 0 ? 1 : 0;
    }
    if (emptied > 0) {
      LOG.warn(
          "the training filter file removes every label of {} of {} validation documents, so they count as misses for every"
              + " fusion setting; check that the filter file lists reciprocal pairs, not the ground truth",
          emptied, validationLabels.rows());
    }
  }

  /**
   * Label draws below which the log reports a briefly trained teacher. An epoch draws each label
   * once, so 20 epochs of a few hundred labels are a few thousand draws.
   */
  static final long FEW_TEACHER_DRAWS = 100_000;

  /**
   * Most validation documents the teacher's periodic check scores. Its figures are only logged, and
   * over 5,000 documents a precision has a 95% interval of at most ±1.4 points. More documents
   * would make its exact search over every label the slowest part of a large training.
   */
  static final int MAX_TEACHER_CHECK_DOCUMENTS = 5_000;

  /** Minimum validation documents the check scores, whatever the label count (±3.1 points at 95%). */
  static final int MIN_TEACHER_CHECK_DOCUMENTS = 1_000;

  /**
   * Document-label scores the check may compute each time it runs. With 15,000 labels it keeps
   * 5,000 documents; with 100,000 labels it keeps 1,000, which took about 3 s per check on 2 cores.
   */
  static final long TEACHER_CHECK_SCORES = 75_000_000L;

  /**
   * Returns a log line for a teacher whose epochs add up to few label draws, or null otherwise. The
   * line gives what more epochs changed on such a data set, so that the user can choose.
   */
  static String shortTeacherNote(int labels, int epochs) {
    long draws = (long) labels * epochs;
    if (draws >= FEW_TEACHER_DRAWS) {
      return null;
    }
    return "the teacher trains on " + draws + " label draws (" + epochs + " epochs of " + labels + " labels). On"
        + " LF-Debtags-554 (554 labels), 1,000 epochs raised the teacher's own validation PSP@5 from 32 to 63 and"
        + " the served model's C@5 by about 6 points, at about 1.4 points of P@1; --teacher-epochs sets the number";
  }

  /**
   * Runs LEVER distillation with this pipeline's settings on a prepared teacher, trains the
   * classifiers, tunes the fusion weights and writes the bundle to {@code output}.
   */
  public Result finish(Prepared prepared, Path output) {
    return Parallel.within(settings.threads(), () -> finishOnPool(prepared, output));
  }

  private Result finishOnPool(Prepared prepared, Path output) {
    StageTimes times = prepared.times().copy();
    int threads = settings.threads();
    XcDataset data = prepared.data();
    TfidfFeaturizer featurizer = prepared.featurizer();
    LabelMatrix trainLabels = prepared.trainLabels();
    LabelMatrix validationLabels = prepared.validationLabels();
    List<SparseVector> validationFeatures = prepared.validationFeatures();
    EmbeddingBagEncoder encoder = prepared.encoder();
    DenseMatrix documentEmbeddings = prepared.documentEmbeddings();
    DenseMatrix labelEmbeddings = prepared.labelEmbeddings();

    // 4. LEVER: label texts as training points and teacher-scored soft positives.
    times.start("distill");
    VectorIndex labelIndex = VectorIndexes.build(labelEmbeddings, Similarity.COSINE, settings.index(), threads);
    VectorSearcher nearLabels = new FixedEfSearcher(labelIndex, PipelineSettings.NEGATIVE_SEARCH_EF);
    IndexSettings transientSettings = PipelineSettings.transientGraphSettings(settings.index());
    AugmentedTrainingSet augmented;
    if (settings.teacherEmbeddings() == null) {
      // The document graph serves only LEVER's tail-document top-up and is dropped after it. It
      // keeps the served efConstruction, because label queries into it lost recall at 40 (WordNet
      // tail labels, recall@10 at ef 50: 0.97 at 100, 0.88 at 40).
      VectorSearcher nearDocuments =
          settings.distill().mode() == DistillMode.LEVER
              ? new FixedEfSearcher(
                  VectorIndexes.build(documentEmbeddings, Similarity.COSINE, settings.index(), threads),
                  PipelineSettings.NEGATIVE_SEARCH_EF)
              : null;
      augmented = new LeverAugmenter(settings.distill())
          .augment(trainLabels, documentEmbeddings, labelEmbeddings, nearLabels, nearDocuments);
    } else {
      augmented = augmentWithImportedTeacher(prepared, trainLabels, labelEmbeddings);
    }
    long cooccurrenceTargets = 0;
    if (settings.labelCooccurrenceThreshold() > 0f && augmented.appendedInputs().rows() > 0) {
      long before = augmented.targets().nonZeros();
      augmented = new AugmentedTrainingSet(
          LabelCooccurrence.addTo(
              augmented.targets(), augmented.originalRows(), trainLabels, settings.labelCooccurrenceThreshold(),
              PipelineSettings.COOCCURRENCE_MIN_DOCUMENTS),
          augmented.appendedInputs(), augmented.originalRows(), augmented.labelPairsAdded(),
          augmented.documentPairsAdded());
      cooccurrenceTargets = augmented.targets().nonZeros() - before;
    }
    DenseMatrix inputs = augmented.inputs(documentEmbeddings);
    LOG.info(
        "training set: {} rows ({} appended label rows), {} label-to-label and {} label-to-document soft pairs"
            + " from the teacher, and {} more label-row targets from label co-occurrence",
        augmented.targets().rows(), augmented.targets().rows() - augmented.originalRows(),
        augmented.labelPairsAdded(), augmented.documentPairsAdded(), cooccurrenceTargets);
    times.stop();

    // 5. One-vs-all classifiers with shortlisted hard negatives, optionally fine-tuning a copy of
    // the teacher's encoder jointly (the teacher itself keeps scoring label embeddings).
    times.start("classifier");
    OvaTrainer trainer =
        new OvaTrainer(
            settings.classifier(),
            weights -> new FixedEfSearcher(
                VectorIndexes.build(weights, Similarity.INNER_PRODUCT, transientSettings, threads),
                PipelineSettings.NEGATIVE_SEARCH_EF));
    OvaClassifiers classifiers;
    EmbeddingBagEncoder classifierEncoder = encoder;
    if (settings.classifier().encoderLearningRate() > 0f) {
      List<SparseVector> rowFeatures = new ArrayList<>(prepared.trainFeatures());
      if (augmented.appendedInputs().rows() > 0) {
        rowFeatures.addAll(prepared.labelFeatures());
      }
      FineTunedEncoder fineTuned = new FineTunedEncoder(encoder, rowFeatures);
      classifiers = trainer.train(fineTuned, augmented.targets(), labelEmbeddings, nearLabels);
      classifierEncoder = fineTuned.encoder();
    } else {
      classifiers = trainer.train(inputs, augmented.targets(), labelEmbeddings, nearLabels);
    }
    times.stop();

    // 6. Shortlist graph over the classifier vectors, then fusion weights tuned on validation.
    // The graph ranks by w·x without the bias on purpose. Rare labels end with far lower biases
    // (-12 to -3.4 in a WordNet demo bundle), so a shortlist by w·x + b keeps mostly frequent
    // labels: with exact w·x + b shortlists (`lever bench validation --search exact`) the
    // classifier scorer's validation R@100 fell from 85.48 to 80.68.
    times.start("index");
    VectorIndex classifierIndex =
        VectorIndexes.build(classifiers.weights(), Similarity.INNER_PRODUCT, settings.index(), threads);
    DocumentNeighbours neighbours = null;
    DenseMatrix votingEmbeddings = null;
    VectorIndex votingIndex = null;
    IndexSettings documentGraphSettings = DocumentNeighbours.graphSettings(settings.index().backend());
    boolean tunable = validationLabels.rows() >= FusionTuner.MIN_DOCUMENTS;
    if (settings.documentNeighbours() > 0 && !tunable) {
      LOG.warn(
          "{}: the document vote (--document-neighbours {}) needs a weight tuned there, so the bundle leaves it"
              + " out and no training-document graph is built",
          tooFewToTune(validationLabels.rows()), settings.documentNeighbours());
    }
    if (settings.documentNeighbours() > 0 && tunable) {
      // The training documents only: a validation document must not find itself when the vote is tuned.
      votingEmbeddings =
          classifierEncoder == encoder
              ? documentEmbeddings
              : TeacherEmbeddings.encodeAll(classifierEncoder, prepared.trainFeatures(), threads);
      votingIndex = VectorIndexes.build(votingEmbeddings, Similarity.COSINE, documentGraphSettings, threads);
      neighbours = new DocumentNeighbours(votingIndex, trainLabels);
    }
    times.stop();
    times.start("fusion");
    FusedScorer scorer =
        new FusedScorer(
            classifiers, labelEmbeddings, classifierIndex, labelIndex, neighbours,
            FusionSettings.defaults().withNeighbourCount(settings.documentNeighbours()));
    FusionTuner.Result fusion = null;
    FusionSettings fusionSettings = FusionSettings.defaults();
    SparseClassifiers sparse = null;
    if (tunable) {
      DenseMatrix validationEmbeddings = TeacherEmbeddings.encodeAll(encoder, validationFeatures, threads);
      DenseMatrix validationInputs =
          classifierEncoder == encoder
              ? validationEmbeddings
              : TeacherEmbeddings.encodeAll(classifierEncoder, validationFeatures, threads);
      float[] inversePropensities =
          Propensities.inverse(trainLabels, Propensities.DEFAULT_A, Propensities.DEFAULT_B);
      PairFilter validationFilter = prepared.validationFilter();
      warnFilteredValidation(validationLabels, validationFilter);
      FusionTuner tuner = new FusionTuner(settings.tuningObjective(), inversePropensities, validationFilter);
      fusion = tuner.tune(scorer, validationInputs, validationEmbeddings, validationLabels);
      fusionSettings = fusion.settings();
      LOG.info(
          "fusion tuned on validation: {} (P@1 {}, PSP@5 {}, C@5 {})",
          fusionSettings, percent(fusion.precisionAt1()), percent(fusion.pspAt5()), percent(fusion.coverageAt5()));
      times.stop();
      if (settings.sparse() != null) {
        times.start("sparse");
        DenseMatrix trainingInputs =
            votingEmbeddings != null
                ? votingEmbeddings
                : classifierEncoder == encoder
                    ? documentEmbeddings
                    : TeacherEmbeddings.encodeAll(classifierEncoder, prepared.trainFeatures(), threads);
        SparseTerm.Trained trained =
            SparseTerm.train(
                settings.sparse(),
                new SparseTerm.DenseModel(classifiers, labelEmbeddings, classifierIndex, labelIndex, neighbours),
                tuner,
                fusion,
                new SparseTerm.Documents(prepared.trainFeatures(), trainingInputs, documentEmbeddings, trainLabels),
                new SparseTerm.Documents(validationFeatures, validationInputs, validationEmbeddings, validationLabels),
                prepared.labelFeatures(),
                featurizer.dimension(),
                inversePropensities,
                threads);
        FusionTuner.Result tunedWithSparse = trained.fusion();
        boolean weighed =
            tunedWithSparse.settings().usesSparse()
                || (tunedWithSparse.firstSlot() != null && tunedWithSparse.firstSlot().usesSparse());
        if (weighed) {
          sparse = trained.classifiers();
          fusion = tunedWithSparse;
          fusionSettings = fusion.settings();
        } else {
          // The tuner measured every weight, 0 included, on shortlists that the sparse classifiers
          // extended. A served model without them has the shortlists and the figures of before.
          LOG.info(
              "the sparse classifiers got weight 0 in both fusion settings, so the bundle leaves them out and keeps"
                  + " the fusion tuned without them (P@1 {}, PSP@5 {}, C@5 {})",
              percent(fusion.precisionAt1()), percent(fusion.pspAt5()), percent(fusion.coverageAt5()));
        }
        times.stop();
      }
    } else {
      if (settings.sparse() != null) {
        LOG.warn("{} to weigh the sparse classifiers with; training none", tooFewToTune(validationLabels.rows()));
      }
      LOG.warn("{}: fusion weights keep their defaults {}", tooFewToTune(validationLabels.rows()), fusionSettings);
      times.stop();
    }

    // 7. The bundle.
    times.start("write");
    Manifest.Builder manifest =
        Manifest.builder()
            .dataset(Manifest.DatasetInfo.ofDirectory(data.directory()))
            .labelCount(data.labelCount())
            .dimension("features", featurizer.dimension())
            .dimension("embedding", encoder.dimension())
            .dimension(RetrainingPipeline.TRAINING_DOCUMENTS, data.trainTexts().size())
            .settings(BundleLayout.SECTION_FEATURES, featurizer.settings().toMap())
            .settings(BundleLayout.SECTION_TEACHER, settings.teacher().toMap())
            .settings(BundleLayout.SECTION_DISTILL, settings.distill().toMap())
            .settings(BundleLayout.SECTION_CLASSIFIER, settings.classifier().toMap())
            .settings(BundleLayout.SECTION_FUSION, fusionSettings.toMap())
            .settings(BundleLayout.SECTION_INDEX, IndexSettingsCodec.toMap(settings.index()))
            .settings(BundleLayout.SECTION_TRAINING, trainingSection(prepared))
            .seed(settings.seed());
    if (data.jsonTextFields() != null) {
      manifest.settings(
          BundleLayout.SECTION_DATA, Map.of(BundleLayout.JSON_TEXT, data.jsonTextFields().optionValue()));
    }
    if (fusion != null && fusion.firstSlot() != null) {
      manifest.settings(BundleLayout.SECTION_FUSION_FIRST_SLOT, fusion.firstSlot().toMap());
    }
    if (sparse != null) {
      manifest.settings(BundleLayout.SECTION_SPARSE, settings.sparse().toMap());
    }
    if (fusion != null) {
      manifest.metric("validation_P@1", fusion.precisionAt1());
      manifest.metric("validation_P@5", fusion.precisionAt5());
      manifest.metric("validation_PSP@5", fusion.pspAt5());
      manifest.metric("validation_C@5", fusion.coverageAt5());
    }
    Manifest written;
    try (BundleWriter writer = BundleWriter.create(output)) {
      ModelParts.put(
          writer, featurizer, encoder, classifierEncoder, labelEmbeddings, classifiers, data.labelTexts());
      writer.putInts(BundleLayout.TRAINED_TEXT_HASHES, TrainedTexts.encode(data.trainTexts(), prepared.trainRows()));
      if (prepared.validationRows().length > 0) {
        writer.putInts(BundleLayout.VALIDATION_ROWS, prepared.validationRows());
      }
      writer.putBytes(BundleLayout.LABEL_INDEX, labelIndex.toBytes());
      writer.putBytes(BundleLayout.CLASSIFIER_INDEX, classifierIndex.toBytes());
      boolean voted =
          fusionSettings.usesNeighbours() || (fusion != null && fusion.firstSlot() != null && fusion.firstSlot().usesNeighbours());
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
    LOG.info("wrote bundle {} to {}; stage times: {}", written.bundleId(), output, times);
    return new Result(written, times, fusion);
  }

  /**
   * Returns the run's settings for the manifest and, with an imported teacher, the SHA-256 of its
   * embedding files, because the folder's path alone does not say which embeddings it held.
   */
  private Map<String, Object> trainingSection(Prepared prepared) {
    Map<String, Object> section = new LinkedHashMap<>(settings.toMap());
    if (!prepared.importedTeacherSha256().isEmpty()) {
      section.put(PipelineSettings.KEY_TEACHER_SHA256, prepared.importedTeacherSha256());
    }
    return section;
  }

  /**
   * Builds the soft targets from imported embeddings while the appended label rows keep this
   * model's own label embeddings as inputs, because the classifiers read this encoder's space.
   */
  private AugmentedTrainingSet augmentWithImportedTeacher(
      Prepared prepared, LabelMatrix trainLabels, DenseMatrix ownLabelEmbeddings) {
    ImportedTeacher imported = prepared.importedTeacher();
    DenseMatrix importedDocuments = ValidationSplit.select(imported.documentEmbeddings(), prepared.trainRows());
    LOG.info(
        "distilling from imported embeddings in {} (dimension {}) instead of the built-in teacher",
        settings.teacherEmbeddings(), imported.labelEmbeddings().columns());
    AugmentedTrainingSet fromImported =
        new LeverAugmenter(settings.distill()).augment(trainLabels, importedDocuments, imported.labelEmbeddings());
    DenseMatrix appended =
        fromImported.appendedInputs().rows() == 0
            ? new DenseMatrix(0, ownLabelEmbeddings.columns())
            : ownLabelEmbeddings;
    return new AugmentedTrainingSet(
        fromImported.targets(), appended, fromImported.originalRows(),
        fromImported.labelPairsAdded(), fromImported.documentPairsAdded());
  }

  /**
   * Returns the teacher's periodic check on the validation split (P@1, P@5, PSP@5 in its log), or
   * null when the split is empty. Validation rows keep their training filter pairs, renumbered.
   */
  static TeacherEvaluation teacherValidation(
      List<SparseVector> features, LabelMatrix labels, LabelMatrix trainLabels, int[] rows, FilterPairs trainFilter) {
    if (labels.rows() == 0) {
      return null;
    }
    int[] checkedRows = rows;
    int checkedCount = teacherCheckDocuments(trainLabels.columns());
    if (labels.rows() > checkedCount) {
      // The check scores every label exactly, so on a large split it would take longer than the epochs.
      int[] sample = evenlySpaced(labels.rows(), checkedCount);
      LOG.info("The teacher's check scores {} evenly spaced validation documents of {}", sample.length, labels.rows());
      checkedRows = new int[sample.length];
      for (int i = 0; i < sample.length; i++) {
        checkedRows[i] = rows[sample[i]];
      }
      features = ValidationSplit.select(features, sample);
      labels = ValidationSplit.select(labels, sample);
    }
    Propensity propensity = Propensity.fromTrainLabels(trainLabels, PropensityConstants.DEFAULT);
    int[] trainRows = checkedRows;
    PairFilter filter = (document, label) -> trainFilter.contains(trainRows[document], label);
    return new TeacherEvaluation(features, labels, filter, propensity);
  }

  /** Returns how many validation documents the teacher's check scores against {@code labels} labels. */
  static int teacherCheckDocuments(int labels) {
    long affordable = TEACHER_CHECK_SCORES / Math.max(1, labels);
    return (int) Math.max(MIN_TEACHER_CHECK_DOCUMENTS, Math.min(MAX_TEACHER_CHECK_DOCUMENTS, affordable));
  }

  /** Returns {@code count} indices spread evenly over {@code [0, size)}, in increasing order. */
  static int[] evenlySpaced(int size, int count) {
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = (int) ((long) i * size / count);
    }
    return indices;
  }

  private static String percent(double fraction) {
    return String.format(java.util.Locale.ROOT, "%.2f%%", 100 * fraction);
  }

  /** Describes a validation split too small to tune on, for the warnings that follow. */
  static String tooFewToTune(int documents) {
    return documents == 0
        ? "no validation split (fraction 0)"
        : "only " + documents + " validation documents, fewer than the " + FusionTuner.MIN_DOCUMENTS
            + " needed to tune on (raise --validation-fraction)";
  }
}
