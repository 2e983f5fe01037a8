package io.leverxc.cli;

import io.leverxc.eval.EvaluationResult;
import io.leverxc.eval.PairedBootstrap;
import io.leverxc.eval.LabelGroups;
import java.util.List;
import java.util.Locale;

/**
 * Builds a self-contained HTML page of one or more evaluation results: the metric table and inline
 * SVG bar charts of each model's per-bin and per-bucket contributions. The page loads nothing from
 * the network (no scripts, fonts or images), so it opens from a file on any machine.
 */
final class EvaluationReport {
  private static final String[] SERIES_COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759"};
  private static final int CHART_WIDTH = 760;
  private static final int CHART_HEIGHT = 340;
  private static final int MARGIN_LEFT = 60;
  private static final int MARGIN_RIGHT = 20;
  private static final int MARGIN_TOP = 40;
  private static final int MARGIN_BOTTOM = 60;
  private static final int Y_TICKS = 5;
  private static final double BAR_FILL_OF_GROUP = 0.8;

  private EvaluationReport() {}

  /**
   * Returns the page, with a table per paired bootstrap comparison after the metrics.
   *
   * @param inputs lines describing the input files, shown under the title
   * @param comparisons paired bootstrap comparisons of the results; may be empty
   */
  static String html(
      List<String> names, List<EvaluationResult> results, List<String> inputs,
      List<PairedBootstrap.Comparison> comparisons) {
    EvaluationResult first = results.get(0);
    int k = EvaluationTable.summaryK(first.ks());
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Lever-XC evaluation</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:900px}\n")
        .append("table{border-collapse:collapse;margin:12px 0}\n")
        .append("th,td{border:1px solid #ccc;padding:3px 10px;text-align:right}\n")
        .append("th:first-child,td:first-child{text-align:left}\n")
        .append("th{background:#f2f2f2}\n.note{color:#555;font-size:90%}\n")
        .append("</style>\n</head>\n<body>\n<h1>Lever-XC evaluation</h1>\n<p class=\"note\">");
    for (String input : inputs) {
      page.append(escape(input)).append("<br>\n");
    }
    page.append(String.format(Locale.ROOT,
        "%,d test documents, %,d labels (%,d present in the test ground truth); propensity A=%s, B=%s. "
            + "Values are percentages; PSP and PSnDCG are normalised by the best achievable value.</p>\n",
        first.documents(), first.labels(), first.testLabels(), first.propensity().a(), first.propensity().b()));

    page.append("<h2>Metrics</h2>\n");
    appendMetricTable(page, names, results);
    for (PairedBootstrap.Comparison comparison : comparisons) {
      appendComparison(page, comparison, first.documents());
    }

