package io.leverxc.distill;

/**
 * The LEVER soft-target formula. The objective
 * {@code (λ/N) Σ_i L(y_i, wᵀx_i) + ((1 − λ)/N) Σ_i L(p̂_i, wᵀx_i)} mixes the ground truth
 * {@code y} with the teacher's estimate {@code p̂} of {@code P(y = 1 | x)}. Binary cross-entropy is
 * affine in its target, so this equals training on {@code s_i = λ · y_i + (1 − λ) · p̂_i}.
 */
public final class SoftTargets {
  private SoftTargets() {}

  /** Returns {@code λ · y + (1 − λ) · p̂}. */
  public static float mix(float groundTruth, float teacherProbability, float lambda) {
    return lambda * groundTruth + (1f - lambda) * teacherProbability;
  }

  /** Returns the target of a pair the teacher added, where {@code y = 0}. */
  public static float added(float teacherProbability, float lambda, AddedPairTarget mode) {
    return switch (mode) {
      case MIXED -> mix(0f, teacherProbability, lambda);
      case TEACHER -> teacherProbability;
    };
  }
}
