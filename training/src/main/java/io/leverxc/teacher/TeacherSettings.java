package io.leverxc.teacher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of the Siamese teacher. The compact constructor rejects out-of-range values
 * with the setting's name, the allowed range and the value received.
 *
 * @param dimension embedding dimension of the encoder
 * @param epochs passes over the labels; each epoch trains every label once as a batch item
 * @param batchSize labels per mini-batch; every other item of a batch is an in-batch negative
 * @param margin triplet margin: a negative violates when its cosine is within this of the positive's
 * @param negativesPerRow hardest in-batch negatives kept per label (online hard-negative mining)
 * @param learningRate Adagrad base step size, reached after the warm-up
 * @param warmupSteps batches over which the step size rises linearly from near zero; it then
 *     falls linearly to zero at the last batch
 * @param gradientClipNorm maximum Euclidean norm of the loss gradient of one embedding, and of the
 *     residual block's batch gradient
 * @param clusterSize labels per cluster of the clustering curriculum
 * @param clusterStartEpoch first epoch (0-based) that builds batches from clusters; earlier epochs
 *     use random batches. A value of at least {@code epochs} turns the curriculum off
 * @param clusterEvery epochs between two re-clusterings of the label embeddings
 * @param labelTextAsDocument whether a label's own text joins its positive documents, so labels
 *     without training documents still get a training signal
 * @param validationEvery epochs between two validation runs, when a validation set is given
 * @param threads worker threads; 1 gives bit-identical runs for a fixed seed
 * @param seed seed of every random choice: initialisation, sampling, batch order, clustering
 */