    page.append("<h2>Where the correct predictions come from</h2>\n")
        .append("<p class=\"note\">Bins order labels by train frequency, rarest first; each bin holds about the same"
            + " number of test positives. Over the bins, the contributions sum to the overall metric.</p>\n");
    page.append(barChart("Contribution to P@" + k + " by tail bin (%)", groupLabels(first.bins()), names,
        contributions(results, true, "P@" + k)));
    page.append(barChart("Contribution to R@" + k + " by tail bin (%)", groupLabels(first.bins()), names,
        contributions(results, true, "R@" + k)));
    page.append(barChart("Contribution to P@" + k + " by train-frequency bucket (%)", groupLabels(first.buckets()), names,
        contributions(results, false, "P@" + k)));
    page.append("</body>\n</html>\n");
    return page.toString();
  }

  private static void appendMetricTable(StringBuilder page, List<String> names, List<EvaluationResult> results) {
    page.append("<table>\n<tr><th>metric</th>");
    for (String name : names) {
      page.append("<th>").append(escape(name)).append("</th>");
    }
    if (names.size() == 2) {
      page.append("<th>").append(escape(names.get(1) + " − " + names.get(0))).append("</th>");
    }
    page.append("</tr>\n");
    for (String metric : results.get(0).metrics().keySet()) {
      page.append("<tr><td>").append(escape(metric)).append("</td>");
      for (EvaluationResult result : results) {
        page.append("<td>").append(EvaluationTable.percent(result.metric(metric))).append("</td>");
      }
      if (results.size() == 2) {
        double difference = 100 * (results.get(1).metric(metric) - results.get(0).metric(metric));
        page.append("<td>").append(String.format(Locale.ROOT, "%+.2f", difference)).append("</td>");
      }
      page.append("</tr>\n");
    }
    page.append("</table>\n");
  }

  private static void appendComparison(StringBuilder page, PairedBootstrap.Comparison comparison, int documents) {
    page.append("<h2>").append(escape(comparison.second() + " − " + comparison.first())).append("</h2>\n")
        .append(String.format(Locale.ROOT,
            "<p class=\"note\">Paired bootstrap: %,d resamples of the %,d test documents (seed %d); C@k resamples"
                + " the labels present in the test ground truth. The %.0f%% interval covers the choice of test data,"
                + " not the randomness of training.</p>\n",
            comparison.resamples(), documents, comparison.seed(), 100 * PairedBootstrap.CONFIDENCE))
        .append("<table>\n<tr><th>metric</th><th>difference</th><th>interval</th><th>interval excludes 0</th></tr>\n");
    for (PairedBootstrap.Difference difference : comparison.differences()) {
      page.append("<tr><td>").append(escape(difference.metric())).append("</td>")
          .append(String.format(Locale.ROOT, "<td>%+.2f</td><td>[%+.2f, %+.2f]</td><td>%s</td></tr>%n",
              100 * difference.difference(), 100 * difference.lower(), 100 * difference.upper(),
              difference.excludesZero() ? "yes" : "no"));
    }
    page.append("</table>\n");
  }

  private static String[] groupLabels(List<EvaluationResult.GroupContribution> groups) {
    String[] labels = new String[groups.size()];
    for (int i = 0; i < labels.length; i++) {
      LabelGroups.Group group = groups.get(i).group();
      String range = EvaluationTable.trainRange(group);
      // Bucket names already are their ranges; bins and the open bucket ">100" gain from the actual range.
      labels[i] = range.equals(group.name()) ? group.name() : group.name() + " (" + (group.labelCount() == 0 ? "empty" : range) + ")";
    }
    return labels;
  }

  /** Returns percentages indexed [model][group]. */
  private static double[][] contributions(List<EvaluationResult> results, boolean bins, String key) {
    double[][] values = new double[results.size()][];
    for (int model = 0; model < results.size(); model++) {
      List<EvaluationResult.GroupContribution> groups = bins ? results.get(model).bins() : results.get(model).buckets();
      values[model] = new double[groups.size()];
      for (int group = 0; group < groups.size(); group++) {
        values[model][group] = 100 * groups.get(group).contribution(key);
      }
    }
    return values;
  }

  /** Draws a grouped bar chart: one cluster per group and one bar per model, with the value above each bar. */
  static String barChart(String title, String[] groupLabels, List<String> seriesNames, double[][] values) {
    double maximum = 0;
    for (double[] series : values) {
      for (double value : series) {
        maximum = Math.max(maximum, value);
      }
    }
    double axisMaximum = niceCeiling(maximum);
    int plotWidth = CHART_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
    int plotHeight = CHART_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
    double groupWidth = (double) plotWidth / groupLabels.length;
    double barWidth = groupWidth * BAR_FILL_OF_GROUP / seriesNames.size();

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"11\">\n",
        CHART_WIDTH, CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT, escape(title)));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>\n",
        MARGIN_LEFT, escape(title)));
    for (int tick = 0; tick <= Y_TICKS; tick++) {
      double value = axisMaximum * tick / Y_TICKS;
      double y = MARGIN_TOP + plotHeight - plotHeight * tick / (double) Y_TICKS;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
              + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
          MARGIN_LEFT, y, MARGIN_LEFT + plotWidth, y, MARGIN_LEFT - 6, y + 4, formatTick(value)));
    }
    for (int group = 0; group < groupLabels.length; group++) {
      double groupStart = MARGIN_LEFT + group * groupWidth + groupWidth * (1 - BAR_FILL_OF_GROUP) / 2;
      for (int series = 0; series < seriesNames.size(); series++) {
        double value = values[series][group];
        double height = axisMaximum == 0 ? 0 : plotHeight * value / axisMaximum;
        double x = groupStart + series * barWidth;
        double y = MARGIN_TOP + plotHeight - height;
        svg.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %.2f</title></rect>"
                + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"9\">%.2f</text>\n",
            x, y, barWidth - 1, height, SERIES_COLOURS[series % SERIES_COLOURS.length],
            escape(seriesNames.get(series)), value, x + (barWidth - 1) / 2, y - 3, value));
      }
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
          MARGIN_LEFT + (group + 0.5) * groupWidth, MARGIN_TOP + plotHeight + 16, escape(groupLabels[group])));
    }
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
        MARGIN_LEFT, MARGIN_TOP + plotHeight, MARGIN_LEFT + plotWidth, MARGIN_TOP + plotHeight));
    for (int series = 0; series < seriesNames.size(); series++) {
      int x = MARGIN_LEFT + series * 140;
      int y = CHART_HEIGHT - 18;
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
          x, y - 10, SERIES_COLOURS[series % SERIES_COLOURS.length], x + 16, y, escape(seriesNames.get(series))));
    }
    svg.append("</svg>\n</figure>\n");
    return svg.toString();
  }

  /** Rounds a maximum up to 1, 2 or 5 times a power of ten, so the axis ticks are round numbers. */
  static double niceCeiling(double value) {
    if (value <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  private static String formatTick(double value) {
    return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
