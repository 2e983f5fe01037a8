package io.leverxc.classifier;

import io.leverxc.data.LabelMatrix;
import io.leverxc.eval.Propensity;
import io.leverxc.eval.PropensityConstants;

/**
 * Inverse label propensities of Jain, Prabhu and Varma (KDD 2016):
 * {@code 1/p_l = 1 + C · (N_l + B)^(−A)} with {@code C = (ln N − 1) · (B + 1)^A}, where N is the
 * number of training documents and N_l the number of documents of label l. Rare labels get large
 * weights, so propensity-scored metrics reward getting them right.
 */
public final class Propensities {
  /** A = 0.55 and B = 1.5, the values used for data sets without their own constants. */
  public static final double DEFAULT_A = PropensityConstants.DEFAULT.a();

  public static final double DEFAULT_B = PropensityConstants.DEFAULT.b();

  private Propensities() {}

  /**
   * Returns the inverse propensity of every label of {@code trainLabels}, computed by
   * {@link Propensity}, the weights of {@code lever evaluate}, so that tuning and evaluation agree.
   *
   * @throws IllegalArgumentException if {@code trainLabels} has no rows
   */
  public static float[] inverse(LabelMatrix trainLabels, double a, double b) {
    Propensity propensity = Propensity.fromTrainLabels(trainLabels, new PropensityConstants(a, b));
    float[] inverse = new float[propensity.labelCount()];
    for (int label = 0; label < inverse.length; label++) {
      inverse[label] = (float) propensity.inverse(label);
    }
    return inverse;
  }
}
