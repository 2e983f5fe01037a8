package io.leverxc.pipeline;

import io.leverxc.ann.IndexSettings;
import io.leverxc.classifier.TuningObjective;
import io.leverxc.distill.DistillMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a warm-started retraining run. Everything not listed here (text features, teacher
 * dimension and loss, classifier learning rate, graph settings) comes from the parent bundle or the
 * components' defaults, so the new model stays compatible with the parent's vectors.
 *
 * @param teacherEpochs teacher epochs, fewer than a cold start needs because the encoder starts
 *     trained
 * @param classifierEpochs one-vs-all epochs, fewer than a cold start for the same reason
 * @param distillMode LEVER distillation mode, or null to keep the parent's
 * @param validationFraction share of the training documents held out to tune the fusion weights and
 *     to compare the parent and the new model
 * @param tuningObjective what the fusion weights maximise on the validation split, or null to keep
 *     the parent's
 * @param seed seed of every random choice of the run
 * @param extendVocabulary whether to append the words of the grown data that reach the minimum
 *     document frequency to the parent's vocabulary, instead of ignoring words the parent never saw
 * @param replayFraction share of the rows the parent already trained on that the classifier stage
 *     trains on again, beside every new row; 1 trains on all rows (see {@link ReplaySample})
 * @param negativeSearchEf candidate list size {@code ef} of the graph searches for the
 *     classifiers' hard negatives, where a near miss serves as well as the nearest label
 * @param fusionNearParent whether the fusion tuner searches only the grid neighbours of the
 *     parent's tuned settings instead of the whole grid
 */
public record RetrainSettings(
    int teacherEpochs,
    int classifierEpochs,
    DistillMode distillMode,
    double validationFraction,
    TuningObjective tuningObjective,
    int threads,
    long seed,
    boolean extendVocabulary,
    double replayFraction,
    int negativeSearchEf,
    boolean fusionNearParent) {

  // Measured on the WordNet demo set at dimension 64 (docs/retraining.md): with 6 classifier
  // epochs the new labels' classifiers stay under-trained and P@1 is 0.7 to 1.7 points lower than
  // with 9. A run with 5 teacher epochs and one classifier-negative refresh instead of two fell
  // 1.3 points of P@1 and 1.9 of PSP@5 below a scratch training.
  public static final int DEFAULT_TEACHER_EPOCHS = 10;
  public static final int DEFAULT_CLASSIFIER_EPOCHS = 9;
  public static final double DEFAULT_VALIDATION_FRACTION = 0.05;
  // On the WordNet split 64% of the rows are new, and a replay fraction of 0.25 cost 2.9 points
  // of test C@5, so by default every row is trained again.
  public static final double DEFAULT_REPLAY_FRACTION = 1.0;
  public static final int DEFAULT_NEGATIVE_SEARCH_EF = PipelineSettings.NEGATIVE_SEARCH_EF;

  public RetrainSettings {
    if (teacherEpochs < 1) {
      throw new IllegalArgumentException("teacher epochs must be at least 1, got " + teacherEpochs);
    }
    if (classifierEpochs < 1) {
      throw new IllegalArgumentException("classifier epochs must be at least 1, got " + classifierEpochs);
    }
    if (!(validationFraction >= 0 && validationFraction <= PipelineSettings.MAX_VALIDATION_FRACTION)) {
      throw new IllegalArgumentException(
          "validation fraction must be in [0, " + PipelineSettings.MAX_VALIDATION_FRACTION + "], got "
              + validationFraction);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (!(replayFraction >= 0 && replayFraction <= 1)) {
      throw new IllegalArgumentException("replay fraction must be in [0, 1], got " + replayFraction);
    }
    if (negativeSearchEf < 1 || negativeSearchEf > IndexSettings.MAX_EF) {
      throw new IllegalArgumentException(
          "negative search ef must be in [1, " + IndexSettings.MAX_EF + "], got " + negativeSearchEf);
    }
  }

  /** Creates settings with the default replay fraction, negative search ef and fusion search. */
  public RetrainSettings(
      int teacherEpochs,
      int classifierEpochs,
      DistillMode distillMode,
      double validationFraction,
      TuningObjective tuningObjective,
      int threads,
      long seed,
      boolean extendVocabulary) {
    this(
        teacherEpochs, classifierEpochs, distillMode, validationFraction, tuningObjective, threads, seed,
        extendVocabulary, DEFAULT_REPLAY_FRACTION, DEFAULT_NEGATIVE_SEARCH_EF, true);
  }

  /** Creates settings that keep the parent's vocabulary. */
  public RetrainSettings(
      int teacherEpochs,
      int classifierEpochs,
      DistillMode distillMode,
      double validationFraction,
      TuningObjective tuningObjective,
      int threads,
      long seed) {
    this(teacherEpochs, classifierEpochs, distillMode, validationFraction, tuningObjective, threads, seed, false);
  }

  /** Returns the default settings with {@code threads} workers and {@code seed}. */
  public static RetrainSettings defaults(int threads, long seed) {
    return new RetrainSettings(
        DEFAULT_TEACHER_EPOCHS, DEFAULT_CLASSIFIER_EPOCHS, null, DEFAULT_VALIDATION_FRACTION, null, threads, seed);
  }

  /** Returns a copy that extends the parent's vocabulary when {@code extend} is true. */
  public RetrainSettings withExtendVocabulary(boolean extend) {
    return new RetrainSettings(
        teacherEpochs, classifierEpochs, distillMode, validationFraction, tuningObjective, threads, seed, extend,
        replayFraction, negativeSearchEf, fusionNearParent);
  }

  /**
   * Returns a copy with another replay fraction, negative search ef and fusion search.
   *
   * @throws IllegalArgumentException if the fraction is outside [0, 1] or the ef out of range
   */
  public RetrainSettings withSpeedSettings(double newReplayFraction, int newNegativeSearchEf, boolean newFusionNearParent) {
    return new RetrainSettings(
        teacherEpochs, classifierEpochs, distillMode, validationFraction, tuningObjective, threads, seed,
        extendVocabulary, newReplayFraction, newNegativeSearchEf, newFusionNearParent);
  }

  /** Settings of the run itself, for the manifest. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("teacher_epochs", teacherEpochs);
    map.put("classifier_epochs", classifierEpochs);
    map.put("validation_fraction", validationFraction);
    map.put("threads", threads);
    map.put("seed", seed);
    map.put("vocabulary", extendVocabulary ? "extended" : "kept");
    map.put("replay_fraction", replayFraction);
    map.put("negative_search_ef", negativeSearchEf);
    map.put("fusion_search", fusionNearParent ? "near_parent" : "full_grid");
    return map;
  }
}
