package io.leverxc.classifier;

import io.leverxc.ann.ExactSearcher;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.DenseMatrix;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one weight vector and bias per label over fixed input embeddings with binary
 * cross-entropy on soft targets.
 *
 * <p>Each row's loss covers its stored target labels, its hard negatives and a few random
 * negatives. Hard negatives are the nearest labels under the label-embedding searcher (found
 * once) and under a searcher over the current classifier vectors (rebuilt after every
 * {@code refreshEvery} epochs). Training is plain SGD with a learning rate that falls linearly per
 * epoch. Weight vectors start from the labels' teacher embeddings, so a label without any
 * training row still scores like its embedding.
 *
 * <p>Several threads update the shared weights without locks (Hogwild-style), so only a
 * one-thread run is bit-identical across runs with the same seed.
 */
public final class OvaTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(OvaTrainer.class);

  private final OvaSettings settings;
  private final Function<DenseMatrix, VectorSearcher> classifierSearcherFactory;

  /** Creates a trainer that searches classifier vectors exactly. */
  public OvaTrainer(OvaSettings settings) {
    this(settings, ExactSearcher::new);
  }

  /**
   * @param classifierSearcherFactory builds a maximum inner product searcher over a snapshot of
   *     the weight matrix, called once per shortlist refresh
   */
  public OvaTrainer(OvaSettings settings, Function<DenseMatrix, VectorSearcher> classifierSearcherFactory) {
    this.settings = settings;
    this.classifierSearcherFactory = classifierSearcherFactory;
  }

  /** Trains with an exact searcher over {@code labelEmbeddings}. */
  public OvaClassifiers train(DenseMatrix inputs, LabelMatrix targets, DenseMatrix labelEmbeddings) {
    return train(inputs, targets, labelEmbeddings, new ExactSearcher(labelEmbeddings));
  }

  /**
   * Trains the classifiers over fixed input embeddings.
   *
   * @param inputs one input embedding per target row
   * @param targets rows × labels soft targets in [0, 1]; labels not stored have target 0
   * @param labelEmbeddings teacher embeddings of the labels, the starting weight vectors
   * @param labelSearcher searches {@code labelEmbeddings}, for the fixed hard negatives
   * @throws IllegalArgumentException if the shapes disagree or a target is outside [0, 1]
   */
  public OvaClassifiers train(
      DenseMatrix inputs, LabelMatrix targets, DenseMatrix labelEmbeddings, VectorSearcher labelSearcher) {
    checkShapes(inputs, targets, labelEmbeddings);
    return run(inputs, null, targets, labelEmbeddings, labelSearcher, null);
  }

  /**
   * Trains the classifiers over fixed input embeddings, starting from copies of the weight
   * vectors and biases of {@code start} instead of the scaled label embeddings, for example to
   * continue training a model on new data. {@code start} itself is not changed.
   *
   * @param start one weight vector and bias per label, of the inputs' dimension
   * @throws IllegalArgumentException if the shapes disagree or a target is outside [0, 1]
   */
  public OvaClassifiers train(
      DenseMatrix inputs,
      LabelMatrix targets,
      DenseMatrix labelEmbeddings,
      VectorSearcher labelSearcher,
      OvaClassifiers start) {
    checkShapes(inputs, targets, labelEmbeddings);
    if (start.labelCount() != targets.columns() || start.dimension() != inputs.columns()) {
      throw new IllegalArgumentException(
          "the starting classifiers have " + start.labelCount() + " labels of dimension " + start.dimension()
              + ", expected " + targets.columns() + " labels of dimension " + inputs.columns());
    }
    return run(inputs, null, targets, labelEmbeddings, labelSearcher, start);
  }

  /**
   * Trains the classifiers and the encoder together: every row is re-encoded when it is visited,
   * and the encoder takes a step with {@code encoderLearningRate} after the classifiers.
   *
   * @param encoder embeds every target row; its parameters are updated in place
   * @throws IllegalArgumentException if the shapes disagree or a target is outside [0, 1]
   */
  public OvaClassifiers train(
      TrainableEncoder encoder, LabelMatrix targets, DenseMatrix labelEmbeddings, VectorSearcher labelSearcher) {
    if (encoder.rows() != targets.rows()) {
      throw new IllegalArgumentException(
          "the encoder embeds " + encoder.rows() + " rows but there are " + targets.rows() + " target rows");
    }
    DenseMatrix inputs = encodeAll(encoder);
    checkShapes(inputs, targets, labelEmbeddings);
    return run(inputs, encoder, targets, labelEmbeddings, labelSearcher, null);
  }

  /**
   * Trains the classifiers and the encoder together, as {@link #train(TrainableEncoder, LabelMatrix,
   * DenseMatrix, VectorSearcher)} does, starting from copies of the weight vectors and biases of
   * {@code start}. {@code start} itself is not changed.
   *
   * @throws IllegalArgumentException if the shapes disagree or a target is outside [0, 1]
   */
  public OvaClassifiers train(
      TrainableEncoder encoder,
      LabelMatrix targets,
      DenseMatrix labelEmbeddings,
      VectorSearcher labelSearcher,
      OvaClassifiers start) {
    if (encoder.rows() != targets.rows()) {
      throw new IllegalArgumentException(
          "the encoder embeds " + encoder.rows() + " rows but there are " + targets.rows() + " target rows");
    }
    DenseMatrix inputs = encodeAll(encoder);
    checkShapes(inputs, targets, labelEmbeddings);
    if (start.labelCount() != targets.columns() || start.dimension() != inputs.columns()) {
      throw new IllegalArgumentException(
          "the starting classifiers have " + start.labelCount() + " labels of dimension " + start.dimension()
              + ", expected " + targets.columns() + " labels of dimension " + inputs.columns());
    }
    return run(inputs, encoder, targets, labelEmbeddings, labelSearcher, start);
  }

  /**
   * Trains the classifiers and the encoder together from {@code start}, as {@link
   * #train(TrainableEncoder, LabelMatrix, DenseMatrix, VectorSearcher, OvaClassifiers)} does, but
   * finds the label-embedding negatives with {@code labelSpaceQueries} instead of the encoder's
   * output. A warm start needs this when the encoder and the label embeddings no longer share a
   * space: the parent's classifier encoder was fine-tuned while a retrained teacher produced the
   * label embeddings, so querying one space with the other would return unrelated labels.
   *
   * @param labelSpaceQueries one embedding per target row in the space of {@code labelEmbeddings}
   * @throws IllegalArgumentException if the shapes disagree or a target is outside [0, 1]
   */
  public OvaClassifiers train(
      TrainableEncoder encoder,
      LabelMatrix targets,
      DenseMatrix labelEmbeddings,
      VectorSearcher labelSearcher,
      OvaClassifiers start,
      DenseMatrix labelSpaceQueries) {
    if (encoder.rows() != targets.rows()) {
      throw new IllegalArgumentException(
          "the encoder embeds " + encoder.rows() + " rows but there are " + targets.rows() + " target rows");
    }
    DenseMatrix inputs = encodeAll(encoder);
    checkShapes(inputs, targets, labelEmbeddings);
    checkShapes(labelSpaceQueries, targets, labelEmbeddings);
    if (start.labelCount() != targets.columns() || start.dimension() != inputs.columns()) {
      throw new IllegalArgumentException(
          "the starting classifiers have " + start.labelCount() + " labels of dimension " + start.dimension()
              + ", expected " + targets.columns() + " labels of dimension " + inputs.columns());
    }
    return run(inputs, labelSpaceQueries, encoder, targets, labelEmbeddings, labelSearcher, start);
  }

  private OvaClassifiers run(
      DenseMatrix startInputs,
      TrainableEncoder encoder,
      LabelMatrix targets,
      DenseMatrix labelEmbeddings,
      VectorSearcher labelSearcher,
      OvaClassifiers initial) {
    return run(startInputs, startInputs, encoder, targets, labelEmbeddings, labelSearcher, initial);
  }

  private OvaClassifiers run(
      DenseMatrix startInputs,
      DenseMatrix labelSpaceQueries,
      TrainableEncoder encoder,
      LabelMatrix targets,
      DenseMatrix labelEmbeddings,
      VectorSearcher labelSearcher,
      OvaClassifiers initial) {
    int labels = targets.columns();
    int dimension = startInputs.columns();
    int rows = startInputs.rows();
    long start = System.nanoTime();

    DenseMatrix weights;
    float[] biases;
    if (initial == null) {
      weights = labelEmbeddings.copy();
      float[] weightData = weights.data();
      for (int i = 0; i < weightData.length; i++) {
        weightData[i] *= settings.initialScale();
      }
      biases = new float[labels];
      Arrays.fill(biases, settings.initialBias());
    } else {
      weights = initial.weights().copy();
      biases = initial.biases().clone();
    }

    try (RangeWorkers workers = new RangeWorkers(settings.threads(), "lever-ova")) {
      // NOTE: with a trained encoder these negatives still come from the starting embeddings.
      NegativeShortlists embeddingNegatives =
          NegativeShortlists.search(labelSearcher, labelSpaceQueries, targets, settings.embeddingNegatives(), workers);
      LOG.info("Found {} label-embedding negatives for each of {} rows in {} ms",
          settings.embeddingNegatives(), rows, millisSince(start));
      NegativeShortlists classifierNegatives = NegativeShortlists.empty();
      RowUpdater[] updaters = new RowUpdater[settings.threads()];
      for (int t = 0; t < updaters.length; t++) {
        updaters[t] = new RowUpdater(weights, biases, startInputs, encoder, targets, settings);
      }

      long trainingStart = System.nanoTime();
      for (int epoch = 0; epoch < settings.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        // The weights start as scaled label embeddings with equal biases, so before the first
        // refresh the classifier-vector shortlist would repeat the label-embedding one.
        if (epoch > 0 && epoch % settings.refreshEvery() == 0 && settings.classifierNegatives() > 0) {
          DenseMatrix currentInputs = encoder == null ? startInputs : encodeAll(encoder, workers);
          VectorSearcher searcher = classifierSearcherFactory.apply(weights.copy());
          classifierNegatives = NegativeShortlists.search(
              searcher, currentInputs, targets, settings.classifierNegatives(), workers);
          LOG.info("Epoch {}: refreshed classifier-vector negatives in {} ms", epoch + 1, millisSince(epochStart));
        }
        float decay = 1f - (float) epoch / settings.epochs();
        float learningRate = settings.learningRate() * decay;
        float encoderLearningRate = settings.encoderLearningRate() * decay;
        int[] order = shuffledRows(rows, settings.seed(), epoch);
        double[] losses = new double[settings.threads()];
        int currentEpoch = epoch;
        NegativeShortlists hardFromClassifiers = classifierNegatives;
        workers.forEachRange(order.length, (worker, from, to) -> {
          RowUpdater updater = updaters[worker];
          double loss = 0;
          for (int i = from; i < to; i++) {
            int row = order[i];
            SplittableRandom random = new SplittableRandom(rowSeed(settings.seed(), currentEpoch, row));
            loss += updater.update(
                row, learningRate, encoderLearningRate, embeddingNegatives, hardFromClassifiers, random);
          }
          losses[worker] = loss;
        });
        double totalLoss = 0;
        for (double loss : losses) {
          totalLoss += loss;
        }
        LOG.info("Epoch {}/{}: mean loss per row {} at learning rate {}, {} ms, {}",
            epoch + 1, settings.epochs(), String.format(java.util.Locale.ROOT, "%.4f", totalLoss / rows),
            String.format(java.util.Locale.ROOT, "%.4g", learningRate), millisSince(epochStart),
            io.leverxc.parallel.RemainingTime.describe(millisSince(trainingStart) / 1e3, epoch + 1, settings.epochs()));
      }
    }
    LOG.info("Trained {} classifiers of dimension {} on {} rows{} in {} ms; peak heap {} MiB",
        labels, dimension, rows, encoder == null ? "" : " with the encoder", millisSince(start),
        peakHeapBytes() >> 20);
    return new OvaClassifiers(weights, biases);
  }

  /**
   * Returns the sum of the peak usage of every heap memory pool since the JVM started. The pools
   * peak at different moments, so the sum is an upper bound on the true peak.
   */
  private static long peakHeapBytes() {
    long total = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        total += pool.getPeakUsage().getUsed();
      }
    }
    return total;
  }

  /** Encodes every row on the workers. Each row writes only its own slots. */
  private static DenseMatrix encodeAll(TrainableEncoder encoder, RangeWorkers workers) {
    DenseMatrix embeddings = new DenseMatrix(encoder.rows(), encoder.dimension());
    workers.forEachRange(encoder.rows(), (worker, from, to) -> {
      float[] buffer = new float[encoder.dimension()];
      for (int row = from; row < to; row++) {
        encoder.encode(row, buffer);
        embeddings.setRow(row, buffer);
      }
    });
    return embeddings;
  }

  private static DenseMatrix encodeAll(TrainableEncoder encoder) {
    DenseMatrix embeddings = new DenseMatrix(encoder.rows(), encoder.dimension());
    float[] buffer = new float[encoder.dimension()];
    for (int row = 0; row < encoder.rows(); row++) {
      encoder.encode(row, buffer);
      embeddings.setRow(row, buffer);
    }
    return embeddings;
  }

  private static void checkShapes(DenseMatrix inputs, LabelMatrix targets, DenseMatrix labelEmbeddings) {
    if (inputs.rows() != targets.rows()) {
      throw new IllegalArgumentException(
          "there are " + inputs.rows() + " input rows but " + targets.rows() + " target rows");
    }
    if (labelEmbeddings.rows() != targets.columns()) {
      throw new IllegalArgumentException(
          "targets cover " + targets.columns() + " labels but there are " + labelEmbeddings.rows()
              + " label embeddings");
    }
    if (labelEmbeddings.columns() != inputs.columns()) {
      throw new IllegalArgumentException(
          "inputs have dimension " + inputs.columns() + " but label embeddings have " + labelEmbeddings.columns());
    }
    for (int p = 0; p < targets.nonZeros(); p++) {
      float value = targets.value(p);
      if (!(value >= 0f && value <= 1f)) {
        throw new IllegalArgumentException(
            "invalid target " + value + " for label " + targets.label(p) + " at entry " + p
                + ": targets must be in [0, 1]");
      }
    }
  }

  /** Returns a permutation of the rows that depends only on the seed and the epoch. */
  private static int[] shuffledRows(int rows, long seed, int epoch) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed * 31 + epoch);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /**
   * Returns the seed of one row's random negatives in one epoch, independent of which thread runs
   * the row. The index is mixed through one SplittableRandom step first, because seeds that differ by
   * about a multiple of its increment start overlapping streams: adjacent rows then shared four of
   * their five random negatives in one pair out of eight.
   */
  static long rowSeed(long seed, int epoch, int row) {
    long index = (((long) epoch << 32) | (row & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
    return new SplittableRandom(seed ^ index).nextLong();
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
