package io.leverxc.cli;

import io.leverxc.classifier.ValidationSplit;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.XcDataset;
import io.leverxc.eval.Evaluation;
import io.leverxc.eval.EvaluationResult;
import io.leverxc.eval.Propensity;
import io.leverxc.eval.PropensityConstants;
import io.leverxc.teacher.LabelTextBaseline;
import io.leverxc.teacher.PairFilter;
import io.leverxc.teacher.TeacherEvaluation;
import io.leverxc.teacher.TeacherSettings;
import io.leverxc.teacher.TeacherTrainer;
import io.leverxc.teacher.TrainedTeacher;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import io.leverxc.vector.SparseVector;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench teacher}: trains the Siamese teacher on a data set and prints its training
 * throughput and, side by side with the TF-IDF nearest-label-text baseline, its P@1, P@5, PSP@5
 * and C@5 on the test split or on a validation split carved from train.
 */
@Command(
    name = "teacher",
    mixinStandardHelpOptions = true,
    header = "Train the Siamese teacher and print its speed and ranking quality.",
    description =
        "Train the Siamese teacher on a data set and print training throughput and teacher-only ranking "
            + "quality next to the TF-IDF nearest-label-text baseline.")
public final class TeacherBenchCommand implements Runnable {
  private static final int TOP_K = 5;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin JsonTextOption jsonText;

  @Option(names = "--data", paramLabel = "DIR", description = "Data set folder in the XC LF layout (default: ${DEFAULT-VALUE}).",
      defaultValue = "data/LF-WordNetHierarchy-15K")
  Path data;

  @Option(names = "--split", paramLabel = "SPLIT", description = "Documents to score: 'test', or 'validation' to hold out part of train"
      + " and train on the rest (default: ${DEFAULT-VALUE}).", defaultValue = "test")
  String split;

  @Option(names = "--validation-fraction", paramLabel = "FRACTION", description = "Share of train documents held out by --split validation"
      + " (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
  double validationFraction;

  @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: " + TeacherSettings.DEFAULT_EPOCHS + ").")
  Integer epochs;

  @Option(names = {"--dimension", "--dim"}, paramLabel = "N", description = "Embedding dimension (default: " + TeacherSettings.DEFAULT_DIMENSION + ").")
  Integer dimension;

  @Option(names = "--batch-size", paramLabel = "N", description = "Labels per batch (default: " + TeacherSettings.DEFAULT_BATCH_SIZE + ").")
  Integer batchSize;

  @Option(names = "--learning-rate", paramLabel = "RATE", description = "Adagrad base step size (default: " + TeacherSettings.DEFAULT_LEARNING_RATE + ").")
  Float learningRate;

  @Option(names = "--negatives", paramLabel = "N", description = "Hard negatives per label (default: " + TeacherSettings.DEFAULT_NEGATIVES + ").")
  Integer negatives;

  @Option(names = "--margin", paramLabel = "MARGIN", description = "Triplet margin on cosines (default: " + TeacherSettings.DEFAULT_MARGIN + ").")
  Float margin;

  @Option(names = "--cluster-size", paramLabel = "N", description = "Labels per curriculum cluster (default: " + TeacherSettings.DEFAULT_CLUSTER_SIZE + ").")
  Integer clusterSize;

