package io.leverxc.cli;

import io.leverxc.eval.EvaluationResult;
import io.leverxc.eval.LabelGroups;
import io.leverxc.eval.PairedBootstrap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Formats one or more evaluation results as plain-text tables, metrics as percentages with two
 * decimals. With two results a last column shows the second minus the first.
 */
final class EvaluationTable {
  private static final String METRIC_FORMAT = "%-24s";
  private static final String VALUE_FORMAT = " %13s";
  private static final int PREFERRED_SUMMARY_K = 5;

  private EvaluationTable() {}

  /**
   * Formats the metric table, then the per-bin and per-bucket contributions.
   *
   * @param names one display name per result, in the same order
   */
  static String format(List<String> names, List<EvaluationResult> results) {
    EvaluationResult first = results.get(0);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "%,d test documents, %,d labels (%,d present in the test ground truth), propensity A=%s B=%s%n%n",
        first.documents(), first.labels(), first.testLabels(),
        first.propensity().a(), first.propensity().b()));
    appendHeader(out, "metric (%)", names);
    for (String metric : first.metrics().keySet()) {
      List<Double> values = new ArrayList<>();
      for (EvaluationResult result : results) {
        values.add(result.metric(metric));
      }
      appendRow(out, metric, values);
    }
    for (int i = 0; i < results.size(); i++) {
      EvaluationResult result = results.get(i);
      if (result.documentsWithFewerThanMaxK() > 0 || result.filteredPredictions() > 0) {
        long shortDocuments = result.documentsWithFewerThanMaxK();
        out.append(String.format(Locale.ROOT,
            "%s: %,d %s fewer than %d predictions (missing positions count as misses); %,d filtered %s removed%n",
            names.get(i), shortDocuments, shortDocuments == 1 ? "document had" : "documents had",
            result.ks()[result.ks().length - 1], result.filteredPredictions(),
            result.filteredPredictions() == 1 ? "prediction" : "predictions"));
      }
    }
    out.append(String.format(Locale.ROOT,
        "%nTail bins: labels by train frequency, rarest first, each bin about 1/%d of the test positives;"
            + " contributions sum to the totals (%%). Labels of one frequency can fall on both sides of a bin edge,"
            + " so neighbouring ranges can share it.%n",
        first.bins().size()));
    appendGroups(out, names, results, true);
    out.append(String.format(Locale.ROOT, "%nTrain-frequency buckets: contributions (%%)%n"));
    appendGroups(out, names, results, false);
    return out.toString();
  }

  /**
   * Formats one paired bootstrap comparison: per metric the difference in percentage points, its
   * 95% interval and whether the interval excludes zero. The interval covers the choice of test
   * data, not the randomness of training.
   *
   * @param documents number of test documents that each resample draws
   */
  static String formatComparison(PairedBootstrap.Comparison comparison, int documents) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT,
        "Paired bootstrap of %s - %s: %,d resamples of the %,d test documents (seed %d);"
            + " difference and %.0f%% interval in percentage points; C@k resamples the labels present in the"
            + " test ground truth. The interval covers the choice of test data, not the randomness of training.%n",
        comparison.second(), comparison.first(), comparison.resamples(), documents, comparison.seed(),
        100 * PairedBootstrap.CONFIDENCE));
    out.append(String.format(Locale.ROOT, "%-10s%12s%22s%20s%n", "metric", "difference", "interval", "interval excludes 0"));
    for (PairedBootstrap.Difference difference : comparison.differences()) {
      out.append(String.format(Locale.ROOT, "%-10s%+12.2f%22s%20s%n",
          difference.metric(), 100 * difference.difference(),
          String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * difference.lower(), 100 * difference.upper()),
          difference.excludesZero() ? "yes" : "no"));
    }
    return out.toString();
  }

  private static void appendHeader(StringBuilder out, String firstColumn, List<String> names) {
    out.append(String.format(Locale.ROOT, METRIC_FORMAT, firstColumn));
    for (String name : names) {
      out.append(String.format(Locale.ROOT, VALUE_FORMAT, name));
    }
    if (names.size() == 2) {
      out.append(String.format(Locale.ROOT, VALUE_FORMAT, names.get(1) + "-" + names.get(0)));
    }
    out.append(System.lineSeparator());
  }

  private static void appendRow(StringBuilder out, String label, List<Double> values) {
    out.append(String.format(Locale.ROOT, METRIC_FORMAT, label));
    for (double value : values) {
      out.append(String.format(Locale.ROOT, VALUE_FORMAT, percent(value)));
    }
    if (values.size() == 2) {
      out.append(String.format(Locale.ROOT, VALUE_FORMAT, String.format(Locale.ROOT, "%+.2f", 100 * (values.get(1) - values.get(0)))));
    }
    out.append(System.lineSeparator());
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f", 100 * fraction);
  }

  /**
   * Appends one line per group: its train-frequency range, size and test positives, then each
   * model's contribution to P@k and R@k at {@link #summaryK}.
   */
  private static void appendGroups(StringBuilder out, List<String> names, List<EvaluationResult> results, boolean bins) {
    int k = summaryK(results.get(0).ks());
    out.append(String.format(Locale.ROOT, "%-8s%-12s%10s%11s", "group", "train docs", "labels", "positives"));
    for (String prefix : List.of("P@", "R@")) {
      for (String name : names) {
        out.append(String.format(Locale.ROOT, VALUE_FORMAT, prefix + k + " " + name));
      }
    }
    out.append(System.lineSeparator());
    List<EvaluationResult.GroupContribution> reference = bins ? results.get(0).bins() : results.get(0).buckets();
    for (int group = 0; group < reference.size(); group++) {
      LabelGroups.Group description = reference.get(group).group();
      out.append(String.format(Locale.ROOT, "%-8s%-12s%,10d%,11d",
          description.name(), trainRange(description), description.labelCount(), description.testPositives()));
      for (String prefix : List.of("P@", "R@")) {
        for (EvaluationResult result : results) {
          double value = (bins ? result.bins() : result.buckets()).get(group).contribution(prefix + k);
          out.append(String.format(Locale.ROOT, VALUE_FORMAT, percent(value)));
        }
      }
      out.append(System.lineSeparator());
    }
  }

  /** Returns the cut-off that group summaries and charts show: 5 when evaluated, as XC papers plot, else the largest. */
  static int summaryK(int[] ks) {
    for (int k : ks) {
      if (k == PREFERRED_SUMMARY_K) {
        return k;
      }
    }
    return ks[ks.length - 1];
  }

  /** Describes the train-frequency range of a group, such as "2-5", or "-" for an empty group. */
  static String trainRange(LabelGroups.Group group) {
    if (group.labelCount() == 0) {
      return "-";
    }
    if (group.minTrainFrequency() == group.maxTrainFrequency()) {
      return Integer.toString(group.minTrainFrequency());
    }
    return group.minTrainFrequency() + "-" + group.maxTrainFrequency();
  }
}
