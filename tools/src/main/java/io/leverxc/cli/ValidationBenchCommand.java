package io.leverxc.cli;

import io.leverxc.ann.Neighbors;
import io.leverxc.classifier.Propensities;
import io.leverxc.classifier.RankingQuality;
import io.leverxc.classifier.ValidationSplit;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.XcDataset;
import io.leverxc.model.BundleLayout;
import io.leverxc.model.ScorerKind;
import io.leverxc.model.SearchKind;
import io.leverxc.model.XcModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench validation}: the quality of a bundle's served top-k on the validation split
 * its training carved from the data set, so that a search setting (for example the graph ef that
 * {@code lever index} sets) can be judged without looking at the test split.
 */
@Command(
    name = "validation",
    mixinStandardHelpOptions = true,
    header = "Score a bundle on the validation split its training kept out.",
    description =
        "Predict the top k labels of every validation document of --data (the split the bundle's training "
            + "kept out, found again from the manifest's fraction and seed) and print P@1, P@5, PSP@5, C@5 and "
            + "R@k, with propensities A = 0.55, B = 1.5 from the training part. The pairs of the data set's "
            + "training filter file (trn_filter_labels.txt or filter_labels_train.txt), when it has one, are removed from the predictions first, as lever "
            + "evaluate --filter removes the test pairs. A JSON-lines data set is read with the text fields the "
            + "bundle recorded (see lever train --json-text).")
public final class ValidationBenchCommand implements Callable<Integer> {
  /** Maximum length of a label text that an error message quotes in full. */
  private static final int MAX_QUOTED_CHARS = 80;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR", required = true, description = "Model bundle folder.")
  Path model;

  @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data set folder the bundle was trained on.")
  Path data;

  @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "10", description = "Labels per document (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--scorer", paramLabel = "SCORER",
      defaultValue = "fused",
      description = "fused (as served), classifier (one-vs-all only) or teacher (nearest label embeddings)"
          + " (default: ${DEFAULT-VALUE}).")
  String scorer;

  @Option(
      names = "--search", paramLabel = "SEARCH",
      defaultValue = "index",
      description = "index (the bundle's HNSW graphs, as served) or exact (brute force over every label and"
          + " training document, slower) (default: ${DEFAULT-VALUE}).")
  String search;

  @Override
  public Integer call() {
    if (k < 1) {
      throw new IllegalArgumentException("-k must be at least 1, got " + k);
    }
    ScorerKind scorerKind = TrainingOptions.parseEnum(ScorerKind.class, scorer, "--scorer", "fused, classifier or teacher");
    SearchKind searchKind = TrainingOptions.parseEnum(SearchKind.class, search, "--search", "index or exact");
    try (XcModel loaded = XcModel.load(model, scorerKind, searchKind)) {
      XcDataset dataset = DataSets.loadLike(data, model, loaded.manifest());
      checkLabelTexts(loaded, dataset, data);
      ValidationSplit split = BundleValidationSplit.of(model, loaded.manifest(), data, dataset);
      LabelMatrix truth = ValidationSplit.select(dataset.trainLabels(), split.validationRows());
      LabelMatrix trainLabels = ValidationSplit.select(dataset.trainLabels(), split.trainRows());
      RankingQuality quality = new RankingQuality(
          truth, Propensities.inverse(trainLabels, Propensities.DEFAULT_A, Propensities.DEFAULT_B));
      FilterPairs filter = dataset.trainFilter();
      int[] rows = split.validationRows();
      // More labels than the model has cannot be ranked, so the output names the count it ranked.
      int ranks = Math.min(k, loaded.labelCount());
      double recall = 0;
      for (int i = 0; i < truth.rows(); i++) {
        int row = rows[i];
        Neighbors top = loaded.predictNeighbors(dataset.trainTexts().get(row), ranks + filter.maxPerDocument());
        int[] unfiltered = new int[top.size()];
        int count = 0;
        for (int id : top.ids()) {
          if (!filter.contains(row, id) && count < ranks) {
            unfiltered[count++] = id;
          }
        }
        int[] ranked = java.util.Arrays.copyOf(unfiltered, count);
        quality.add(i, ranked, Math.min(RankingQuality.K, count));
        recall += recallOf(truth, i, ranked);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          java.util.Locale.ROOT,
          "%s, %s scorer: %d validation documents%s, top %d: P@1 %.2f P@5 %.2f PSP@5 %.2f C@5 %.2f R@%d %.2f%n",
          model, scorerKind.name().toLowerCase(java.util.Locale.ROOT), truth.rows(),
          loaded.manifest().settings().containsKey(BundleLayout.SECTION_RETRAIN)
              ? " (the retrain's: texts the bundle did not train on)"
              : "",
          ranks, 100 * quality.precisionAt1(), 100 * quality.precisionAt5(),
          100 * quality.pspAt5(), 100 * quality.coverageAt5(), ranks, 100 * recall / truth.rows());
      out.flush();
    }
    return 0;
  }

  /** Returns the fraction of document {@code row}'s true labels among {@code ranked}, 0 without labels. */
  static double recallOf(LabelMatrix truth, int row, int[] ranked) {
    if (truth.rowSize(row) == 0) {
      return 0;
    }
    int found = 0;
    for (int id : ranked) {
      if (truth.contains(row, id)) {
        found++;
      }
    }
    return (double) found / truth.rowSize(row);
  }

  /**
   * Rejects a data set whose label texts differ from the model's: another data set, or a JSON-lines
   * data set read with other text fields than the model recorded.
   */
  static void checkLabelTexts(XcModel model, XcDataset dataset, Path data) {
    if (model.labelCount() != dataset.labelCount()) {
      throw new IllegalArgumentException(data + " has " + dataset.labelCount() + " labels but the model has "
          + model.labelCount() + "; pass the data set the model was trained on");
    }
    for (int id = 0; id < model.labelCount(); id++) {
      String expected = model.labelText(id);
      String found = dataset.labelTexts().get(id);
      if (!expected.equals(found)) {
        throw new IllegalArgumentException(data + ": label " + id + " is '" + shorten(found) + "' but the model has '"
            + shorten(expected) + "'; pass the data set the model was trained on, read with the text fields"
            + " its manifest records");
      }
    }
  }

  private static String shorten(String text) {
    return text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS - 3) + "..." : text;
  }
}
