package io.leverxc.cli;

import io.leverxc.ann.DotProducts;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.bench.HnswBenchSearcher;
import io.leverxc.bench.RowArraySearcher;
import io.leverxc.ann.TopK;
import io.leverxc.bench.HashedProjectionEncoder;
import io.leverxc.classifier.BagOfEmbeddings;
import io.leverxc.classifier.FusionTuner;
import io.leverxc.classifier.OvaSettings;
import io.leverxc.classifier.OvaTrainer;
import io.leverxc.classifier.Propensities;
import io.leverxc.classifier.RankingQuality;
import io.leverxc.classifier.TuningObjective;
import io.leverxc.classifier.ValidationSplit;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.XcDataset;
import io.leverxc.distill.AugmentedTrainingSet;
import io.leverxc.distill.DistillMode;
import io.leverxc.distill.DistillSettings;
import io.leverxc.distill.LeverAugmenter;
import io.leverxc.model.FusedScorer;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.vector.DenseMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench ova}: trains OvA classifiers with each distillation mode on one data set and
 * prints P@1, PSP@5 and C@5 on its test split for the teacher alone, the classifiers alone and the
 * fused scorer. Fusion is tuned on a validation split carved from train.
 */
@Command(
    name = "ova",
    mixinStandardHelpOptions = true,
    header = "Compare one-vs-all classifiers trained with --distill none, labels and lever.",
    description = "Train OvA classifiers with --distill none, labels and lever and compare them on the test split.")
public final class OvaBenchCommand implements Runnable {
  @CommandLine.Mixin JsonTextOption jsonText;

  @Option(names = "--data", paramLabel = "DIR", required = true, description = "Data set folder in the XC LF layout.")
  Path data;

  @Option(names = "--distill", paramLabel = "MODE[,MODE...]", split = ",", defaultValue = "NONE,LABELS,LEVER",
      description = "Distillation modes to compare, comma-separated (default: ${DEFAULT-VALUE}).")
  List<DistillMode> modes;

