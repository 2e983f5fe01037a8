package io.leverxc.classifier;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of {@link OvaTrainer}, validated on construction.
 *
 * @param epochs passes over the training rows
 * @param learningRate initial SGD step size; epoch {@code e} of {@code E} (0-based) runs at
 *     {@code learningRate · (1 − e / E)}, so the last epoch at {@code learningRate / E}
 * @param encoderLearningRate initial step size of the encoder's parameters when a
 *     {@link TrainableEncoder} is trained jointly; it decays like {@code learningRate}
 * @param weightDecay L2 penalty on the weight vectors (not on the biases)
 * @param initialScale the weight vector of label {@code l} starts as {@code initialScale · e_l}
 * @param initialBias starting bias of every label; negative because most pairs are negatives
 * @param embeddingNegatives hard negatives per row from the label-embedding searcher
 * @param classifierNegatives hard negatives per row from the searcher over current classifier vectors
 * @param randomNegatives uniformly drawn negatives per row, drawn anew every epoch
 * @param refreshEvery epochs between rebuilds of the classifier-vector shortlists; the first is
 *     built after this many epochs
 * @param threads worker threads; only 1 gives bit-identical models across runs
 * @param seed seed of every random draw
 */
public record OvaSettings(
    int epochs,
    float learningRate,
    float encoderLearningRate,
    float weightDecay,
    float initialScale,
    float initialBias,
    int embeddingNegatives,
    int classifierNegatives,
    int randomNegatives,
    int refreshEvery,
    int threads,
    long seed) {

  // NOTE: the learning rate, scale, bias and negative counts are first values tried on the
  // WordNet demo set with stand-in embeddings, not tuned.
  public static final int DEFAULT_EPOCHS = 10;
  public static final float DEFAULT_LEARNING_RATE = 0.5f;
  public static final float DEFAULT_ENCODER_LEARNING_RATE = 0.05f;
  public static final float DEFAULT_WEIGHT_DECAY = 1e-5f;
  public static final float DEFAULT_INITIAL_SCALE = 5f;
  public static final float DEFAULT_INITIAL_BIAS = -3f;
  public static final int DEFAULT_EMBEDDING_NEGATIVES = 20;
  public static final int DEFAULT_CLASSIFIER_NEGATIVES = 20;
  public static final int DEFAULT_RANDOM_NEGATIVES = 5;
  public static final int DEFAULT_REFRESH_EVERY = 3;
  public static final long DEFAULT_SEED = 42L;

  /** Upper bound on negative counts per row; far more would make an epoch cost as much as full BCE. */
  public static final int MAX_NEGATIVES = 10_000;

  public static final int MAX_EPOCHS = 10_000;
  public static final int MAX_THREADS = 1_024;

  public OvaSettings {
    checkRange("epochs", epochs, 1, MAX_EPOCHS);
    if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException("ova learningRate must be positive and finite, got " + learningRate);
    }
    if (!(encoderLearningRate >= 0f) || Float.isInfinite(encoderLearningRate)) {
      throw new IllegalArgumentException(
          "ova encoderLearningRate must be >= 0 and finite, got " + encoderLearningRate);
    }
    if (!(weightDecay >= 0f) || Float.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("ova weightDecay must be >= 0 and finite, got " + weightDecay);
    }
    if (!Float.isFinite(initialScale)) {
      throw new IllegalArgumentException("ova initialScale must be finite, got " + initialScale);
    }
    if (!Float.isFinite(initialBias)) {
      throw new IllegalArgumentException("ova initialBias must be finite, got " + initialBias);
    }
    checkRange("embeddingNegatives", embeddingNegatives, 0, MAX_NEGATIVES);
    checkRange("classifierNegatives", classifierNegatives, 0, MAX_NEGATIVES);
    checkRange("randomNegatives", randomNegatives, 0, MAX_NEGATIVES);
    checkRange("refreshEvery", refreshEvery, 1, MAX_EPOCHS);
    checkRange("threads", threads, 1, MAX_THREADS);
  }

  private static void checkRange(String name, int value, int minimum, int maximum) {
    if (value < minimum || value > maximum) {
      throw new IllegalArgumentException(
          "ova " + name + " must be in [" + minimum + ", " + maximum + "], got " + value);
    }
  }

  /** Returns the defaults with {@code threads} workers. */
  public static OvaSettings defaults(int threads) {
    return new OvaSettings(
        DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE, DEFAULT_ENCODER_LEARNING_RATE, DEFAULT_WEIGHT_DECAY, DEFAULT_INITIAL_SCALE,
        DEFAULT_INITIAL_BIAS, DEFAULT_EMBEDDING_NEGATIVES, DEFAULT_CLASSIFIER_NEGATIVES,
        DEFAULT_RANDOM_NEGATIVES, DEFAULT_REFRESH_EVERY, threads, DEFAULT_SEED);
  }

  /** Returns a copy with another epoch count and learning rate. */
  public OvaSettings withSchedule(int newEpochs, float newLearningRate) {
    return new OvaSettings(
        newEpochs, newLearningRate, encoderLearningRate, weightDecay, initialScale, initialBias, embeddingNegatives,
        classifierNegatives, randomNegatives, refreshEvery, threads, seed);
  }

  /** Returns a copy with another encoder learning rate. */
  public OvaSettings withEncoderLearningRate(float rate) {
    return new OvaSettings(
        epochs, learningRate, rate, weightDecay, initialScale, initialBias, embeddingNegatives,
        classifierNegatives, randomNegatives, refreshEvery, threads, seed);
  }

  /** Returns a copy with another thread count and seed. */
  public OvaSettings withThreads(int newThreads, long newSeed) {
    return new OvaSettings(
        epochs, learningRate, encoderLearningRate, weightDecay, initialScale, initialBias, embeddingNegatives,
        classifierNegatives, randomNegatives, refreshEvery, newThreads, newSeed);
  }

  /** Returns the settings as ordered name/value pairs for the model bundle's manifest. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("epochs", epochs);
    map.put("learningRate", learningRate);
    map.put("encoderLearningRate", encoderLearningRate);
    map.put("weightDecay", weightDecay);
    map.put("initialScale", initialScale);
    map.put("initialBias", initialBias);
    map.put("embeddingNegatives", embeddingNegatives);
    map.put("classifierNegatives", classifierNegatives);
    map.put("randomNegatives", randomNegatives);
    map.put("refreshEvery", refreshEvery);
    map.put("threads", threads);
    map.put("seed", seed);
    return map;
  }
}
