package io.leverxc.classifier;

import io.leverxc.data.LabelMatrix;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.model.Vectors;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.SparseVector;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains {@link SparseClassifiers} as a true one-vs-all logistic regression: every document is a
 * positive of its own labels and a negative of every other label, and a label's weights may cover
 * any feature, so words that only its negatives contain get negative weights. This is binary
 * relevance, the baseline that linear XC libraries report, and it costs time in proportion to
 * documents × labels × features per document, so {@link SparseOvaTrainer} uses it only for small
 * label spaces.
 *
 * <p>During training the weights are one dense array per feature, indexed by label, so that one
 * document updates all labels of a feature in one contiguous run. That needs labels × features
 * floats (196 MiB for 554 labels and 92,696 features). After training, weights below the prune
 * threshold in absolute value are dropped, and so are the zero weights of features that no row
 * contains, even at threshold 0.
 *
 * <p>Each worker owns a contiguous range of labels and walks every row in the same order. A label's
 * updates depend only on its own weights, so the result is bit-identical for any thread count.
 */
final class AllNegativesSgd {
  private static final Logger LOG = LoggerFactory.getLogger(AllNegativesSgd.class);

  private final SparseOvaSettings settings;

  AllNegativesSgd(SparseOvaSettings settings) {
    this.settings = settings;
  }

  /**
   * Trains one classifier per label on every document and, when {@code labelTexts} is not null,
   * on each label's text as one more positive row of that label only.
   *
   * @throws IllegalArgumentException if a feature id is not below {@code featureDimension}
   */
  SparseClassifiers train(
      List<SparseVector> documents, LabelMatrix targets, List<SparseVector> labelTexts, int featureDimension) {
    checkFeatureIds(documents, featureDimension, "document");
    if (labelTexts != null) {
      checkFeatureIds(labelTexts, featureDimension, "label text");
    }
    long start = System.nanoTime();
    int labels = targets.columns();
    float[][] weights = new float[featureDimension][labels];
    float[] biases = new float[labels];
    int rows = documents.size() + (labelTexts == null ? 0 : labelTexts.size());
    LOG.info(
        "Sparse one-vs-all against every label: {} labels × {} features, {} MiB of training weights",
        labels, featureDimension, (long) labels * featureDimension * Float.BYTES >> 20);
    try (RangeWorkers workers = new RangeWorkers(settings.threads(), "lever-ova")) {
      for (int epoch = 0; epoch < settings.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        float learningRate = settings.learningRate() * (1f - (float) epoch / settings.epochs());
        int[] order = SparseOvaTrainer.rowOrder(rows, settings.seed(), epoch);
        double[] loss = new double[settings.threads()];
        workers.forEachRange(labels, (worker, from, to) -> {
          if (from < to) {
            loss[worker] =
                trainRange(documents, targets, labelTexts, weights, biases, order, from, to, learningRate);
          }
        });
        LOG.info(
            "Sparse epoch {}/{} against every label: mean loss per pair {} at learning rate {}, {} ms", epoch + 1,
            settings.epochs(), String.format(java.util.Locale.ROOT, "%.4f", Arrays.stream(loss).sum() / ((double) rows * labels)),
            learningRate, (System.nanoTime() - epochStart) / 1_000_000);
      }
    }
    SparseClassifiers classifiers = prune(weights, biases, featureDimension);
    LOG.info(
        "Trained {} sparse classifiers against every label on {} rows in {} ms; kept {} weights at prune threshold {}",
        labels, rows, (System.nanoTime() - start) / 1_000_000, classifiers.nonZeros(), settings.pruneThreshold());
    return classifiers;
  }

  private static void checkFeatureIds(List<SparseVector> rows, int featureDimension, String kind) {
    for (int row = 0; row < rows.size(); row++) {
      SparseVector features = rows.get(row);
      for (int i = 0; i < features.size(); i++) {
        if (features.index(i) >= featureDimension) {
          throw new IllegalArgumentException(
              kind + " row " + row + " has feature id " + features.index(i) + ", expected ids below "
                  + featureDimension);
        }
      }
    }
  }