  @Option(names = {"--dimension", "--dim"}, paramLabel = "N", defaultValue = "128", description = "Stand-in embedding dimension (default: ${DEFAULT-VALUE}).")
  int dimension;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "OvA training epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "0.5", description = "Initial SGD learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Training threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--top-up", paramLabel = "N", defaultValue = "5",
      description = "LEVER tail top-up target count per label, 0 turns it off (default: ${DEFAULT-VALUE}).")
  int topUp;

  @Option(names = "--mix-ground-truth",
      description = "Under LEVER, give ground-truth pairs the target λ + (1 − λ) · p̂ instead of 1.")
  boolean mixGroundTruth;

  @Option(names = "--validation-fraction", paramLabel = "FRACTION", defaultValue = "0.05",
      description = "Share of train held out to tune fusion (default: ${DEFAULT-VALUE}).")
  double validationFraction;

  @Option(names = "--encoder-learning-rate", paramLabel = "RATE", defaultValue = "0",
      description = "Step size for fine-tuning the stand-in encoder's word table jointly; 0 keeps it fixed (default: ${DEFAULT-VALUE}).")
  float encoderLearningRate;

  @Option(names = "--hnsw", description = "Search with hnswlib graphs instead of exact search.")
  boolean hnsw;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the split, the encoder and training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public void run() {
    long start = System.nanoTime();
    // Checked before the data loads, so that a bad value costs nothing.
    if (dimension < 1) {
      throw new IllegalArgumentException("--dimension must be at least 1, got " + dimension);
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
    }
    if (!(learningRate > 0f && Float.isFinite(learningRate))) {
      throw new IllegalArgumentException("--learning-rate must be a positive number, got " + learningRate);
    }
    if (topUp < 0) {
      throw new IllegalArgumentException("--top-up must be at least 0, got " + topUp);
    }
    TrainingOptions.checkThreads(threads);
    XcDataset dataset = jsonText.load(data);
    if (!dataset.hasTest()) {
      throw new IllegalArgumentException(data + " has no test split (tst_X.txt with tst_X_Y.txt, or tst.json), on"
          + " which this benchmark scores the classifiers");
    }
    List<String> corpus = new ArrayList<>(dataset.trainTexts());
    corpus.addAll(dataset.labelTexts());
    HashedProjectionEncoder encoder = new HashedProjectionEncoder(corpus, dimension, seed);
    LabelMatrix trainFeatures = encoder.features(dataset.trainTexts());
    LabelMatrix testFeatures = encoder.features(dataset.testTexts());
    LabelMatrix labelFeatures = encoder.features(dataset.labelTexts());
    DenseMatrix trainEmbeddings = BagOfEmbeddings.encodeAll(trainFeatures, encoder.table());
    DenseMatrix testEmbeddings = BagOfEmbeddings.encodeAll(testFeatures, encoder.table());
    DenseMatrix labelEmbeddings = BagOfEmbeddings.encodeAll(labelFeatures, encoder.table());
    System.out.printf("Encoded %d train, %d test documents and %d labels in %d dimensions in %.1f s%n",
        trainEmbeddings.rows(), testEmbeddings.rows(), labelEmbeddings.rows(), dimension, seconds(start));

    ValidationSplit split = ValidationSplit.carve(trainEmbeddings.rows(), validationFraction, seed);
    DenseMatrix fitEmbeddings = ValidationSplit.select(trainEmbeddings, split.trainRows());
    LabelMatrix fitLabels = ValidationSplit.select(dataset.trainLabels(), split.trainRows());
    DenseMatrix validationEmbeddings = ValidationSplit.select(trainEmbeddings, split.validationRows());
    LabelMatrix validationLabels = ValidationSplit.select(dataset.trainLabels(), split.validationRows());
    LabelMatrix fitFeatures = ValidationSplit.select(trainFeatures, split.trainRows());
    LabelMatrix validationFeatures = ValidationSplit.select(trainFeatures, split.validationRows());
    float[] inversePropensities =
        Propensities.inverse(dataset.trainLabels(), Propensities.DEFAULT_A, Propensities.DEFAULT_B);
    Function<DenseMatrix, VectorSearcher> searcherFactory =
        hnsw ? vectors -> new HnswBenchSearcher(vectors, threads) : RowArraySearcher::new;
    VectorSearcher labelSearcher = searcherFactory.apply(labelEmbeddings);
    VectorSearcher documentSearcher = searcherFactory.apply(fitEmbeddings);

    // Deep enough that K labels remain after the filter pairs of any test document are dropped.
    int depth = RankingQuality.K + dataset.testFilter().maxPerDocument();
    System.out.printf("%-22s %8s %8s %8s %10s%n", "model", "P@1", "PSP@5", "C@5", "train s");
    RankingQuality teacher = evaluate(dataset, testEmbeddings, inversePropensities,
        embedding -> labelSearcher.search(embedding, depth).ids());
    printRow("teacher (stand-in)", teacher, 0);

    for (DistillMode mode : modes) {
      long trainStart = System.nanoTime();
      DistillSettings distill = DistillSettings.defaults(mode).withDocumentTopUpCount(topUp)
          .withMixGroundTruth(mixGroundTruth);
      AugmentedTrainingSet augmented = new LeverAugmenter(distill)
          .augment(fitLabels, fitEmbeddings, labelEmbeddings, labelSearcher, documentSearcher);
      OvaSettings settings = OvaSettings.defaults(threads).withSchedule(epochs, learningRate).withThreads(threads, seed)
          .withEncoderLearningRate(encoderLearningRate);
      OvaTrainer trainer = new OvaTrainer(settings, searcherFactory);
      OvaClassifiers classifiers;
      DenseMatrix modeLabelEmbeddings = labelEmbeddings;
      DenseMatrix modeTestEmbeddings = testEmbeddings;
      DenseMatrix modeValidationEmbeddings = validationEmbeddings;
      VectorSearcher modeLabelSearcher = labelSearcher;
      if (encoderLearningRate > 0) {
        // The encoder embeds the fit documents and then, for the appended rows, the label texts.
        DenseMatrix table = encoder.table().copy();
        LabelMatrix rowFeatures = mode == DistillMode.NONE ? fitFeatures : stack(fitFeatures, labelFeatures);
        classifiers = trainer.train(new BagOfEmbeddings(rowFeatures, table), augmented.targets(), labelEmbeddings,
            labelSearcher);
        modeLabelEmbeddings = BagOfEmbeddings.encodeAll(labelFeatures, table);
        modeTestEmbeddings = BagOfEmbeddings.encodeAll(testFeatures, table);
        modeValidationEmbeddings = BagOfEmbeddings.encodeAll(validationFeatures, table);
        modeLabelSearcher = searcherFactory.apply(modeLabelEmbeddings);
      } else {
        classifiers = trainer.train(augmented.inputs(fitEmbeddings), augmented.targets(), labelEmbeddings, labelSearcher);
      }
      VectorSearcher classifierSearcher = searcherFactory.apply(classifiers.weights());
      FusedScorer scorer = new FusedScorer(classifiers, modeLabelEmbeddings, classifierSearcher,
          modeLabelSearcher, FusionSettings.defaults());
      FusionTuner.Result tuned = new FusionTuner(TuningObjective.BALANCED, inversePropensities)
          .tune(scorer, modeValidationEmbeddings, validationLabels);
      double trainSeconds = seconds(trainStart);
      FusedScorer fused = new FusedScorer(classifiers, modeLabelEmbeddings, classifierSearcher,
          modeLabelSearcher, tuned.settings());

      RankingQuality classifierOnly = evaluate(dataset, modeTestEmbeddings, inversePropensities,
          embedding -> topLogits(classifiers, embedding, depth));
      printRow("OvA " + mode.name().toLowerCase(), classifierOnly, trainSeconds);
      RankingQuality fusedQuality = evaluate(dataset, modeTestEmbeddings, inversePropensities,
          embedding -> fused.topK(embedding, depth).ids());
      printRow("fused " + mode.name().toLowerCase(), fusedQuality, trainSeconds);
      System.out.printf("  pairs added: %d label-to-label, %d tail document; fusion %s%n",
          augmented.labelPairsAdded(), augmented.documentPairsAdded(), tuned.settings().toMap());
    }
  }

  private static LabelMatrix stack(LabelMatrix top, LabelMatrix bottom) {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(top.columns());
    for (LabelMatrix part : List.of(top, bottom)) {
      for (int row = 0; row < part.rows(); row++) {
        builder.addRow(part.row(row).indices(), part.row(row).values(), part.rowSize(row));
      }
    }
    return builder.build();
  }

  private static int[] topLogits(OvaClassifiers classifiers, float[] embedding, int k) {
    TopK top = new TopK(k);
    for (int label = 0; label < classifiers.labelCount(); label++) {
      top.offer(label, DotProducts.dot(classifiers.weights().data(), classifiers.weights().offset(label),
          embedding, 0, embedding.length) + classifiers.biases()[label]);
    }
    return top.toNeighbors().ids();
  }

  // Ranks every test document, drops the filtered pairs and scores the top 5.
  private static RankingQuality evaluate(XcDataset dataset, DenseMatrix testEmbeddings, float[] inversePropensities,
      Function<float[], int[]> ranker) {
    RankingQuality quality = new RankingQuality(dataset.testLabels(), inversePropensities);
    FilterPairs filter = dataset.testFilter();
    int documents = testEmbeddings.rows();
    int[][] rankings = new int[documents][];
    java.util.stream.IntStream.range(0, documents).parallel()
        .forEach(row -> rankings[row] = ranker.apply(testEmbeddings.row(row)));
    for (int row = 0; row < documents; row++) {
      int[] kept = new int[rankings[row].length];
      int count = 0;
      for (int label : rankings[row]) {
        if (!filter.contains(row, label)) {
          kept[count++] = label;
        }
      }
      quality.add(row, kept, count);
    }
    return quality;
  }

  private static void printRow(String name, RankingQuality quality, double trainSeconds) {
    System.out.printf("%-22s %8.2f %8.2f %8.2f %10.1f%n", name, 100 * quality.precisionAt1(),
        100 * quality.pspAt5(), 100 * quality.coverageAt5(), trainSeconds);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
