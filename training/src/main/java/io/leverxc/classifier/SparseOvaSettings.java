package io.leverxc.classifier;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of {@link SparseOvaTrainer}, validated on construction.
 *
 * @param epochs passes over the training rows
 * @param learningRate initial SGD step size; it decays linearly towards 0 over the run
 * @param weightDecay L2 penalty on the weights (not on the biases), applied to the weights a step touches
 * @param pruneThreshold weights whose absolute value is below this are dropped after training
 * @param hardNegatives negatives per document from the fused model's top labels for it
 * @param randomNegatives uniformly drawn negatives per document, drawn anew every epoch
 * @param labelTexts whether each label's text features are a positive training row of that label
 * @param threads worker threads; each owns a fixed share of the labels, so every thread count
 *     gives the same weights
 * @param seed seed of the row order and of the random negatives
 */
public record SparseOvaSettings(
    int epochs,
    float learningRate,
    float weightDecay,
    float pruneThreshold,
    int hardNegatives,
    int randomNegatives,
    boolean labelTexts,
    int threads,
    long seed) {

  // The defaults gave the best validation P@1 of the few settings tried on LF-Debtags-554 (learning
  // rate 0.5 to 2, weight decay 1e-6 to 1e-3, 20 or 50 hard negatives), with 10 epochs.
  public static final int DEFAULT_EPOCHS = 10;
  public static final float DEFAULT_LEARNING_RATE = 1f;
  public static final float DEFAULT_WEIGHT_DECAY = 1e-5f;
  public static final float DEFAULT_PRUNE_THRESHOLD = 0.01f;
  public static final int DEFAULT_HARD_NEGATIVES = 50;
  public static final int DEFAULT_RANDOM_NEGATIVES = 20;
  public static final long DEFAULT_SEED = 42L;

  public static final int MAX_EPOCHS = 10_000;
  /** Upper bound on negative counts per document; far more would cost as much as training on every label. */
  public static final int MAX_NEGATIVES = 10_000;
  public static final int MAX_THREADS = 1_024;

  public SparseOvaSettings {
    checkRange("epochs", epochs, 1, MAX_EPOCHS);
    if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException("sparse learningRate must be positive and finite, got " + learningRate);
    }
    if (!(weightDecay >= 0f) || Float.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("sparse weightDecay must be >= 0 and finite, got " + weightDecay);
    }
    if (!(pruneThreshold >= 0f) || Float.isInfinite(pruneThreshold)) {
      throw new IllegalArgumentException("sparse pruneThreshold must be >= 0 and finite, got " + pruneThreshold);
    }
    checkRange("hardNegatives", hardNegatives, 0, MAX_NEGATIVES);
    checkRange("randomNegatives", randomNegatives, 0, MAX_NEGATIVES);
    checkRange("threads", threads, 1, MAX_THREADS);
  }

  private static void checkRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("sparse " + name + " must be in [" + min + ", " + max + "], got " + value);
    }
  }

  /** Returns the defaults with {@code threads} worker threads. */
  public static SparseOvaSettings defaults(int threads) {
    return new SparseOvaSettings(
        DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE, DEFAULT_WEIGHT_DECAY, DEFAULT_PRUNE_THRESHOLD, DEFAULT_HARD_NEGATIVES,
        DEFAULT_RANDOM_NEGATIVES, true, threads, DEFAULT_SEED);
  }

  /** Returns a copy with another seed, keeping everything else. */
  public SparseOvaSettings withSeed(long newSeed) {
    return new SparseOvaSettings(
        epochs, learningRate, weightDecay, pruneThreshold, hardNegatives, randomNegatives, labelTexts, threads, newSeed);
  }

  /** Returns the settings as ordered name/value pairs for the model bundle's manifest. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("epochs", epochs);
    map.put("learningRate", learningRate);
    map.put("weightDecay", weightDecay);
    map.put("pruneThreshold", pruneThreshold);
    map.put("hardNegatives", hardNegatives);
    map.put("randomNegatives", randomNegatives);
    map.put("labelTexts", labelTexts);
    map.put("threads", threads);
    map.put("seed", seed);
    return map;
  }
}