  @Option(names = "--cluster-start", paramLabel = "EPOCH", description = "First clustered epoch, 0-based (default: " + TeacherSettings.DEFAULT_CLUSTER_START_EPOCH + ").")
  Integer clusterStart;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
  Integer threads;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Option(names = "--no-evaluate", description = "Only train and print throughput.")
  boolean noEvaluate;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    TeacherSettings settings = settings();
    if (!split.equals("test") && !split.equals("validation")) {
      throw new IllegalArgumentException("--split must be 'test' or 'validation', got '" + split + "'");
    }
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("--validation-fraction must be in (0, 1), got " + validationFraction);
    }

    long start = System.nanoTime();
    XcDataset dataset = jsonText.load(data);
    List<String> fitTexts = new ArrayList<>(dataset.trainTexts());
    fitTexts.addAll(dataset.labelTexts());
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(FeatureSettings.defaults(), fitTexts, settings.threads());
    List<SparseVector> trainFeatures = featurize(featurizer, dataset.trainTexts());
    List<SparseVector> labelFeatures = featurize(featurizer, dataset.labelTexts());
    out.printf(Locale.ROOT, "data: %s, %d train documents, %d labels, %d features, %.1f features per document,"
            + " %.1f per label (loaded and featurized in %.1f s)%n",
        data, trainFeatures.size(), labelFeatures.size(), featurizer.dimension(), meanSize(trainFeatures),
        meanSize(labelFeatures), seconds(start));

    Split chosen = split.equals("test")
        ? testSplit(dataset, featurizer, trainFeatures)
        : validationSplit(dataset, trainFeatures);

    double cpuStart = processCpuSeconds();
    TrainedTeacher trained = new TeacherTrainer(settings)
        .fit(chosen.trainFeatures, chosen.trainLabels, labelFeatures, featurizer.dimension(), null);
    double cpuSeconds = processCpuSeconds() - cpuStart;
    long examples = trained.examples();
    out.printf(Locale.ROOT, "teacher training: %d epochs, %d labels per epoch, %.1f s on %d threads:"
            + " %.0f labels/s, %.0f labels/s per thread; %.1f CPU s, %.0f labels per CPU second%n",
        settings.epochs(), examples / settings.epochs(), trained.trainingSeconds(), settings.threads(),
        examples / trained.trainingSeconds(), trained.examplesPerSecondPerThread(), cpuSeconds,
        examples / cpuSeconds);
    if (noEvaluate) {
      return;
    }

    Propensity propensity = Propensity.fromTrainLabels(chosen.trainLabels, PropensityConstants.DEFAULT);
    TeacherEvaluation evaluation =
        new TeacherEvaluation(chosen.documents, chosen.truth, chosen.filter, propensity);
    EvaluationResult teacher = evaluation.evaluate(trained.encoder(), labelFeatures, settings.threads());
    int[][] baselinePredictions = new LabelTextBaseline(labelFeatures, featurizer.dimension())
        .predict(chosen.documents, TOP_K, chosen.filter, settings.threads());
    EvaluationResult baseline = Evaluation.evaluate(
        chosen.truth, baselinePredictions, propensity, FilterPairs.none(), Evaluation.DEFAULT_KS);

    out.printf(Locale.ROOT, "split: %s, %d documents, %s, propensity A=%.2f B=%.2f%n",
        split, chosen.documents.size(), chosen.filterDescription, propensity.constants().a(),
        propensity.constants().b());
    out.printf(Locale.ROOT, "%-12s %7s %7s %7s %7s%n", "scorer", "P@1", "P@5", "PSP@5", "C@5");
    printRow(out, "tfidf-label", baseline);
    printRow(out, "teacher", teacher);
  }

  /** The option of each teacher setting, for errors that name the setting. */
  private static final java.util.Map<String, String> OPTION_OF_SETTING = java.util.Map.of(
      "dimension", "--dimension",
      "epochs", "--epochs",
      "batchSize", "--batch-size",
      "negativesPerRow", "--negatives",
      "clusterSize", "--cluster-size",
      "clusterStartEpoch", "--cluster-start",
      "threads", "--threads",
      "learningRate", "--learning-rate",
      "margin", "--margin");

  /** Returns the teacher settings of the options, with errors that name the options. */
  private TeacherSettings settings() {
    try {
      return applied();
    } catch (IllegalArgumentException e) {
      throw SettingErrors.withOptionName(e, OPTION_OF_SETTING);
    }
  }

  private TeacherSettings applied() {
    TeacherSettings.Builder builder = TeacherSettings.builder().seed(seed);
    if (epochs != null) {
      builder.epochs(epochs);
    }
    if (dimension != null) {
      builder.dimension(dimension);
    }
    if (batchSize != null) {
      builder.batchSize(batchSize);
    }
    if (learningRate != null) {
      builder.learningRate(learningRate);
    }
    if (negatives != null) {
      builder.negativesPerRow(negatives);
    }
    if (margin != null) {
      builder.margin(margin);
    }
    if (clusterSize != null) {
      builder.clusterSize(clusterSize);
    }
    if (clusterStart != null) {
      builder.clusterStartEpoch(clusterStart);
    }
    if (threads != null) {
      builder.threads(threads);
    }
    return builder.build();
  }

  /**
   * Training rows, the documents to score with their truth, and the filter in their row ids, with
   * the words that describe it in the printed header.
   */
  private record Split(
      List<SparseVector> trainFeatures, LabelMatrix trainLabels, List<SparseVector> documents, LabelMatrix truth,
      PairFilter filter, String filterDescription) {}

  private Split testSplit(XcDataset dataset, TfidfFeaturizer featurizer, List<SparseVector> trainFeatures) {
    if (!dataset.hasTest()) {
      throw new IllegalArgumentException(dataset.directory() + " has no test split; use --split validation");
    }
    FilterPairs filter = dataset.testFilter();
    return new Split(trainFeatures, dataset.trainLabels(), featurize(featurizer, dataset.testTexts()),
        dataset.testLabels(), filter::contains,
        filter.size() == 0 ? "no filter pairs" : filter.size() + " filter pairs removed");
  }

  // Holds out the rows lever train holds out with the same fraction and seed; the train filter is
  // mapped to held-out row ids.
  private Split validationSplit(XcDataset dataset, List<SparseVector> trainFeatures) {
    LabelMatrix labels = dataset.trainLabels();
    ValidationSplit split = ValidationSplit.carve(labels.rows(), validationFraction, seed);
    int[] heldOutRows = split.validationRows();
    FilterPairs trainFilter = dataset.trainFilter();
    PairFilter filter = (document, label) -> trainFilter.contains(heldOutRows[document], label);
    return new Split(
        ValidationSplit.select(trainFeatures, split.trainRows()), ValidationSplit.select(labels, split.trainRows()),
        ValidationSplit.select(trainFeatures, heldOutRows), ValidationSplit.select(labels, heldOutRows), filter,
        trainFilter.size() == 0 ? "no filter pairs" : "the held-out rows' training filter pairs removed");
  }

  // Featurises on --threads threads (all processors when not given), as the training does.
  private List<SparseVector> featurize(TfidfFeaturizer featurizer, List<String> texts) {
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(workers);
    try {
      return pool.submit(() -> texts.parallelStream().map(featurizer::features).toList()).join();
    } finally {
      pool.shutdown();
    }
  }

  private static double meanSize(List<SparseVector> vectors) {
    return vectors.stream().mapToInt(SparseVector::size).average().orElse(0);
  }

  private static void printRow(PrintWriter out, String name, EvaluationResult result) {
    out.printf(Locale.ROOT, "%-12s %7.2f %7.2f %7.2f %7.2f%n", name, 100 * result.metric("P@1"),
        100 * result.metric("P@5"), 100 * result.metric("PSP@5"), 100 * result.metric("C@5"));
  }

  // Returns the CPU time of the whole process, which gives a per-core figure even on a machine
  // shared with other jobs. It includes JIT and garbage collection threads.
  private static double processCpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
