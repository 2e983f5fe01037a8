package io.leverxc.pipeline;

import io.leverxc.classifier.ValidationSplit;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.teacher.PairFilter;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import java.util.ArrayList;
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
 * lists of synonyms, whose spelling carries little information about their hypernyms, and there they lowered it
 * from 79.6 to 77.2. Training both ways to find out would double the training time, so the choice
 * is made by a cheap proxy that agreed with both trainings: each validation document takes the
 * labels of its nearest training documents by TF-IDF cosine ({@link NeighbourLabelProbe}), once
 * with and once without the title features, and they are kept when P@1 rises by at least {@value
 * #MIN_PRECISION_GAIN}. That proxy gave 0.660 and 0.686 on LF-Debtags-554, 0.729 and 0.579 on
 * LF-WordNetHierarchy-15K.
 */
final class TitleFeatureChoice {
  private static final Logger LOG = LoggerFactory.getLogger(TitleFeatureChoice.class);

  /**
   * Smallest rise of the probe's P@1 for which the title features are kept. It is an estimate of
   * the standard error of that rise on 1,000 validation documents when a tenth of them change
   * their first label, so that noise alone seldom adds the features.
   */
  static final double MIN_PRECISION_GAIN = 0.01;

  /** Largest number of validation documents the probe labels, evenly spaced. */
  static final int MAX_PROBE_DOCUMENTS = 3000;

  /** Training documents whose labels each probe document takes. */
  static final int PROBE_NEIGHBOURS = 10;

  private TitleFeatureChoice() {}

  /** The decision and the probe's P@1 without and with the title features. */
  record Outcome(FeatureSettings settings, double precisionWithout, double precisionWith) {}

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
    int[] trainRows = split.trainRows();
    int[] validationRows = split.validationRows();
    List<String> trainTexts = select(texts, trainRows);
    List<String> validationTexts = select(texts, validationRows);
    LabelMatrix trainLabels = ValidationSplit.select(labels, trainRows);
    LabelMatrix validationLabels = ValidationSplit.select(labels, validationRows);
    PairFilter validationFilter = (row, label) -> filter.contains(validationRows[row], label);
    List<String> fitTexts = new ArrayList<>(trainTexts);
    fitTexts.addAll(labelTexts);
    // Rounded up, so that at most MAX_PROBE_DOCUMENTS are labelled.
    int stride = Math.max(1, (validationTexts.size() + MAX_PROBE_DOCUMENTS - 1) / MAX_PROBE_DOCUMENTS);

    double[] precision = new double[2];
    for (int withTitles = 0; withTitles < 2; withTitles++) {
      FeatureSettings candidate = base.toBuilder().titleCharNgrams(withTitles == 1).build();
      TfidfFeaturizer featurizer = TfidfFeaturizer.fit(candidate, fitTexts, threads);
      NeighbourLabelProbe probe = new NeighbourLabelProbe(featurizer, trainTexts, trainLabels);
      precision[withTitles] =
          probe.evaluate(featurizer, validationTexts, validationLabels, validationFilter, stride, PROBE_NEIGHBOURS, threads)
              .precisionAt1();
    }
    boolean keep = precision[1] >= precision[0] + MIN_PRECISION_GAIN;
    LOG.info(
        String.format(
            Locale.ROOT,
            "Title character n-grams %s: nearest-neighbour P@1 of the validation documents %.4f without, %.4f with"
                + " (kept from a rise of %.2f)",
            keep ? "kept" : "left out",
            precision[0],
            precision[1],
            MIN_PRECISION_GAIN));
    return new Outcome(base.toBuilder().titleCharNgrams(keep).build(), precision[0], precision[1]);
  }

  private static List<String> select(List<String> texts, int[] rows) {
    List<String> selected = new ArrayList<>(rows.length);
    for (int row : rows) {
      selected.add(texts.get(row));
    }
    return selected;
  }
}
