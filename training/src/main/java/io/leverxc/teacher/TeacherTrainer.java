package io.leverxc.teacher;

import io.leverxc.data.LabelMatrix;
import io.leverxc.eval.EvaluationResult;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.parallel.RemainingTime;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the Siamese teacher, an {@link EmbeddingBagEncoder} shared by documents and labels.
 *
 * <p>Batches are made of labels, not documents, so tail labels are seen as often as head labels:
 * every epoch each trainable label is one batch row, paired with one positive drawn afresh (see
 * {@link LabelBatchSampler}). The other rows' positives are the in-batch negatives, the hardest
 * few per row enter a triplet margin loss ({@link TripletLoss}), and after a few random epochs the
 * batches are built from clusters of similar labels ({@link ClusteringCurriculum}). This is the
 * recipe of LEVER's label-wise teacher, which borrows NGAME's negative mining, with a
 * bag-of-features encoder in place of a transformer.
 *
 * <p>Optimiser: row-wise Adagrad on the table and Adagrad on the residual block, with a linear
 * warm-up and a linear decay to zero, and gradient clipping ({@link AdagradOptimizer}). With one
 * thread and a fixed seed two runs give bit-identical encoders; with more threads table updates
 * race without locks (Hogwild) and runs differ slightly.
 */
public final class TeacherTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(TeacherTrainer.class);
  private static final double MEBIBYTE = 1024.0 * 1024.0;

  private final TeacherSettings settings;

  public TeacherTrainer(TeacherSettings settings) {
    this.settings = settings;
  }

  public TeacherSettings settings() {
    return settings;
  }

  /**
   * Trains an encoder without validation; see {@link #fit}.
   *
   * @throws IllegalArgumentException if the inputs disagree in size or a feature index is not
   *     below {@code featureDimension}
   */
  public EmbeddingBagEncoder train(
      List<SparseVector> documentFeatures,
      LabelMatrix trainLabels,
      List<SparseVector> labelFeatures,
      int featureDimension) {
    return fit(documentFeatures, trainLabels, labelFeatures, featureDimension, null).encoder();
  }

  /**
   * Trains an encoder and returns it with the per-epoch statistics.
   *
   * @param documentFeatures TF-IDF features of the training documents, one per row of {@code trainLabels}
   * @param trainLabels training documents × labels
   * @param labelFeatures TF-IDF features of every label's text, one per label id
   * @param featureDimension number of text features; every feature index must be below it
   * @param validation documents scored every {@code validationEvery} epochs and after the last, or null
   * @throws IllegalArgumentException if the inputs disagree in size, a feature index is not below
   *     {@code featureDimension}, or no label has both a non-empty text and a positive
   */
  public TrainedTeacher fit(
      List<SparseVector> documentFeatures,
      LabelMatrix trainLabels,
      List<SparseVector> labelFeatures,
      int featureDimension,
      TeacherEvaluation validation) {
    return fit(documentFeatures, trainLabels, labelFeatures, featureDimension, validation, null);
  }

  /**
   * Trains an encoder that starts from a copy of {@code start} instead of a random one, for
   * example to continue training a model on new data. {@code start} itself is not changed. The
   * optimiser state and the step-size schedule (warm-up, then decay) start afresh.
   *
   * @param start encoder whose parameters are the starting point, or null for a random start
   * @throws IllegalArgumentException as {@link #fit(List, LabelMatrix, List, int, TeacherEvaluation)},
   *     or if {@code start} has another feature dimension or embedding dimension than the inputs
   *     and the settings
   */
  public TrainedTeacher fit(
      List<SparseVector> documentFeatures,
      LabelMatrix trainLabels,
      List<SparseVector> labelFeatures,
      int featureDimension,
      TeacherEvaluation validation,
      EmbeddingBagEncoder start) {
    checkInputs(documentFeatures, trainLabels, labelFeatures, featureDimension);
    checkStart(start, featureDimension, settings.dimension());
    if (validation != null && validation.truth().columns() != labelFeatures.size()) {
      throw new IllegalArgumentException(
          "validation labels have " + validation.truth().columns() + " columns, the label space has "
              + labelFeatures.size());
    }
    SplittableRandom random = new SplittableRandom(settings.seed());
    EmbeddingBagEncoder encoder =
        start == null ? initialEncoder(featureDimension, settings.dimension(), random) : copyOf(start);
    LabelBatchSampler sampler =
        new LabelBatchSampler(documentFeatures, trainLabels, labelFeatures, settings.labelTextAsDocument());
    int[] trainable = sampler.trainableLabels();
    if (trainable.length < 2) {
      throw new IllegalArgumentException(tooFewLabelsMessage(trainable.length, documentFeatures, trainLabels, labelFeatures));
    }

    try (RangeWorkers parallel = new RangeWorkers(settings.threads(), "teacher-train")) {
      AdagradOptimizer optimizer = new AdagradOptimizer(encoder);
      TeacherBatchStep step = new TeacherBatchStep(encoder, optimizer, sampler, settings, parallel);
      logStart(encoder, optimizer, step, trainable.length, labelFeatures.size());
      return runEpochs(encoder, sampler, step, parallel, random, trainable, labelFeatures, validation);
    }
  }

  private TrainedTeacher runEpochs(
      EmbeddingBagEncoder encoder,
      LabelBatchSampler sampler,
      TeacherBatchStep step,
      RangeWorkers parallel,
      SplittableRandom random,
      int[] trainable,
      List<SparseVector> labelFeatures,
      TeacherEvaluation validation) {
    int batchSize = settings.batchSize();
    int batchesPerEpoch = (trainable.length + batchSize - 1) / batchSize;
    long totalSteps = (long) batchesPerEpoch * settings.epochs();
    ClusteringCurriculum curriculum = new ClusteringCurriculum(trainable, labelFeatures, settings);
    int[] positives = new int[batchSize];
    int[] batchLabels = new int[batchSize];
    List<EpochStats> history = new ArrayList<>();
    double trainingSeconds = 0;
    long stepIndex = 0;

    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      long start = System.nanoTime();
      int[] order = curriculum.epochOrder(epoch, encoder, parallel, random);
      double lossSum = 0;
      long violations = 0;
      long triplets = 0;
      for (int from = 0; from < order.length; from += batchSize) {
        int size = Math.min(batchSize, order.length - from);
        for (int row = 0; row < size; row++) {
          batchLabels[row] = order[from + row];
          positives[row] = sampler.drawPositive(batchLabels[row], random);
        }
        TripletLoss.Result result = step.run(batchLabels, positives, size, stepSize(stepIndex++, totalSteps));
        lossSum += result.lossSum();
        violations += result.violations();
        triplets += result.triplets();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      trainingSeconds += seconds;

      EvaluationResult scores = null;
      boolean last = epoch == settings.epochs() - 1;
      if (validation != null && ((epoch + 1) % settings.validationEvery() == 0 || last)) {
        scores = validate(encoder, labelFeatures, validation, parallel);
      }
      EpochStats stats = new EpochStats(
          epoch + 1, lossSum / order.length, triplets == 0 ? 0 : violations / (double) triplets, seconds,
          order.length, scores);
      history.add(stats);
      logEpoch(stats, trainingSeconds);
    }
    LOG.info(
        "Teacher trained: {} epochs in {} s, {} labels/s per thread",
        settings.epochs(),
        format(trainingSeconds),
        format(history.stream().mapToLong(EpochStats::examples).sum() / trainingSeconds / settings.threads()));
    return new TrainedTeacher(encoder, List.copyOf(history), trainingSeconds, settings.threads());
  }

  // Linear warm-up over warmupSteps, then linear decay that reaches zero after the last step.
  private float stepSize(long step, long totalSteps) {
    double warmup = Math.min(1.0, (step + 1.0) / (settings.warmupSteps() + 1.0));
    double decay = (double) (totalSteps - step) / totalSteps;
    return (float) (settings.learningRate() * warmup * decay);
  }

  private static EvaluationResult validate(
      EmbeddingBagEncoder encoder, List<SparseVector> labelFeatures, TeacherEvaluation validation, RangeWorkers parallel) {
    DenseMatrix labelEmbeddings = TeacherEmbeddings.encodeAll(encoder, labelFeatures, parallel);
    return validation.evaluate(encoder, labelEmbeddings, parallel);
  }

  /**
   * Returns an encoder with table entries drawn uniformly from ±√(3/dimension) and a zero
   * residual block. Each row then has an expected squared norm of 1, and the encoder starts as a
   * random projection of the TF-IDF vector, whose cosines approximate the TF-IDF cosines.
   */
  static EmbeddingBagEncoder initialEncoder(int featureDimension, int dimension, SplittableRandom random) {
    DenseMatrix table = new DenseMatrix(featureDimension, dimension);
    float bound = (float) Math.sqrt(3.0 / dimension);
    float[] data = table.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    return new EmbeddingBagEncoder(table, new DenseMatrix(dimension, dimension), new DenseMatrix(1, dimension));
  }

  private static EmbeddingBagEncoder copyOf(EmbeddingBagEncoder encoder) {
    return new EmbeddingBagEncoder(
        encoder.embeddings().copy(), encoder.blockWeights().copy(), encoder.blockBias().copy());
  }

  /**
   * Returns the error message for fewer than two trainable labels, with the counts of labels that lack
   * text features and of labels that lack a training document with features.
   */
  private String tooFewLabelsMessage(
      int trainable, List<SparseVector> documentFeatures, LabelMatrix trainLabels, List<SparseVector> labelFeatures) {
    int withoutFeatures = 0;
    for (SparseVector label : labelFeatures) {
      if (label.isEmpty()) {
        withoutFeatures++;
      }
    }
    boolean[] hasDocument = new boolean[labelFeatures.size()];
    for (int row = 0; row < trainLabels.rows(); row++) {
      if (!documentFeatures.get(row).isEmpty()) {
        for (int p = trainLabels.rowStart(row); p < trainLabels.rowEnd(row); p++) {
          hasDocument[trainLabels.label(p)] = true;
        }
      }
    }
    int withoutDocuments = 0;
    for (boolean has : hasDocument) {
      if (!has) {
        withoutDocuments++;
      }
    }
    // A label's own text is a positive when labelTextAsDocument is set, so then a document is optional.
    String documents = settings.labelTextAsDocument()
        ? ""
        : ", and " + withoutDocuments + " labels have no training document with text features";
    return "only " + trainable + " of " + labelFeatures.size() + " labels can train the teacher, which needs at"
        + " least 2 to draw negatives from: " + withoutFeatures + " label texts have no text features" + documents
        + ". A text has no features"
        + " when none of its words is in the vocabulary fitted on the training and label texts, which drops"
        + " rare words; check that the label texts (Y.txt, or the titles in lbl.json) are the labels' names and share words"
        + " with the documents";
  }

  private static void checkStart(EmbeddingBagEncoder start, int featureDimension, int dimension) {
    if (start == null) {
      return;
    }
    if (start.featureDimension() != featureDimension || start.dimension() != dimension) {
      throw new IllegalArgumentException(
          "the starting encoder has " + start.featureDimension() + " features and dimension "
              + start.dimension() + ", expected " + featureDimension + " features and dimension " + dimension);
    }
  }

  private static void checkInputs(
      List<SparseVector> documentFeatures, LabelMatrix trainLabels, List<SparseVector> labelFeatures, int featureDimension) {
    if (documentFeatures.size() != trainLabels.rows()) {
      throw new IllegalArgumentException(
          documentFeatures.size() + " document feature vectors but " + trainLabels.rows() + " label rows");
    }
    if (labelFeatures.size() != trainLabels.columns()) {
      throw new IllegalArgumentException(
          labelFeatures.size() + " label feature vectors but the label matrix has " + trainLabels.columns()
              + " labels");
    }
    if (featureDimension < 1) {
      throw new IllegalArgumentException("featureDimension must be positive, got " + featureDimension);
    }
    checkFeatureIndices("document", documentFeatures, featureDimension);
    checkFeatureIndices("label", labelFeatures, featureDimension);
  }

  private static void checkFeatureIndices(String kind, List<SparseVector> vectors, int featureDimension) {
    for (int row = 0; row < vectors.size(); row++) {
      SparseVector vector = vectors.get(row);
      if (!vector.isEmpty() && vector.index(vector.size() - 1) >= featureDimension) {
        throw new IllegalArgumentException(
            kind + " " + row + " has feature index " + vector.index(vector.size() - 1)
                + ", not below featureDimension " + featureDimension);
      }
    }
  }

  private void logStart(
      EmbeddingBagEncoder encoder, AdagradOptimizer optimizer, TeacherBatchStep step, int trainable, int labels) {
    long tableBytes = (long) encoder.featureDimension() * encoder.dimension() * Float.BYTES;
    long blockBytes = ((long) encoder.dimension() * encoder.dimension() + encoder.dimension()) * Float.BYTES;
    LOG.info(
        "Training the teacher on {} of {} labels with {} threads: embedding table {} MiB ({} features x {}),"
            + " residual block {} MiB, optimiser state {} MiB, batch buffers {} MiB",
        trainable,
        labels,
        settings.threads(),
        format(tableBytes / MEBIBYTE),
        encoder.featureDimension(),
        encoder.dimension(),
        format(blockBytes / MEBIBYTE),
        format(optimizer.stateBytes() / MEBIBYTE),
        format(step.bufferBytes() / MEBIBYTE));
    LOG.info("Teacher settings: {}", settings.toMap());
  }

  private void logEpoch(EpochStats stats, double secondsSoFar) {
    String line = String.format(
        Locale.ROOT,
        "Epoch %d/%d: loss %.4f, violating triplets %.1f%%, %.1f s, %.0f labels/s, %s",
        stats.epoch(),
        settings.epochs(),
        stats.meanLoss(),
        100 * stats.violatingShare(),
        stats.seconds(),
        stats.examples() / stats.seconds(),
        RemainingTime.describe(secondsSoFar, stats.epoch(), settings.epochs()));
    if (stats.validation() != null) {
      EvaluationResult v = stats.validation();
      line += String.format(
          Locale.ROOT,
          "; validation P@1 %.2f, P@5 %.2f, PSP@5 %.2f",
          100 * v.metric("P@1"),
          100 * v.metric("P@5"),
          100 * v.metric("PSP@5"));
    }
    LOG.info(line);
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