public record TeacherSettings(
    int dimension,
    int epochs,
    int batchSize,
    float margin,
    int negativesPerRow,
    float learningRate,
    int warmupSteps,
    float gradientClipNorm,
    int clusterSize,
    int clusterStartEpoch,
    int clusterEvery,
    boolean labelTextAsDocument,
    int validationEvery,
    int threads,
    long seed) {

  /** Embedding dimension of {@link #builder()}. */
  public static final int DEFAULT_DIMENSION = 256;
  /** Training epochs of {@link #builder()}. */
  public static final int DEFAULT_EPOCHS = 20;
  /** Labels per batch of {@link #builder()}. */
  public static final int DEFAULT_BATCH_SIZE = 512;
  /** Triplet margin on cosines of {@link #builder()}. */
  public static final float DEFAULT_MARGIN = 0.3f;
  /** Hard negatives per label of {@link #builder()}. */
  public static final int DEFAULT_NEGATIVES = 5;
  /** Adagrad base step size of {@link #builder()}. */
  public static final float DEFAULT_LEARNING_RATE = 0.05f;
  /** Labels per curriculum cluster of {@link #builder()}. */
  public static final int DEFAULT_CLUSTER_SIZE = 16;
  /** First clustered epoch (0-based) of {@link #builder()}. */
  public static final int DEFAULT_CLUSTER_START_EPOCH = 5;

  /** Largest supported embedding dimension; the residual block holds dimension² weights. */
  public static final int MAX_DIMENSION = 4096;

  /** Largest accepted number of epochs. */
  public static final int MAX_EPOCHS = 100_000;

  public TeacherSettings {
    checkRange("dimension", dimension, 1, MAX_DIMENSION);
    checkRange("epochs", epochs, 1, MAX_EPOCHS);
    checkRange("batchSize", batchSize, 2, 1 << 20);
    checkRange("negativesPerRow", negativesPerRow, 1, batchSize - 1);
    checkRange("warmupSteps", warmupSteps, 0, Integer.MAX_VALUE);
    checkRange("clusterSize", clusterSize, 2, batchSize);
    checkRange("clusterStartEpoch", clusterStartEpoch, 0, Integer.MAX_VALUE);
    checkRange("clusterEvery", clusterEvery, 1, Integer.MAX_VALUE);
    checkRange("validationEvery", validationEvery, 1, Integer.MAX_VALUE);
    checkRange("threads", threads, 1, 1024);
    checkPositive("learningRate", learningRate);
    checkPositive("gradientClipNorm", gradientClipNorm);
    if (!(margin >= 0 && margin <= 2)) {
      throw new IllegalArgumentException("margin must be in [0, 2] (cosines lie in [-1, 1]), got " + margin);
    }
  }

  /** Returns the defaults: sized for a label space of tens of thousands on a few cores. */
  public static TeacherSettings defaults() {
    return builder().build();
  }

  /** Returns a builder that starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns the settings by name, in declaration order, for logs and model manifests. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("dimension", dimension);
    map.put("epochs", epochs);
    map.put("batchSize", batchSize);
    map.put("margin", margin);
    map.put("negativesPerRow", negativesPerRow);
    map.put("learningRate", learningRate);
    map.put("warmupSteps", warmupSteps);
    map.put("gradientClipNorm", gradientClipNorm);
    map.put("clusterSize", clusterSize);
    map.put("clusterStartEpoch", clusterStartEpoch);
    map.put("clusterEvery", clusterEvery);
    map.put("labelTextAsDocument", labelTextAsDocument);
    map.put("validationEvery", validationEvery);
    map.put("threads", threads);
    map.put("seed", seed);
    return map;
  }

  private static void checkRange(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
    }
  }

  private static void checkPositive(String name, float value) {
    if (!(value > 0) || Float.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive finite number, got " + value);
    }
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private int dimension = DEFAULT_DIMENSION;
    private int epochs = DEFAULT_EPOCHS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private float margin = DEFAULT_MARGIN;
    private int negativesPerRow = DEFAULT_NEGATIVES;
    private float learningRate = DEFAULT_LEARNING_RATE;
    private int warmupSteps = 50;
    private float gradientClipNorm = 5f;
    private int clusterSize = DEFAULT_CLUSTER_SIZE;
    private int clusterStartEpoch = DEFAULT_CLUSTER_START_EPOCH;
    private int clusterEvery = 5;
    private boolean labelTextAsDocument = true;
    private int validationEvery = 5;
    private int threads = Runtime.getRuntime().availableProcessors();
    private long seed = 1L;

    private Builder() {}

    private Builder(TeacherSettings settings) {
      dimension = settings.dimension;
      epochs = settings.epochs;
      batchSize = settings.batchSize;
      margin = settings.margin;
      negativesPerRow = settings.negativesPerRow;
      learningRate = settings.learningRate;
      warmupSteps = settings.warmupSteps;
      gradientClipNorm = settings.gradientClipNorm;
      clusterSize = settings.clusterSize;
      clusterStartEpoch = settings.clusterStartEpoch;
      clusterEvery = settings.clusterEvery;
      labelTextAsDocument = settings.labelTextAsDocument;
      validationEvery = settings.validationEvery;
      threads = settings.threads;
      seed = settings.seed;
    }

    public Builder dimension(int value) {
      dimension = value;
      return this;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder margin(float value) {
      margin = value;
      return this;
    }

    public Builder negativesPerRow(int value) {
      negativesPerRow = value;
      return this;
    }

    public Builder learningRate(float value) {
      learningRate = value;
      return this;
    }

    public Builder warmupSteps(int value) {
      warmupSteps = value;
      return this;
    }

    public Builder gradientClipNorm(float value) {
      gradientClipNorm = value;
      return this;
    }

    public Builder clusterSize(int value) {
      clusterSize = value;
      return this;
    }

    public Builder clusterStartEpoch(int value) {
      clusterStartEpoch = value;
      return this;
    }

    public Builder clusterEvery(int value) {
      clusterEvery = value;
      return this;
    }

    public Builder labelTextAsDocument(boolean value) {
      labelTextAsDocument = value;
      return this;
    }

    public Builder validationEvery(int value) {
      validationEvery = value;
      return this;
    }

    public Builder threads(int value) {
      threads = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public TeacherSettings build() {
      return new TeacherSettings(
          dimension, epochs, batchSize, margin, negativesPerRow, learningRate, warmupSteps,
          gradientClipNorm, clusterSize, clusterStartEpoch, clusterEvery, labelTextAsDocument,
          validationEvery, threads, seed);
    }
  }
}
