package io.leverxc.classifier;

import io.leverxc.data.LabelMatrix;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.model.Vectors;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.SparseVector;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains {@link SparseClassifiers}: one logistic regression per label on the TF-IDF features, by
 * SGD over each document's positives, its hard negatives (the labels a dense model ranks highest
 * for it) and a few random labels. Only shortlisted labels are ever scored with these weights, so
 * negatives from the same shortlist teach what matters there. When labels × features is within
 * {@link SparseOvaSettings#allNegativesMaxWeights()}, {@link AllNegativesSgd} trains every label
 * against every document instead, and the rest of this description does not apply.
 *
 * <p>A label's weights cover only the features of its positive documents and of its label text,
 * because a feature that no positive contains would only ever be pushed below 0, which a bias
 * does more cheaply. After training, weights below the prune threshold in absolute value are
 * dropped.
 *
 * <p>Each worker thread owns the labels whose id modulo the thread count is its number and walks
 * every row in the same order, so a label gets the same updates in the same order whatever the
 * thread count, and the result is bit-identical for any number of threads given the same hard
 * negatives.
 */
public final class SparseOvaTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(SparseOvaTrainer.class);

  private final SparseOvaSettings settings;

  public SparseOvaTrainer(SparseOvaSettings settings) {
    this.settings = settings;
  }

  /**
   * Trains one sparse classifier per label.
   *
   * @param documents TF-IDF features of the training documents, row for row with {@code targets}
   * @param targets training documents × labels; every listed label is a positive, whatever its value
   * @param hardNegatives for each document, labels to train as its negatives; the document's own
   *     positives among them are skipped, and only the first {@link SparseOvaSettings#hardNegatives()} count.
   *     Training against every label ignores them
   * @param labelTexts TF-IDF features of each label's text, a positive row of that label when the
   *     settings use label texts, and otherwise ignored (null is allowed)
   * @param featureDimension the featurizer's dimension; every feature id must lie below it
   * @throws IllegalArgumentException if the row or label counts disagree or a feature id is out of range
   */
  public SparseClassifiers train(
      List<SparseVector> documents,
      LabelMatrix targets,
      int[][] hardNegatives,
      List<SparseVector> labelTexts,
      int featureDimension) {
    if (documents.size() != targets.rows() || hardNegatives.length != targets.rows()) {
      throw new IllegalArgumentException(
          "there are " + documents.size() + " documents, " + hardNegatives.length + " hard-negative lists and "
              + targets.rows() + " label rows; expected one of each per document");
    }
    boolean useLabelTexts = settings.labelTexts();
    if (useLabelTexts && (labelTexts == null || labelTexts.size() != targets.columns())) {
      throw new IllegalArgumentException(
          "label-text rows are on, so there must be one feature vector per label (" + targets.columns() + "), found "
              + (labelTexts == null ? "none" : labelTexts.size()));
    }
    if (settings.trainsAgainstAllLabels(targets.columns(), featureDimension)) {
      return new AllNegativesSgd(settings).train(documents, targets, useLabelTexts ? labelTexts : null, featureDimension);
    }
    long start = System.nanoTime();
    int labels = targets.columns();
    State state = new State(documents, targets, hardNegatives, useLabelTexts ? labelTexts : null, labels);
    try (RangeWorkers workers = new RangeWorkers(settings.threads(), "lever-ova")) {
      buildSupport(state, featureDimension, workers);
      LOG.info(
          "Sparse classifiers: {} candidate weights over {} labels and {} features, {} MiB, in {} ms",
          state.candidateWeights(), labels, featureDimension, state.candidateWeights() * 8 >> 20, millisSince(start));
      for (int epoch = 0; epoch < settings.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        float learningRate = settings.learningRate() * (1f - (float) epoch / settings.epochs());
        int[] order = rowOrder(state.rows(), settings.seed(), epoch);
        double[] loss = new double[settings.threads()];
        long[] pairs = new long[settings.threads()];
        int currentEpoch = epoch;
        workers.forEachRange(settings.threads(), (worker, from, to) -> {
          for (int part = from; part < to; part++) {
            trainPart(state, part, order, currentEpoch, learningRate, loss, pairs);
          }
        });
        LOG.info(
            "Sparse epoch {}/{}: mean loss per pair {} at learning rate {}, {} ms", epoch + 1, settings.epochs(),
            String.format(java.util.Locale.ROOT, "%.4f", Arrays.stream(loss).sum() / Math.max(1, Arrays.stream(pairs).sum())), learningRate,
            millisSince(epochStart));
      }
    }
    SparseClassifiers classifiers = prune(state, featureDimension);
    LOG.info(
        "Trained {} sparse classifiers on {} rows in {} ms; kept {} of {} weights at prune threshold {}", labels,
        state.rows(), millisSince(start), classifiers.nonZeros(), state.candidateWeights(), settings.pruneThreshold());
    return classifiers;
  }

  /** Training rows, per-label supports and weights shared by the workers; each label is written by one worker. */
  private static final class State {
    final List<SparseVector> documents;
    final LabelMatrix targets;
    final int[][] hardNegatives;
    final List<SparseVector> labelTexts;
    final int[][] support;
    /**
     * Each label's weights, aligned with its support, followed by its bias. The bias lives in the
     * label's own array, so that workers do not write to neighbouring slots of one shared array.
     */
    final float[][] weights;

    State(List<SparseVector> documents, LabelMatrix targets, int[][] hardNegatives, List<SparseVector> labelTexts,
        int labels) {
      this.documents = documents;
      this.targets = targets;
      this.hardNegatives = hardNegatives;
      this.labelTexts = labelTexts;
      this.support = new int[labels][];
      this.weights = new float[labels][];
    }

    /** Documents, then one row per label text when label texts are used. */
    int rows() {
      return documents.size() + (labelTexts == null ? 0 : labelTexts.size());
    }

    int maxRowSize() {
      int max = 0;
      for (SparseVector document : documents) {
        max = Math.max(max, document.size());
      }
      if (labelTexts != null) {
        for (SparseVector text : labelTexts) {
          max = Math.max(max, text.size());
        }
      }
      return max;
    }

    long candidateWeights() {
      long total = 0;
      for (int[] features : support) {
        total += features.length;
      }
      return total;
    }
  }

  /** Sets each label's support to the sorted, distinct features of its positive rows. */
  private void buildSupport(State state, int featureDimension, RangeWorkers workers) {
    LabelMatrix byLabel = state.targets.transpose();
    int labels = state.support.length;
    workers.forEachRange(labels, (worker, from, to) -> {
      for (int label = from; label < to; label++) {
        int count = 0;
        for (int p = byLabel.rowStart(label); p < byLabel.rowEnd(label); p++) {
          count += state.documents.get(byLabel.label(p)).size();
        }
        SparseVector text = state.labelTexts == null ? SparseVector.empty() : state.labelTexts.get(label);
        int[] features = new int[count + text.size()];
        int filled = 0;
        for (int p = byLabel.rowStart(label); p < byLabel.rowEnd(label); p++) {
          SparseVector document = state.documents.get(byLabel.label(p));
          System.arraycopy(document.indices(), 0, features, filled, document.size());
          filled += document.size();
        }
        System.arraycopy(text.indices(), 0, features, filled, text.size());
        state.support[label] = distinctSorted(features, featureDimension, label);
        state.weights[label] = new float[state.support[label].length + 1];
      }
    });
  }

  private static int[] distinctSorted(int[] features, int featureDimension, int label) {
    Arrays.sort(features);
    int distinct = 0;
    for (int i = 0; i < features.length; i++) {
      if (features[i] >= featureDimension) {
        throw new IllegalArgumentException(
            "a positive row of label " + label + " has feature id " + features[i] + ", expected ids below "
                + featureDimension);
      }
      if (i == 0 || features[i] != features[i - 1]) {
        features[distinct++] = features[i];
      }
    }
    return Arrays.copyOf(features, distinct);
  }

  /** Returns the row order of one epoch: a shuffle seeded by the seed and the epoch. */
  static int[] rowOrder(int rows, long seed, int epoch) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    Random random = new Random(seed * 31 + epoch);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /**
   * Runs one epoch over every row for the labels of one part (those whose id modulo the thread
   * count is {@code part}), adding the loss before each step to {@code loss[part]}.
   */
  private void trainPart(
      State state, int part, int[] order, int epoch, float learningRate, double[] loss, long[] pairs) {
    // Local sums, written back once, so that workers do not share the cache lines of the arrays.
    double partLoss = 0;
    long partPairs = 0;
    int[] positions = new int[state.maxRowSize()];
    int parts = settings.threads();
    int documents = state.documents.size();
    int labels = state.support.length;
    for (int row : order) {
      if (row >= documents) {
        int label = row - documents;
        if (label % parts == part) {
          partLoss += step(state, label, state.labelTexts.get(label), 1f, learningRate, positions);
          partPairs++;
        }
        continue;
      }
      SparseVector features = state.documents.get(row);
      LabelMatrix targets = state.targets;
      for (int p = targets.rowStart(row); p < targets.rowEnd(row); p++) {
        int label = targets.label(p);
        if (label % parts == part) {
          partLoss += step(state, label, features, 1f, learningRate, positions);
          partPairs++;
        }
      }
      int[] negatives = state.hardNegatives[row];
      int hard = Math.min(negatives.length, settings.hardNegatives());
      for (int i = 0; i < hard; i++) {
        int label = negatives[i];
        if (label % parts == part && !targets.contains(row, label)) {
          partLoss += step(state, label, features, 0f, learningRate, positions);
          partPairs++;
        }
      }
      // Every part draws the same labels for this row and epoch, and keeps its own.
      SplittableRandom random = new SplittableRandom(settings.seed() ^ ((long) epoch << 32 | row));
      for (int i = 0; i < settings.randomNegatives(); i++) {
        int label = random.nextInt(labels);
        if (label % parts == part && !targets.contains(row, label)) {
          partLoss += step(state, label, features, 0f, learningRate, positions);
          partPairs++;
        }
      }
    }
    loss[part] = partLoss;
    pairs[part] = partPairs;
  }

  /**
   * Takes one logistic-loss SGD step for {@code label} on one row and returns the loss before it.
   * Weight decay shrinks only the weights the row touches, so a step costs time in proportion to
   * the row's features.
   */
  private double step(
      State state, int label, SparseVector features, float target, float learningRate, int[] positions) {
    int[] support = state.support[label];
    float[] weights = state.weights[label];
    int bias = support.length;
    double logit = weights[bias];
    for (int i = 0; i < features.size(); i++) {
      int position = Arrays.binarySearch(support, features.index(i));
      positions[i] = position;
      if (position >= 0) {
        logit += weights[position] * features.value(i);
      }
    }
    float probability = Vectors.sigmoid((float) logit);
    float gradient = probability - target;
    weights[bias] -= learningRate * gradient;
    for (int i = 0; i < features.size(); i++) {
      int position = positions[i];
      if (position >= 0) {
        weights[position] -= learningRate * (gradient * features.value(i) + settings.weightDecay() * weights[position]);
      }
    }
    return logLoss(logit, target);
  }

  /** Returns the logistic loss of a logit, computed without overflow for large logits. */
  static double logLoss(double logit, float target) {
    double margin = target > 0.5f ? logit : -logit;
    return margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
  }

  /** Returns the trained weights without those below the prune threshold, as compressed rows. */
  private SparseClassifiers prune(State state, int featureDimension) {
    int labels = state.support.length;
    int[] rowStarts = new int[labels + 1];
    for (int label = 0; label < labels; label++) {
      int kept = 0;
      for (int i = 0; i < state.support[label].length; i++) {
        if (Math.abs(state.weights[label][i]) >= settings.pruneThreshold()) {
          kept++;
        }
      }
      rowStarts[label + 1] = Math.addExact(rowStarts[label], kept);
    }
    int[] features = new int[rowStarts[labels]];
    float[] values = new float[rowStarts[labels]];
    float[] biases = new float[labels];
    for (int label = 0; label < labels; label++) {
      biases[label] = state.weights[label][state.support[label].length];
      int position = rowStarts[label];
      for (int i = 0; i < state.support[label].length; i++) {
        float weight = state.weights[label][i];
        if (Math.abs(weight) >= settings.pruneThreshold()) {
          features[position] = state.support[label][i];
          values[position] = weight;
          position++;
        }
      }
    }
    return new SparseClassifiers(
        new LabelMatrix(labels, featureDimension, rowStarts, features, values), biases);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
