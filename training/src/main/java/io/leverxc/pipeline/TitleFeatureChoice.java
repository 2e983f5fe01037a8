package io.leverxc.pipeline;

import io.leverxc.classifier.ValidationSplit;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.teacher.PairFilter;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides on the validation split whether a data set's titles get character n-gram features
 * ({@link FeatureSettings#titleCharNgrams()}).
 *
 * <p>Whether they help depends on what the titles are. Debian package names such as
 * "python3-yaml" or "libssl-dev" spell out several of their tags, and on LF-Debtags-554 the
 * title n-grams raised the fused model's validation P@1 from 86.7 to 90.2. WordNet titles are
 * lists of synonyms, whose spelling carries little information about their hypernyms, and there
 * they lowered it from 79.6 to 77.2. Training both ways to find out would double the training time, so the choice
 * is made by a cheap proxy that agreed with both trainings: each validation document takes the
 * labels of its nearest training documents by TF-IDF cosine ({@link NeighbourLabelProbe}), once
 * with and once without the title features. They are kept when the documents with a true label
 * first rise by at least {@value #MIN_PRECISION_GAIN_PERCENT}% of the documents and by at least {@value
 * #MIN_SIGN_TEST_Z} standard deviations of a sign test over the documents whose first label
 * changed from a hit to a miss or back. That proxy gave P@1 0.660 and 0.686 on LF-Debtags-554,
 * 0.729 and 0.579 on LF-WordNetHierarchy-15K.
 */
final class TitleFeatureChoice {
  private static final Logger LOG = LoggerFactory.getLogger(TitleFeatureChoice.class);

  /** Smallest rise of the probe's P@1, in percent of the probed documents, for which the title features are kept. */
  static final int MIN_PRECISION_GAIN_PERCENT = 1;

  /**
   * Smallest rise of the probe's hits at 1, in standard deviations of the count under no effect,
   * for which the title features are kept. Under no effect each changed document is equally
   * likely to gain or lose, so the rise has standard deviation sqrt(changed documents). With 2,
   * noise alone keeps the features about once in 40 runs.
   */
  static final double MIN_SIGN_TEST_Z = 2.0;

  /** Minimum number of validation documents the probe decides on; with fewer the title features are left out. */
  static final int MIN_PROBE_DOCUMENTS = 100;

  /** Largest number of validation documents the probe labels, evenly spaced. */
  static final int MAX_PROBE_DOCUMENTS = 3000;

  /** Training documents whose labels each probe document takes. */
  static final int PROBE_NEIGHBOURS = 10;

  private TitleFeatureChoice() {}

  /**
   * The decision, the probe's P@1 without and with the title features (NaN when the probe did not
   * run), and why.
   */
  record Outcome(FeatureSettings settings, double precisionWithout, double precisionWith, String reason) {}

  /**
   * Returns {@code base} with {@link FeatureSettings#titleCharNgrams()} set as the probe decides.
   *
   * @param texts the data set's training texts, all rows
   * @param labels the data set's training labels, all rows
   * @param labelTexts the label texts, fitted with the training texts as in the pipeline
   * @param split which rows are searched and which are probed
   * @param filter pairs of a training row and a label that are never predicted for that row
   */
  static Outcome choose(
      FeatureSettings base,
      List<String> texts,
      LabelMatrix labels,
      List<String> labelTexts,
      ValidationSplit split,
      FilterPairs filter,
      int threads) {
    FeatureSettings without = base.toBuilder().titleCharNgrams(false).build();
    if (!anyTitle(texts)) {
      return log(new Outcome(without, Double.NaN, Double.NaN,
          "no training text has a title (text before '" + FeatureSettings.TITLE_SEPARATOR + "' within the first "
              + FeatureSettings.MAX_TITLE_CHARS + " characters)"));
    }
    int[] trainRows = split.trainRows();
    int[] validationRows = split.validationRows();
    // Rounded up, so that at most MAX_PROBE_DOCUMENTS are labelled.
    int stride = Math.max(1, (validationRows.length + MAX_PROBE_DOCUMENTS - 1) / MAX_PROBE_DOCUMENTS);
    int probed = (validationRows.length + stride - 1) / stride;
    if (probed < MIN_PROBE_DOCUMENTS) {
      LOG.warn(
          "Only {} validation documents, too few to choose title character n-grams (at least {}); they are left out."
              + " Set them with lever train --title-ngrams true or false, or hold out more documents"
              + " with --validation-fraction", probed, MIN_PROBE_DOCUMENTS);
      return new Outcome(without, Double.NaN, Double.NaN, "too few validation documents");
    }
    List<String> trainTexts = ValidationSplit.select(texts, trainRows);
    List<String> validationTexts = ValidationSplit.select(texts, validationRows);
    LabelMatrix trainLabels = ValidationSplit.select(labels, trainRows);
    LabelMatrix validationLabels = ValidationSplit.select(labels, validationRows);
    PairFilter validationFilter = (row, label) -> filter.contains(validationRows[row], label);
    List<String> fitTexts = new ArrayList<>(trainTexts);
    fitTexts.addAll(labelTexts);

    NeighbourLabelProbe.Result[] results = new NeighbourLabelProbe.Result[2];
    for (int withTitles = 0; withTitles < 2; withTitles++) {
      FeatureSettings candidate = base.toBuilder().titleCharNgrams(withTitles == 1).build();
      TfidfFeaturizer featurizer = TfidfFeaturizer.fit(candidate, fitTexts, threads);
      NeighbourLabelProbe probe = new NeighbourLabelProbe(featurizer, trainTexts, trainLabels);
      results[withTitles] =
          probe.evaluate(featurizer, validationTexts, validationLabels, validationFilter, stride, PROBE_NEIGHBOURS, threads);
    }
    BitSet hitsWithout = results[0].firstLabelHits();
    BitSet hitsWith = results[1].firstLabelHits();
    int rise = hitsWith.cardinality() - hitsWithout.cardinality();
    BitSet changed = (BitSet) hitsWith.clone();
    changed.xor(hitsWithout);
    boolean keep = keeps(rise, changed.cardinality(), probed);
    String reason =
        String.format(
            Locale.ROOT,
            "%+d of %d validation documents with a true first label, %d changed; kept from %+d and %.1f standard"
                + " deviations",
            rise, probed, changed.cardinality(), minimumRise(probed), MIN_SIGN_TEST_Z);
    return log(new Outcome(
        base.toBuilder().titleCharNgrams(keep).build(), results[0].precisionAt1(), results[1].precisionAt1(), reason));
  }

  /** Returns whether any of {@code texts} has a title in the sense of {@link FeatureSettings#titleLength(String)}. */
  static boolean anyTitle(List<String> texts) {
    return texts.stream().anyMatch(text -> FeatureSettings.titleLength(text) >= 0);
  }

  /**
   * Returns whether a rise of {@code rise} documents with a true first label, of {@code probed},
   * with {@code changed} documents whose first label went from a hit to a miss or back, keeps the
   * title features.
   */
  static boolean keeps(int rise, int changed, int probed) {
    return rise > 0 && rise >= minimumRise(probed) && rise >= MIN_SIGN_TEST_Z * Math.sqrt(changed);
  }

  /** Returns the smallest rise in documents that is at least {@link #MIN_PRECISION_GAIN_PERCENT} percent of {@code probed}. */
  static int minimumRise(int probed) {
    return (int) ((probed * (long) MIN_PRECISION_GAIN_PERCENT + 99) / 100);
  }

  private static Outcome log(Outcome outcome) {
    String decision = outcome.settings().titleCharNgrams() ? "kept" : "left out";
    if (Double.isNaN(outcome.precisionWith())) {
      LOG.info("Title character n-grams {}: {}", decision, outcome.reason());
    } else {
      LOG.info(
          String.format(
              Locale.ROOT,
              "Title character n-grams %s: nearest-neighbour P@1 of the validation documents %.4f without, %.4f with"
                  + " (%s)",
              decision,
              outcome.precisionWithout(),
              outcome.precisionWith(),
              outcome.reason()));
    }
    return outcome;
  }
}
