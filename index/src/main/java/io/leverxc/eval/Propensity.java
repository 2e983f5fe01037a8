package io.leverxc.eval;

import io.leverxc.data.LabelMatrix;

/**
 * Inverse label propensities of the Jain et al. (2016) model, as pyxclib's
 * {@code compute_inv_propesity} computes them: {@code w_l = 1 + C·(N_l + B)^(−A)} with
 * {@code C = (ln N − 1)·(B + 1)^A}, where N is the number of train documents and N_l the number of
 * train documents tagged with label l. Rare labels get large weights, and a label absent from
 * train gets the largest weight, {@code 1 + C·B^(−A)}.
 *
 * <p>Compute it from the original binary train label matrix, never from an augmented or soft one,
 * because the weights must match those every published PSP@k number used. Immutable.
 */
public final class Propensity {
  /**
   * Smallest number of train documents for which the weights are at least 1: {@code ln N − 1} is negative below
   * 3, so rare labels would weigh less than frequent ones and PSP@k could exceed 100%.
   */
  public static final int MIN_TRAIN_DOCUMENTS = 3;

  private final PropensityConstants constants;
  private final int trainDocuments;
  private final int[] trainFrequencies;
  private final double[] inverse;

  private Propensity(PropensityConstants constants, int trainDocuments, int[] trainFrequencies, double[] inverse) {
    this.constants = constants;
    this.trainDocuments = trainDocuments;
    this.trainFrequencies = trainFrequencies;
    this.inverse = inverse;
  }

  /**
   * Wraps given inverse propensities, so tests can use round weights such as those of worked
   * examples. The constants are recorded but not used.
   */
  static Propensity withInverseWeights(double[] inverse, int[] trainFrequencies, int trainDocuments) {
    return new Propensity(PropensityConstants.DEFAULT, trainDocuments, trainFrequencies.clone(), inverse.clone());
  }

  /**
   * Computes the weights from a train label matrix: every stored entry counts as one positive,
   * whatever its value.
   *
   * @throws IllegalArgumentException if the matrix has no rows
   */
  public static Propensity fromTrainLabels(LabelMatrix trainLabels, PropensityConstants constants) {
    return fromFrequencies(trainLabels.labelFrequencies(), trainLabels.rows(), constants);
  }

  /**
   * Computes the weights from per-label train document counts.
   *
   * @param trainFrequencies number of train documents of each label; the array is copied
   * @param trainDocuments number of train documents N
   * @throws IllegalArgumentException if N is not positive, a count is negative or above N, or the
   *     constants give weights beyond the range of a double
   */
  public static Propensity fromFrequencies(int[] trainFrequencies, int trainDocuments, PropensityConstants constants) {
    if (trainDocuments <= 0) {
      throw new IllegalArgumentException("propensities need at least one train document, got " + trainDocuments);
    }
    for (int label = 0; label < trainFrequencies.length; label++) {
      int count = trainFrequencies[label];
      if (count < 0 || count > trainDocuments) {
        throw new IllegalArgumentException(
            "label " + label + " has train frequency " + count + ", expected 0 to " + trainDocuments);
      }
    }
    double scale = (Math.log(trainDocuments) - 1) * Math.pow(constants.b() + 1, constants.a());
    if (!Double.isFinite(scale)) {
      throw new IllegalArgumentException("propensity constants A=" + constants.a() + ", B=" + constants.b()
          + " give weights too large for a double ((B + 1)^A overflows); the usual values are A 0.5 to 0.6 and"
          + " B 0.4 to 2.6");
    }
    double[] inverse = new double[trainFrequencies.length];
    for (int label = 0; label < trainFrequencies.length; label++) {
      inverse[label] = 1 + scale * Math.pow(trainFrequencies[label] + constants.b(), -constants.a());
    }
    return new Propensity(constants, trainDocuments, trainFrequencies.clone(), inverse);
  }

  /** Returns the inverse propensity {@code 1/p_l} of a label, at least 1. */
  public double inverse(int label) {
    return inverse[label];
  }

  /** Returns the number of train documents tagged with a label. */
  public int trainFrequency(int label) {
    return trainFrequencies[label];
  }

  /** Number of labels the weights cover. */
  public int labelCount() {
    return inverse.length;
  }

  /** Number of train documents N. */
  public int trainDocuments() {
    return trainDocuments;
  }

  public PropensityConstants constants() {
    return constants;
  }
}
