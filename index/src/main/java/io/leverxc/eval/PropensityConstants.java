package io.leverxc.eval;

import java.util.Locale;

/**
 * The constants A and B of the Jain et al. (2016) propensity model. The XC community picks them
 * by data set family: Amazon data sets use A=0.6, B=2.6, Wikipedia data sets use A=0.5, B=0.4, and
 * every other data set uses A=0.55, B=1.5.
 *
 * @param a exponent A, positive
 * @param b offset B added to each label's train frequency, positive
 */
public record PropensityConstants(double a, double b) {
  /** A=0.55, B=1.5: the constants for data sets outside the Amazon and Wikipedia families. */
  public static final PropensityConstants DEFAULT = new PropensityConstants(0.55, 1.5);

  /** A=0.6, B=2.6: the constants for the Amazon family (LF-AmazonTitles-131K, Amazon-670K, ...). */
  public static final PropensityConstants AMAZON = new PropensityConstants(0.6, 2.6);

  /** A=0.5, B=0.4: the constants for the Wikipedia family (LF-Wikipedia-500K, LF-WikiSeeAlso-320K, ...). */
  public static final PropensityConstants WIKIPEDIA = new PropensityConstants(0.5, 0.4);

  /**
   * Checks both constants.
   *
   * @throws IllegalArgumentException if A or B is not a positive finite number
   */
  public PropensityConstants {
    if (!(a > 0) || !Double.isFinite(a)) {
      throw new IllegalArgumentException("propensity constant A must be a positive number, got " + a);
    }
    if (!(b > 0) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("propensity constant B must be a positive number, got " + b);
    }
  }

  /**
   * Parses a preset name ({@code default}, {@code amazon}, {@code wikipedia}, any case) or an
   * explicit pair {@code A,B} such as {@code 0.55,1.5}.
   *
   * @throws IllegalArgumentException naming the text and the accepted forms if it is neither
   */
  public static PropensityConstants parse(String text) {
    String trimmed = text.trim();
    switch (trimmed.toLowerCase(Locale.ROOT)) {
      case "default" -> {
        return DEFAULT;
      }
      case "amazon" -> {
        return AMAZON;
      }
      case "wikipedia" -> {
        return WIKIPEDIA;
      }
      default -> {
        // An explicit pair follows.
      }
    }
    String[] parts = trimmed.split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "invalid propensity constants '" + text + "': expected default, amazon, wikipedia or A,B (e.g. 0.55,1.5)");
    }
    try {
      return new PropensityConstants(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid propensity constants '" + text + "': A and B must be numbers, e.g. 0.55,1.5", e);
    }
  }
}
