package io.leverxc.distill;

/** Mapping from a teacher cosine to the relevance probability p̂ used as a soft target. */
public enum TeacherCalibration {
  /** {@code p̂ = (1 + cos) / 2}, the mapping of the LEVER reference code; monotone onto [0, 1]. */
  LINEAR,
  /** {@code p̂ = σ(scale · cos + shift)}, a Platt-style sigmoid of the scaled cosine. */
  SIGMOID;

  /** Returns p̂ for one cosine; {@code scale} and {@code shift} are used by {@link #SIGMOID} only. */
  public float probability(float cosine, float scale, float shift) {
    return switch (this) {
      case LINEAR -> (1f + cosine) / 2f;
      case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-(scale * cosine + shift))));
    };
  }
}
