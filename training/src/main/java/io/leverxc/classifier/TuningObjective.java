package io.leverxc.classifier;

/** Quality measure that {@link FusionTuner} maximises on the validation split. */
public enum TuningObjective {
  /** Precision at 1. */
  PRECISION_AT_1,
  /** Propensity-scored precision at 5, normalised by its best possible value. */
  PSP_AT_5,
  /** The sum of P@1, PSP@5 and coverage at 5, each in [0, 1]: head, tail and breadth at once. */
  BALANCED,
  /**
   * The largest PSP@5 + C@5 among the settings whose P@1 and P@5 are each within
   * {@link FusionTuner#HEAD_TOLERANCE} of the best on the grid (two documents of P@1 on a smaller
   * split): tail gains that cost the head almost nothing, in the first position and in the whole
   * top 5.
   */
  HEAD_GUARDED
}
