package io.leverxc.cli;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.classifier.OvaSettings;
import io.leverxc.classifier.SparseOvaSettings;
import io.leverxc.classifier.TuningObjective;
import io.leverxc.data.JsonLinesDatasetReader;
import io.leverxc.distill.AddedPairTarget;
import io.leverxc.distill.DistillMode;
import io.leverxc.distill.DistillSettings;
import io.leverxc.model.FusionSettings;
import io.leverxc.pipeline.PipelineSettings;
import io.leverxc.teacher.TeacherSettings;
import io.leverxc.text.FeatureSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Training options shared by {@code lever train} and {@code lever demo}. */
final class TrainingOptions {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingOptions.class);

  /** Largest --threads value of any command: the trainers' limit, and far below thread-pool limits. */
  static final int MAX_THREADS = OvaSettings.MAX_THREADS;

  /** The command these options are mixed into; null when the options are built in code. */
  @Spec(Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  @Option(
      names = "--distill", paramLabel = "MODE",
      defaultValue = "lever",
      description = "LEVER distillation: lever (soft targets, label texts and teacher-nearest pairs), "
          + "labels (label texts as training rows, with the co-occurrence targets of --label-cooccurrence but no teacher "
          + "pairs) or none (plain one-vs-all). Default: ${DEFAULT-VALUE}.")
  String distill;

  @Option(
      names = "--lever-label-neighbours",
      paramLabel = "N",
      defaultValue = "" + DistillSettings.DEFAULT_LABEL_NEIGHBOUR_CAP,
      description = "With --distill lever: at most this many further labels for which a label's text is a soft "
          + "positive (tau_l in the LEVER paper, which reports that larger values help the tail and cost some head "
          + "precision). Default: ${DEFAULT-VALUE}.")
  int labelNeighbours;

  @Option(
      names = "--lever-label-threshold",
      paramLabel = "P",
      defaultValue = "" + DistillSettings.DEFAULT_LABEL_THRESHOLD,
      description = "With --distill lever: smallest teacher score (1 + cos) / 2 of such a label pair, in [0, 1]. "
          + "Default: ${DEFAULT-VALUE}.")
  float labelThreshold;

  @Option(
      names = "--lever-top-up",
      paramLabel = "N",
      defaultValue = "" + DistillSettings.DEFAULT_DOCUMENT_TOP_UP_COUNT,
      description = "With --distill lever: labels with fewer training documents than this receive their "
          + "teacher-nearest documents as soft positives until they have this many (0 disables). Default: ${DEFAULT-VALUE}.")
  int topUp;

  @Option(
      names = "--lever-document-threshold",
      paramLabel = "P",
      defaultValue = "" + DistillSettings.DEFAULT_DOCUMENT_THRESHOLD,
      description = "With --distill lever: smallest teacher score (1 + cos) / 2 of a document added by the top-up, "
          + "in [0, 1]. Default: ${DEFAULT-VALUE}.")
  float documentThreshold;

  @Option(
      names = "--lever-lambda",
      paramLabel = "L",
      defaultValue = "" + DistillSettings.DEFAULT_LAMBDA,
      description = "With --distill lever: weight lambda of the ground truth in the LEVER objective, in [0, 1] "
          + "(the paper uses 0.5 in every experiment). Ground-truth pairs keep target 1, and a pair the teacher "
          + "added gets (1 - lambda) * p under --lever-added-target mixed, so 1 turns added pairs into "
          + "negatives; under teacher, lambda has no effect. Default: ${DEFAULT-VALUE}.")
  float lambda;

  @Option(
      names = "--lever-added-target",
      paramLabel = "T",
      defaultValue = "mixed",
      description = "With --distill lever: target of a pair the teacher added, mixed ((1 - lambda) * p, the "
          + "paper's objective with y = 0) or teacher (p, as the LEVER reference code stores it). "
          + "Default: ${DEFAULT-VALUE}.")
  String addedTarget;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads. Default: the number of available processors.")
  Integer threads;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed for every stage; with --threads 1 and the"
      + " lucene or exact backend, a run writes the same vectors and graphs to the byte (the manifest's bundle id"
      + " and time differ). Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--dim", paramLabel = "N", description = "Embedding dimension of the teacher and the classifiers. Default: "
      + TeacherSettings.DEFAULT_DIMENSION + ".")
  Integer dimension;

  @Option(names = "--teacher-epochs", paramLabel = "N", description = "Teacher training epochs. Default: " + TeacherSettings.DEFAULT_EPOCHS + ".")
  Integer teacherEpochs;

  @Option(names = "--classifier-epochs", paramLabel = "N", description = "One-vs-all training epochs. Default: " + OvaSettings.DEFAULT_EPOCHS + ".")
  Integer classifierEpochs;

  @Option(
      names = "--validation-fraction", paramLabel = "FRACTION",
      defaultValue = "0.05",
      description = "Share of training documents held out to tune the fusion weights (never the test split), in"
          + " [0, 0.5]; 0 trains on every document and keeps the default fusion weights. Default: ${DEFAULT-VALUE}.")
  double validationFraction;

  @Option(
      names = "--tune-for", paramLabel = "OBJECTIVE",
      defaultValue = "HEAD_GUARDED",
      description = "What the fusion weights maximise on validation: PRECISION_AT_1, PSP_AT_5, BALANCED (P@1 + PSP@5 + C@5) "
          + "or HEAD_GUARDED (PSP@5 + C@5 among settings within one point of the best P@1 and of the best P@5, or "
          + "within two validation documents of P@1 where that is more; when no setting is within both, the "
          + "setting with the best P@1 sets both guards). "
          + "Except with PRECISION_AT_1, the first result is chosen by separate settings tuned for P@1. "
          + "Default: ${DEFAULT-VALUE}.")
  TuningObjective tuningObjective;

  @Option(
      names = "--index-backend", paramLabel = "BACKEND",
      defaultValue = "lucene",
      description = "Shortlist graph library: lucene, hnswlib or exact (brute force). hnswlib draws its graph levels"
          + " from an unseeded random source, so its runs differ even with one thread and the same --seed. Default:"
          + " ${DEFAULT-VALUE}.")
  String indexBackend;

  @Option(
      names = "--teacher-embeddings", paramLabel = "DIR",
      description = "Folder with precomputed unit-norm float32 embeddings (trn_doc_embeddings.npy, lbl_embeddings.npy, "
          + "rows in data set order) that drive LEVER's soft targets in place of the built-in teacher's. "
          + "Queries are still encoded by the model's own encoder.")
  java.nio.file.Path teacherEmbeddings;

  @Option(
      names = "--label-cooccurrence", paramLabel = "SHARE",
      defaultValue = "0.5",
      description = "With --distill lever or labels: each label-text training row also gets soft target P(l'|l) for "
          + "labels l' that co-occur with l in at least this share of l's training documents (0 disables). "
          + "Default: ${DEFAULT-VALUE}.")
  float labelCooccurrence;

  @Option(
      names = "--document-neighbours",
      defaultValue = "25",
      paramLabel = "N",
      description = "Training documents nearest to a query whose labels vote in the fused score, with a weight "
          + "tuned on the validation split (0 disables the vote). The bundle then stores one embedding per training "
          + "document and a graph over them, about 4 x dimension bytes per document. Default: ${DEFAULT-VALUE}.")
  int documentNeighbours;

  @Option(
      names = "--sparse-term", paramLabel = "true|false",
      arity = "0..1",
      defaultValue = "false",
      fallbackValue = "true",
      description = "Also train sparse one-vs-all logistic regressions on the TF-IDF features and add their "
          + "probability to the fused score of the shortlisted labels, with a weight tuned on the validation split "
          + "(0 when it does not help, and then the bundle leaves them out). With a weight, their own top labels "
          + "also join the shortlist. When labels x features is at most "
          + "2^27, every label trains against every document; otherwise training ranks every training document "
          + "once more to find the hard negatives. Default: ${DEFAULT-VALUE}.")
  boolean sparseTerm;

  @Option(
      names = "--title-ngrams",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description = "Character n-grams (3 to 5) of each text's title, the part before its first ': ' within the first "
          + FeatureSettings.MAX_TITLE_CHARS + " characters, as further features: auto (kept when they raise the P@1 "
          + "of a nearest-neighbour labelling of the validation documents by at least one point and by two standard "
          + "deviations of a sign test, with at least 100 validation documents; a few seconds), true or false. They help where titles are names whose spelling carries labels, such as "
          + "Debian packages. Default: ${DEFAULT-VALUE}.")
  String titleNgrams;

  @Option(
      names = "--json-text",
      paramLabel = "FIELDS",
      defaultValue = "title",
      description = "For a JSON-lines data set (lbl.json, trn.json, tst.json): the texts of documents and labels are "
          + "the titles (title, as in the XC repository's title benchmarks) or the title, ': ' and the content "
          + "(title-content; the title alone where the content is missing or empty). Line breaks become spaces. The "
          + "bundle records the choice, and lever retrain, lever bench validation and lever bench document-graph "
          + "read the data the same way. The raw-text layout ignores it. Default: ${DEFAULT-VALUE}.")
  String jsonText;

  @Option(
      names = "--encoder-learning-rate", paramLabel = "RATE",
      description = "Learning rate of the copy of the teacher's encoder fine-tuned with the classifiers; 0 keeps "
          + "the teacher's embeddings fixed. Default: " + OvaSettings.DEFAULT_ENCODER_LEARNING_RATE + ".")
  Float encoderLearningRate;

  /**
   * Returns the JSON-lines text fields that {@code --json-text} names.
   *
   * @throws IllegalArgumentException naming the option when the value is not a known choice
   */
  JsonLinesDatasetReader.TextFields jsonTextFields() {
    return JsonTextOption.fields(jsonText);
  }

  /** Loads {@code folder} with the JSON-lines text fields of {@code --json-text}. */
  io.leverxc.data.XcDataset loadData(java.nio.file.Path folder) {
    return DataSets.load(folder, jsonTextFields(), given("--json-text"));
  }

  int threads() {
    int value = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    checkThreads(value);
    return value;
  }

  /**
   * Checks a --threads value against the range every command accepts.
   *
   * @throws IllegalArgumentException naming the option and the range
   */
  static void checkThreads(int value) {
    checkRange("--threads", value, 1, MAX_THREADS);
  }

  PipelineSettings toSettings() {
    if (documentNeighbours < 0 || documentNeighbours > FusionSettings.MAX_NEIGHBOUR_COUNT) {
      throw new IllegalArgumentException(
          "--document-neighbours must be in [0, " + FusionSettings.MAX_NEIGHBOUR_COUNT + "], got " + documentNeighbours);
    }
    int threadCount = threads();
    jsonTextFields();
    DistillMode mode = parseEnum(DistillMode.class, distill, "--distill", "lever, labels or none");
    // The settings classes check these too, but under their own field names.
    if (dimension != null) {
      checkRange("--dim", dimension, 1, TeacherSettings.MAX_DIMENSION);
    }
    if (teacherEpochs != null) {
      checkRange("--teacher-epochs", teacherEpochs, 1, TeacherSettings.MAX_EPOCHS);
    }
    if (classifierEpochs != null) {
      checkRange("--classifier-epochs", classifierEpochs, 1, OvaSettings.MAX_EPOCHS);
    }
    checkFraction("--validation-fraction", validationFraction, PipelineSettings.MAX_VALIDATION_FRACTION);
    checkCount("--lever-label-neighbours", labelNeighbours, DistillSettings.MAX_LABEL_NEIGHBOURS);
    checkCount("--lever-top-up", topUp, DistillSettings.MAX_COUNT);
    checkScore("--lever-label-threshold", labelThreshold);
    checkScore("--lever-document-threshold", documentThreshold);
    if (!(lambda >= 0f && lambda <= 1f)) {
      throw new IllegalArgumentException("--lever-lambda must be in [0, 1], got " + lambda);
    }
    AddedPairTarget target = parseEnum(AddedPairTarget.class, addedTarget, "--lever-added-target", "mixed or teacher");
    if (target == AddedPairTarget.TEACHER && (given("--lever-lambda") || lambda != DistillSettings.DEFAULT_LAMBDA)) {
      LOG.warn("--lever-lambda has no effect with --lever-added-target teacher: added pairs get the teacher's score"
          + " and ground-truth pairs keep target 1");
    }
    java.util.List<String> leverOptions = leverOptionsUsed(target);
    if (mode != DistillMode.LEVER && !leverOptions.isEmpty()) {
      LOG.warn("--distill {} does not use {}; the bundle records them, and a retrain with --distill lever would use"
          + " them", mode.name().toLowerCase(java.util.Locale.ROOT), String.join(", ", leverOptions));
    }
    warnUnusedThresholds(mode);
    if (validationFraction == 0 && given("--tune-for")) {
      LOG.warn("--tune-for has no effect with --validation-fraction 0: without a validation split the fusion"
          + " weights are not tuned, so the bundle keeps the default fusion settings");
    }
    checkFraction("--label-cooccurrence", labelCooccurrence, 1);
    if (encoderLearningRate != null && !(encoderLearningRate >= 0f && Float.isFinite(encoderLearningRate))) {
      throw new IllegalArgumentException(
          "--encoder-learning-rate must be a finite number >= 0 (0 keeps the teacher's embeddings), got "
              + encoderLearningRate);
    }
    if (mode == DistillMode.NONE && teacherEmbeddings != null) {
      LOG.warn("--distill none does not use --teacher-embeddings: the imported embeddings only drive LEVER's soft"
          + " targets and label-text rows");
    }
    if (mode == DistillMode.NONE && given("--label-cooccurrence")) {
      LOG.warn("--distill none does not use --label-cooccurrence: it sets targets of label-text rows, which only"
          + " --distill lever and labels add");
    }
    TeacherSettings.Builder teacher = TeacherSettings.builder().threads(threadCount).seed(seed);
    if (dimension != null) {
      teacher.dimension(dimension);
    }
    if (teacherEpochs != null) {
      teacher.epochs(teacherEpochs);
    }
    OvaSettings classifier = OvaSettings.defaults(threadCount).withThreads(threadCount, seed);
    if (classifierEpochs != null) {
      classifier = classifier.withSchedule(classifierEpochs, classifier.learningRate());
    }
    if (encoderLearningRate != null) {
      classifier = classifier.withEncoderLearningRate(encoderLearningRate);
    }
    IndexBackend backend = parseEnum(IndexBackend.class, indexBackend, "--index-backend", "lucene, hnswlib or exact");
    String titleChoice = titleNgrams.strip().toLowerCase(java.util.Locale.ROOT);
    if (!titleChoice.equals("auto") && !titleChoice.equals("true") && !titleChoice.equals("false")) {
      throw new IllegalArgumentException("--title-ngrams must be auto, true or false, found '" + titleNgrams + "'");
    }
    return new PipelineSettings(
        FeatureSettings.builder().titleCharNgrams(titleChoice.equals("true")).build(),
        teacher.build(),
        distillSettings(mode),
        classifier,
        IndexSettings.defaults(backend),
        validationFraction,
        tuningObjective,
        threadCount,
        seed,
        teacherEmbeddings,
        labelCooccurrence,
        documentNeighbours,
        sparseTerm ? SparseOvaSettings.defaults(threadCount).withSeed(seed) : null,
        titleChoice.equals("auto"));
  }

  /**
   * Returns the LEVER settings with the limits of the options, examining as many candidates per
   * label as can become pairs under those limits.
   */
  private DistillSettings distillSettings(DistillMode mode) {
    DistillSettings limits =
        DistillSettings.defaults(mode)
            .withAugmentation(labelNeighbours, labelThreshold, topUp, documentThreshold)
            .withTargets(lambda, parseEnum(AddedPairTarget.class, addedTarget, "--lever-added-target", "mixed or teacher"));
    return limits.withCandidateCount(limits.sufficientCandidateCount());
  }

  static void checkRange(String option, int value, int minimum, int maximum) {
    if (value < minimum || value > maximum) {
      throw new IllegalArgumentException(option + " must be in [" + minimum + ", " + maximum + "], got " + value);
    }
  }

  static void checkFraction(String option, double value, double maximum) {
    if (!(value >= 0 && value <= maximum)) {
      String upper = java.math.BigDecimal.valueOf(maximum).stripTrailingZeros().toPlainString();
      throw new IllegalArgumentException(option + " must be in [0, " + upper + "], got " + value);
    }
  }

  /** Returns the --lever-* options that the command line names or that differ from their defaults. */
  java.util.List<String> leverOptionsUsed(AddedPairTarget target) {
    boolean[] changed = {
      labelNeighbours != DistillSettings.DEFAULT_LABEL_NEIGHBOUR_CAP,
      labelThreshold != DistillSettings.DEFAULT_LABEL_THRESHOLD,
      topUp != DistillSettings.DEFAULT_DOCUMENT_TOP_UP_COUNT,
      documentThreshold != DistillSettings.DEFAULT_DOCUMENT_THRESHOLD,
      lambda != DistillSettings.DEFAULT_LAMBDA,
      target != AddedPairTarget.MIXED
    };
    java.util.List<String> used = new java.util.ArrayList<>();
    for (int i = 0; i < LEVER_OPTIONS.length; i++) {
      if (changed[i] || given(LEVER_OPTIONS[i])) {
        used.add(LEVER_OPTIONS[i]);
      }
    }
    return used;
  }


  /** Warns about a LEVER threshold given while its cap of 0 turns the pairs it would select off. */
  private void warnUnusedThresholds(DistillMode mode) {
    if (mode != DistillMode.LEVER) {
      return;
    }
    if (labelNeighbours == 0 && given("--lever-label-threshold")) {
      LOG.warn("--lever-label-threshold has no effect with --lever-label-neighbours 0: no label-to-label pairs are added");
    }
    if (topUp == 0 && given("--lever-document-threshold")) {
      LOG.warn("--lever-document-threshold has no effect with --lever-top-up 0: no teacher-nearest documents are added");
    }
  }

  /** The --lever-* options, in the order of {@link #leverOptionsUsed}. */
  private static final String[] LEVER_OPTIONS = {
    "--lever-label-neighbours", "--lever-label-threshold", "--lever-top-up", "--lever-document-threshold",
    "--lever-lambda", "--lever-added-target"
  };

  /** Returns whether the command line names {@code option}, even with its default value. */
  private boolean given(String option) {
    if (mixee == null || mixee.commandLine() == null) {
      return false;
    }
    CommandLine.ParseResult parsed = mixee.commandLine().getParseResult();
    return parsed != null && parsed.hasMatchedOption(option);
  }

  private static void checkCount(String option, int value, int maximum) {
    if (value < 0 || value > maximum) {
      throw new IllegalArgumentException(option + " must be in [0, " + maximum + "], got " + value);
    }
  }

  private static void checkScore(String option, float value) {
    if (!(value >= 0f && value <= 1f)) {
      throw new IllegalArgumentException(option + " must be a teacher score in [0, 1], got " + value);
    }
  }

  static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String option, String expected) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid " + option + " '" + value + "'; expected " + expected, e);
    }
  }
}
