package io.leverxc.distill;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every weight, threshold and cap of LEVER distillation, validated on construction.
 *
 * @param mode what to add to the training targets
 * @param lambda weight λ of the ground truth in {@code λ · y + (1 − λ) · p̂}, in [0, 1]
 * @param calibration how a teacher cosine becomes p̂
 * @param sigmoidScale slope of {@link TeacherCalibration#SIGMOID}, positive so that p̂ rises with the cosine
 * @param sigmoidShift offset of {@link TeacherCalibration#SIGMOID}
 * @param mixGroundTruth whether ground-truth pairs get {@code λ + (1 − λ) · p̂} rather than 1
 * @param labelNeighbourCap maximum number of further labels that a label's own document is softly positive for
 * @param labelThreshold minimum p̂ of such a label-to-label pair, in [0, 1]
 * @param documentTopUpCount labels with fewer training documents than this receive teacher-nearest
 *     documents until they have this many; 0 turns the top-up off
 * @param documentThreshold minimum p̂ of a document added to a label, in [0, 1]
 * @param addedPairTarget target of a pair the teacher added
 * @param candidateCount number of nearest labels or documents examined per label
 */
public record DistillSettings(
    DistillMode mode,
    float lambda,
    TeacherCalibration calibration,
    float sigmoidScale,
    float sigmoidShift,
    boolean mixGroundTruth,
    int labelNeighbourCap,
    float labelThreshold,
    int documentTopUpCount,
    float documentThreshold,
    AddedPairTarget addedPairTarget,
    int candidateCount) {

  /** λ = 0.5, the value that the LEVER paper (ICLR 2024) uses in all of its experiments. */
  public static final float DEFAULT_LAMBDA = 0.5f;

  /** At most 3 further labels per label, the value in the usage line of the LEVER reference code. */
  public static final int DEFAULT_LABEL_NEIGHBOUR_CAP = 3;

  /** p̂ ≥ 0.8, that is cos ≥ 0.6 under the linear mapping, the LEVER reference code's default. */
  public static final float DEFAULT_LABEL_THRESHOLD = 0.8f;

  /** Same threshold as for labels, as in the LEVER reference code. */
  public static final float DEFAULT_DOCUMENT_THRESHOLD = 0.8f;

  // NOTE: an untuned guess. The reference code has no default, and its usage line turns the top-up off.
  public static final int DEFAULT_DOCUMENT_TOP_UP_COUNT = 5;

  // NOTE: an untuned guess, chosen so that p̂ passes 0.8 from cos ≈ 0.28.
  public static final float DEFAULT_SIGMOID_SCALE = 5f;
  public static final float DEFAULT_SIGMOID_SHIFT = 0f;

  /**
   * Ground-truth pairs keep target 1 by default. On LF-Debtags-554 with a TF-IDF random-projection
   * stand-in teacher, mixing them with p̂ cost the classifiers 8 points of P@1 (48.6 to 40.5).
   */
  public static final boolean DEFAULT_MIX_GROUND_TRUTH = false;

  /** 100 neighbours per label, the k of the reference code's HNSW queries. */
  public static final int DEFAULT_CANDIDATE_COUNT = 100;

  /** Upper bound on caps and candidate counts, far above the largest that the LEVER paper uses (100). */
  public static final int MAX_COUNT = 10_000;

  /**
   * Upper bound on {@code labelNeighbourCap}: one below {@link #MAX_COUNT}, because a label's own
   * search also returns the label itself and so reads one candidate more than the cap.
   */
  public static final int MAX_LABEL_NEIGHBOURS = MAX_COUNT - 1;

  public DistillSettings {
    if (mode == null || calibration == null || addedPairTarget == null) {
      throw new IllegalArgumentException("distill mode, calibration and addedPairTarget must be set");
    }
    checkUnit("lambda", lambda);
    if (!(sigmoidScale > 0f) || Float.isInfinite(sigmoidScale)) {
      throw new IllegalArgumentException("distill sigmoidScale must be positive and finite, got " + sigmoidScale);
    }
    if (!Float.isFinite(sigmoidShift)) {
      throw new IllegalArgumentException("distill sigmoidShift must be finite, got " + sigmoidShift);
    }
    checkCount("labelNeighbourCap", labelNeighbourCap, 0, MAX_LABEL_NEIGHBOURS);
    checkUnit("labelThreshold", labelThreshold);
    checkCount("documentTopUpCount", documentTopUpCount, 0, MAX_COUNT);
    checkUnit("documentThreshold", documentThreshold);
    checkCount("candidateCount", candidateCount, 1, MAX_COUNT);
  }

  private static void checkUnit(String name, float value) {
    if (!(value >= 0f && value <= 1f)) {
      throw new IllegalArgumentException("distill " + name + " must be in [0, 1], got " + value);
    }
  }

  private static void checkCount(String name, int value, int minimum, int maximum) {
    if (value < minimum || value > maximum) {
      throw new IllegalArgumentException(
          "distill " + name + " must be in [" + minimum + ", " + maximum + "], got " + value);
    }
  }

  /** Returns the defaults for {@code mode}. */
  public static DistillSettings defaults(DistillMode mode) {
    return new DistillSettings(
        mode,
        DEFAULT_LAMBDA,
        TeacherCalibration.LINEAR,
        DEFAULT_SIGMOID_SCALE,
        DEFAULT_SIGMOID_SHIFT,
        DEFAULT_MIX_GROUND_TRUTH,
        DEFAULT_LABEL_NEIGHBOUR_CAP,
        DEFAULT_LABEL_THRESHOLD,
        DEFAULT_DOCUMENT_TOP_UP_COUNT,
        DEFAULT_DOCUMENT_THRESHOLD,
        AddedPairTarget.MIXED,
        DEFAULT_CANDIDATE_COUNT);
  }

  /** Returns p̂ for a teacher cosine under this calibration. */
  public float teacherProbability(float cosine) {
    return calibration.probability(cosine, sigmoidScale, sigmoidShift);
  }

  /** Returns a copy with another document top-up count. */
  public DistillSettings withDocumentTopUpCount(int count) {
    return new DistillSettings(
        mode, lambda, calibration, sigmoidScale, sigmoidShift, mixGroundTruth, labelNeighbourCap,
        labelThreshold, count, documentThreshold, addedPairTarget, candidateCount);
  }

  /**
   * Returns a copy with other augmentation limits: the label-to-label cap and threshold and the
   * tail top-up count and threshold.
   */
  public DistillSettings withAugmentation(
      int newLabelNeighbourCap, float newLabelThreshold, int newDocumentTopUpCount, float newDocumentThreshold) {
    return new DistillSettings(
        mode, lambda, calibration, sigmoidScale, sigmoidShift, mixGroundTruth, newLabelNeighbourCap,
        newLabelThreshold, newDocumentTopUpCount, newDocumentThreshold, addedPairTarget, candidateCount);
  }

  /** Returns a copy with another weight λ of the ground truth and another target for added pairs. */
  public DistillSettings withTargets(float newLambda, AddedPairTarget newAddedPairTarget) {
    return new DistillSettings(
        mode, newLambda, calibration, sigmoidScale, sigmoidShift, mixGroundTruth, labelNeighbourCap,
        labelThreshold, documentTopUpCount, documentThreshold, newAddedPairTarget, candidateCount);
  }

  /** Returns a copy with another candidate count. */
  public DistillSettings withCandidateCount(int count) {
    return new DistillSettings(
        mode, lambda, calibration, sigmoidScale, sigmoidShift, mixGroundTruth, labelNeighbourCap,
        labelThreshold, documentTopUpCount, documentThreshold, addedPairTarget, count);
  }

  /**
   * Returns the fewest candidates per label that give the same pairs as any larger count under an
   * exact search. A label keeps at most {@code labelNeighbourCap} neighbours besides itself. A tail
   * label with f positives skips at most those f and gains at most {@code documentTopUpCount - f}
   * documents, so it never reads past candidate {@code documentTopUpCount}.
   */
  public int sufficientCandidateCount() {
    return Math.max(1, Math.max(labelNeighbourCap + 1, documentTopUpCount));
  }

  /** Returns a copy with ground-truth mixing switched on or off. */
  public DistillSettings withMixGroundTruth(boolean mix) {
    return new DistillSettings(
        mode, lambda, calibration, sigmoidScale, sigmoidShift, mix, labelNeighbourCap,
        labelThreshold, documentTopUpCount, documentThreshold, addedPairTarget, candidateCount);
  }

  /**
   * Returns the settings recorded by {@link #toMap} with another mode. A field that {@code map}
   * lacks keeps its default, so manifests written before the field existed still read.
   *
   * @throws IllegalArgumentException naming the first field of the wrong type or out of range
   */
  public static DistillSettings fromMap(Map<String, ?> map, DistillMode mode) {
    DistillSettings defaults = defaults(mode);
    return new DistillSettings(
        mode,
        floatField(map, "lambda", defaults.lambda()),
        enumField(map, "calibration", TeacherCalibration.class, defaults.calibration()),
        floatField(map, "sigmoidScale", defaults.sigmoidScale()),
        floatField(map, "sigmoidShift", defaults.sigmoidShift()),
        map.get("mixGroundTruth") instanceof Boolean mix ? mix : defaults.mixGroundTruth(),
        (int) floatField(map, "labelNeighbourCap", defaults.labelNeighbourCap()),
        floatField(map, "labelThreshold", defaults.labelThreshold()),
        (int) floatField(map, "documentTopUpCount", defaults.documentTopUpCount()),
        floatField(map, "documentThreshold", defaults.documentThreshold()),
        enumField(map, "addedPairTarget", AddedPairTarget.class, defaults.addedPairTarget()),
        (int) floatField(map, "candidateCount", defaults.candidateCount()));
  }

  private static float floatField(Map<String, ?> map, String name, float fallback) {
    Object value = map.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException("distill setting " + name + " must be a number, found " + value);
    }
    return number.floatValue();
  }

  private static <E extends Enum<E>> E enumField(Map<String, ?> map, String name, Class<E> type, E fallback) {
    Object value = map.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "distill setting " + name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
              + ", found " + value, e);
    }
  }

  /** Returns the settings as ordered name/value pairs for the model bundle's manifest. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("mode", mode.name());
    map.put("lambda", lambda);
    map.put("calibration", calibration.name());
    map.put("sigmoidScale", sigmoidScale);
    map.put("sigmoidShift", sigmoidShift);
    map.put("mixGroundTruth", mixGroundTruth);
    map.put("labelNeighbourCap", labelNeighbourCap);
    map.put("labelThreshold", labelThreshold);
    map.put("documentTopUpCount", documentTopUpCount);
    map.put("documentThreshold", documentThreshold);
    map.put("addedPairTarget", addedPairTarget.name());
    map.put("candidateCount", candidateCount);
    return map;
  }
}
