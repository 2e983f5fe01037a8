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
 * @param allNegativesMaxWeights when labels × feature dimension is at most this, every label
 *     trains on every document, as a true one-vs-all regression over all features, in place of
 *     hard and random negatives ({@link AllNegativesSgd}); 0 never does. The product is the
 *     number of floats that training then holds, 4 bytes each
 * @param threads worker threads; each owns a fixed share of the labels, so for the same inputs
 *     every thread count gives the same weights. In a pipeline with hard negatives the inputs
 *     differ, because the dense ranking that picks the negatives depends on the thread count.
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
    long allNegativesMaxWeights,
    int threads,
    long seed) {

  // The defaults gave the best validation P@1 of the few settings tried on LF-Debtags-554 (learning
  // rate 0.5 to 2, weight decay 1e-6 to 1e-3, 20 or 50 hard negatives), with 10 epochs. Training
  // against every label there also did best at learning rate 1 and 10 epochs (0.5, 2 and 20 epochs
  // lost 0.1 to 0.7 points of sparse-only validation P@1). Weight decay 0 to 1e-5 came within 0.2
  // points of each other, and 1e-4 lost 0.8.
  public static final int DEFAULT_EPOCHS = 10;
  public static final float DEFAULT_LEARNING_RATE = 1f;
  public static final float DEFAULT_WEIGHT_DECAY = 1e-5f;
  /**
   * Training against every label on LF-Debtags-554 kept 13.2 million weights at 0.01 and 2.6 million
   * at 0.1, with sparse-only validation P@1 87.65 and 87.84. With hard negatives, 0.1 kept 1.5 of
   * 1.9 million weights and the same P@1.
   */
  // NOTE: 0.1 was measured on LF-Debtags-554 only. The WordNet figures of the sparse term used 0.01.
  public static final float DEFAULT_PRUNE_THRESHOLD = 0.1f;
  public static final int DEFAULT_HARD_NEGATIVES = 50;
  public static final int DEFAULT_RANDOM_NEGATIVES = 20;
  public static final long DEFAULT_SEED = 42L;
  /**
   * 2^27 weights, 512 MiB of training floats. LF-Debtags-554 (554 labels × 92,696 features, 51
   * million) trains against every label, and the bundled WordNet data (15,000 labels) does not.
   */
  public static final long DEFAULT_ALL_NEGATIVES_MAX_WEIGHTS = 1L << 27;

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
    if (allNegativesMaxWeights < 0) {
      throw new IllegalArgumentException("sparse allNegativesMaxWeights must be >= 0, got " + allNegativesMaxWeights);
    }
    checkRange("threads", threads, 1, MAX_THREADS);
  }

  /** Returns true when {@code labels} labels over {@code featureDimension} features train against every label. */
  public boolean trainsAgainstAllLabels(int labels, int featureDimension) {
    return (long) labels * featureDimension <= allNegativesMaxWeights;
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
        DEFAULT_RANDOM_NEGATIVES, true, DEFAULT_ALL_NEGATIVES_MAX_WEIGHTS, threads, DEFAULT_SEED);
  }

  /** Returns a copy with another seed, keeping everything else. */
  public SparseOvaSettings withSeed(long newSeed) {
    return new SparseOvaSettings(
        epochs, learningRate, weightDecay, pruneThreshold, hardNegatives, randomNegatives, labelTexts,
        allNegativesMaxWeights, threads, newSeed);
  }

  /**
   * Returns the settings that {@link #toMap} recorded, with {@code newThreads} worker threads. A
   * field that {@code map} lacks keeps its default.
   *
   * @throws IllegalArgumentException naming the first field of the wrong type or out of range
   */
  public static SparseOvaSettings fromMap(Map<String, ?> map, int newThreads) {
    SparseOvaSettings defaults = defaults(newThreads);
    Object labelTextsValue = map.get("labelTexts");
    if (labelTextsValue != null && !(labelTextsValue instanceof Boolean)) {
      throw new IllegalArgumentException("sparse setting labelTexts must be true or false, found " + labelTextsValue);
    }
    return new SparseOvaSettings(
        (int) wholeNumber(map, "epochs", defaults.epochs(), Integer.MAX_VALUE),
        (float) number(map, "learningRate", defaults.learningRate()),
        (float) number(map, "weightDecay", defaults.weightDecay()),
        (float) number(map, "pruneThreshold", defaults.pruneThreshold()),
        (int) wholeNumber(map, "hardNegatives", defaults.hardNegatives(), Integer.MAX_VALUE),
        (int) wholeNumber(map, "randomNegatives", defaults.randomNegatives(), Integer.MAX_VALUE),
        labelTextsValue == null ? defaults.labelTexts() : (Boolean) labelTextsValue,
        wholeNumber(map, "allNegativesMaxWeights", defaults.allNegativesMaxWeights(), Long.MAX_VALUE),
        newThreads,
        wholeNumber(map, "seed", defaults.seed(), Long.MAX_VALUE));
  }

  private static double number(Map<String, ?> map, String name, double fallback) {
    Number value = field(map, name);
    return value == null ? fallback : value.doubleValue();
  }

  /**
   * Returns a whole-number field, rejecting a fraction and anything beyond [-max - 1, max] instead
   * of truncating it, so that the value used is the value written.
   */
  private static long wholeNumber(Map<String, ?> map, String name, long fallback, long max) {
    Number value = field(map, name);
    if (value == null) {
      return fallback;
    }
    java.math.BigDecimal exact;
    try {
      exact = new java.math.BigDecimal(value.toString());
    } catch (NumberFormatException e) {
      throw wrongWholeNumber(name, value, max);
    }
    if (exact.stripTrailingZeros().scale() > 0
        || exact.compareTo(java.math.BigDecimal.valueOf(max)) > 0
        || exact.compareTo(java.math.BigDecimal.valueOf(-max - 1)) < 0) {
      throw wrongWholeNumber(name, value, max);
    }
    return exact.longValueExact();
  }

  private static IllegalArgumentException wrongWholeNumber(String name, Number value, long max) {
    return new IllegalArgumentException(
        "sparse setting " + name + " must be a whole number of at most " + max + ", found " + value);
  }

  private static Number field(Map<String, ?> map, String name) {
    Object value = map.get(name);
    if (value != null && !(value instanceof Number)) {
      throw new IllegalArgumentException("sparse setting " + name + " must be a number, found " + value);
    }
    return (Number) value;
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
    map.put("allNegativesMaxWeights", allNegativesMaxWeights);
    map.put("threads", threads);
    map.put("seed", seed);
    return map;
  }
}
