package io.leverxc.classifier;

import io.leverxc.data.LabelMatrix;

/**
 * Inverse label propensities of Jain, Prabhu and Varma (KDD 2016):
 * {@code 1/p_l = 1 + C · (N_l + B)^(−A)} with {@code C = (ln N − 1) · (B + 1)^A}, where N is the
 * number of training documents and N_l the number of documents of label l. Rare labels get large
 * weights, so propensity-scored metrics reward getting them right.
 */
public final class Propensities {
  /** A = 0.55 and B = 1.5, the values used for data sets without their own constants. */
  public static final double DEFAULT_A = 0.55;

  public static final double DEFAULT_B = 1.5;

  private Propensities() {}

  /** Returns the inverse propensity of every label of {@code trainLabels}. */
  public static float[] inverse(LabelMatrix trainLabels, double a, double b) {
    int documents = trainLabels.rows();
    double c = (Math.log(documents) - 1) * Math.pow(b + 1, a);
    int[] frequencies = trainLabels.labelFrequencies();
    float[] inverse = new float[frequencies.length];
    for (int label = 0; label < frequencies.length; label++) {
      inverse[label] = (float) (1 + c * Math.pow(frequencies[label] + b, -a));
    }
    return inverse;
  }
}