  /**
   * Runs one epoch over every row for labels {@code [from, to)} and returns the summed loss before
   * each step. A label-text row steps only its own label, as a positive.
   */
  private double trainRange(
      List<SparseVector> documents,
      LabelMatrix targets,
      List<SparseVector> labelTexts,
      float[][] weights,
      float[] biases,
      int[] order,
      int from,
      int to,
      float learningRate) {
    int width = to - from;
    double[] logits = new double[width];
    float[] gradients = new float[width];
    float[] labelTargets = new float[width];
    double loss = 0;
    for (int row : order) {
      if (row >= documents.size()) {
        int label = row - documents.size();
        if (label >= from && label < to) {
          loss += stepOneLabel(labelTexts.get(label), label, weights, biases, learningRate);
        }
        continue;
      }
      SparseVector features = documents.get(row);
      Arrays.fill(labelTargets, 0f);
      for (int p = targets.rowStart(row); p < targets.rowEnd(row); p++) {
        int label = targets.label(p);
        if (label >= from && label < to) {
          labelTargets[label - from] = 1f;
        }
      }
      for (int l = 0; l < width; l++) {
        logits[l] = biases[from + l];
      }
      for (int i = 0; i < features.size(); i++) {
        float[] column = weights[features.index(i)];
        float value = features.value(i);
        for (int l = 0; l < width; l++) {
          logits[l] += column[from + l] * value;
        }
      }
      for (int l = 0; l < width; l++) {
        float gradient = Vectors.sigmoid((float) logits[l]) - labelTargets[l];
        gradients[l] = gradient;
        loss += SparseOvaTrainer.logLoss(logits[l], labelTargets[l]);
        biases[from + l] -= learningRate * gradient;
      }
      float decay = settings.weightDecay();
      for (int i = 0; i < features.size(); i++) {
        float[] column = weights[features.index(i)];
        float value = features.value(i);
        for (int l = 0; l < width; l++) {
          column[from + l] -= learningRate * (gradients[l] * value + decay * column[from + l]);
        }
      }
    }
    return loss;
  }

  private double stepOneLabel(SparseVector features, int label, float[][] weights, float[] biases, float learningRate) {
    double logit = biases[label];
    for (int i = 0; i < features.size(); i++) {
      logit += weights[features.index(i)][label] * features.value(i);
    }
    float gradient = Vectors.sigmoid((float) logit) - 1f;
    biases[label] -= learningRate * gradient;
    for (int i = 0; i < features.size(); i++) {
      float[] column = weights[features.index(i)];
      column[label] -= learningRate * (gradient * features.value(i) + settings.weightDecay() * column[label]);
    }
    return SparseOvaTrainer.logLoss(logit, 1f);
  }

  /** Returns the weights at or above the prune threshold in absolute value, as label-major compressed rows. */
  private SparseClassifiers prune(float[][] weights, float[] biases, int featureDimension) {
    int labels = biases.length;
    float threshold = settings.pruneThreshold();
    int[] rowStarts = new int[labels + 1];
    for (float[] column : weights) {
      for (int label = 0; label < labels; label++) {
        if (Math.abs(column[label]) >= threshold && column[label] != 0f) {
          rowStarts[label + 1]++;
        }
      }
    }
    for (int label = 0; label < labels; label++) {
      rowStarts[label + 1] = Math.addExact(rowStarts[label + 1], rowStarts[label]);
    }
    int[] features = new int[rowStarts[labels]];
    float[] values = new float[rowStarts[labels]];
    int[] next = Arrays.copyOf(rowStarts, labels);
    for (int feature = 0; feature < featureDimension; feature++) {
      float[] column = weights[feature];
      for (int label = 0; label < labels; label++) {
        if (Math.abs(column[label]) >= threshold && column[label] != 0f) {
          features[next[label]] = feature;
          values[next[label]] = column[label];
          next[label]++;
        }
      }
    }
    return new SparseClassifiers(new LabelMatrix(labels, featureDimension, rowStarts, features, values), biases);
  }
}
