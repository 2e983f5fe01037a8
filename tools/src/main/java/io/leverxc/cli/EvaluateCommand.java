package io.leverxc.cli;

import io.leverxc.data.DataFormatException;
import io.leverxc.data.FilterFiles;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.SparseMatrixReader;
import io.leverxc.data.TemporaryFiles;
import io.leverxc.data.XcDataset;
import io.leverxc.eval.Evaluation;
import io.leverxc.eval.EvaluationJson;
import io.leverxc.eval.EvaluationResult;
import io.leverxc.eval.PairedBootstrap;
import io.leverxc.eval.Propensity;
import io.leverxc.eval.PropensityConstants;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code lever evaluate}: scores prediction files against a test ground truth with the XC metrics
 * and prints them as a table, optionally also as JSON and as an HTML report with charts.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    header = "Score prediction files with the XC metrics as pyxclib computes them.",
    description = "Evaluate predictions with P@k, nDCG@k, PSP@k, PSnDCG@k, R@k and C@k as pyxclib defines them,"
        + " plus the contributions of tail bins and train-frequency buckets. Prints percentages. Labels are binary, as"
        + " in the XC repository's files: every label listed in the ground truth counts as relevant, and a value"
        + " of 0 or below is rejected.")
public final class EvaluateCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);
  /**
   * Heap bytes an evaluation uses per label of the label space, counted from its arrays. The
   * propensity weights take 8 and the train label frequencies 4. The prediction reader and the
   * metric accumulator keep a rank per label (4 each), and with --compare so do both files'
   * document scores (4 each).
   */
  static final long EVALUATION_BYTES_PER_LABEL = 32;
  private static final long BYTES_PER_MIB = 1L << 20;
  private static final long BYTES_PER_GIB = 1L << 30;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--pred", required = true, paramLabel = "FILE",
      description = "Predictions: header 'num_rows num_labels', then 'label:score' pairs per line (plain or gzip).")
  Path predictions;

  @Option(names = "--truth", paramLabel = "FILE",
      description = "Test ground truth, e.g. tst_X_Y.txt(.gz). Required unless --data is given.")
  Path truthFile;

  @Option(names = "--train", paramLabel = "FILE",
      description = "Original binary train labels, e.g. trn_X_Y.txt(.gz); the propensities come from its label counts."
          + " Required unless --data is given.")
  Path trainFile;

  @Option(names = "--data", paramLabel = "DIR",
      description = "A data set folder (raw-text or JSON-lines layout) in place of --truth and --train: its test labels,"
          + " its train labels and its test filter file, tst_filter_labels.txt or filter_labels_test.txt (--filter"
          + " overrides it).")
  Path dataFolder;

  @Option(names = "--filter", paramLabel = "FILE",
      description = "Reciprocal pairs 'doc label' to remove from the predictions before ranking, e.g. tst_filter_labels.txt.")
  Path filterFile;

  @Option(names = "--k", split = ",", paramLabel = "K", defaultValue = "1,3,5",
      description = "Cut-offs, comma-separated (default: ${DEFAULT-VALUE}).")
  int[] ks;

  @Option(names = "--propensity", paramLabel = "A,B|NAME", defaultValue = "default",
      description = "Propensity constants: default (0.55,1.5), amazon (0.6,2.6), wikipedia (0.5,0.4) or A,B (default: ${DEFAULT-VALUE}).")
  String propensityText;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON, metrics as fractions (percent / 100).")
  Path jsonFile;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write a self-contained HTML report with charts.")
  Path reportFile;

  @Option(names = "--compare", paramLabel = "FILE", description = "A second prediction file to evaluate and show beside the first.")
  Path comparePredictions;

  @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "" + PairedBootstrap.DEFAULT_RESAMPLES,
      description = "With --compare: resamples of the paired bootstrap, which prints a 95%% interval for each"
          + " difference in P@k, PSP@k and C@k (seed " + PairedBootstrap.DEFAULT_SEED + "). P@k and PSP@k resample"
          + " the test documents, C@k the labels present in the test ground truth. The interval covers the choice"
          + " of test data, not the randomness of training. Memory grows by 3 x documents x cut-offs doubles per"
          + " prediction file. " + PairedBootstrap.MIN_RESAMPLES + " to " + PairedBootstrap.MAX_RESAMPLES
          + ", or 0 to turn it off (default: ${DEFAULT-VALUE}).")
  int bootstrapResamples;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads of the paired bootstrap; the intervals do not depend on it (default: the number of"
          + " available processors).")
  Integer threads;

  @Option(names = "--names", split = ",", paramLabel = "NAME",
      description = "Display names of the prediction files, comma-separated (default: the file names).")
  List<String> names;

  @Override
  public Integer call() {
    List<Path> predictionFiles = new ArrayList<>(List.of(predictions));
    if (comparePredictions != null) {
      predictionFiles.add(comparePredictions);
    }
    List<String> displayNames = displayNames(predictionFiles);
    if (bootstrapResamples != 0
        && (bootstrapResamples < PairedBootstrap.MIN_RESAMPLES || bootstrapResamples > PairedBootstrap.MAX_RESAMPLES)) {
      throw new IllegalArgumentException("--bootstrap must be 0 (off) or " + PairedBootstrap.MIN_RESAMPLES + " to "
          + PairedBootstrap.MAX_RESAMPLES + " resamples, got " + bootstrapResamples);
    }
    if (threads != null) {
      TrainingOptions.checkThreads(threads);
    }
    for (int k : ks) {
      if (k < 1 || k > PredictCommand.MAX_K) {
        throw new IllegalArgumentException("--k must list cut-offs between 1 and " + PredictCommand.MAX_K + ", got " + k);
      }
    }
    if (comparePredictions == null && spec.commandLine().getParseResult().hasMatchedOption("--bootstrap")) {
      LOG.warn("--bootstrap has no effect without --compare: the paired bootstrap compares two prediction files");
    }
    boolean bootstrap = comparePredictions != null && bootstrapResamples > 0;
    int bootstrapThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    PropensityConstants constants = PropensityConstants.parse(propensityText);

    checkOutputs();
    LabelMatrix truth;
    LabelMatrix train;
    FilterPairs filter;
    if (dataFolder != null) {
      if (truthFile != null || trainFile != null) {
        throw new IllegalArgumentException(
            "--data takes the place of --truth and --train; give either --data or those files");
      }
      XcDataset dataset = XcDataset.load(dataFolder);
      if (!dataset.hasTest()) {
        throw new IllegalArgumentException(dataFolder + " has no test split to evaluate against: expected tst_X.txt"
            + " with tst_X_Y.txt, or tst.json (plain or .gz)");
      }
      truth = dataset.testLabels();
      train = dataset.trainLabels();
      if (filterFile != null) {
        filter = FilterPairs.read(filterFile, truth.rows(), truth.columns());
      } else {
        filter = dataset.testFilter();
        logFilterChoice(dataset);
      }
    } else {
      if (truthFile == null || trainFile == null) {
        throw new IllegalArgumentException(
            "missing " + (truthFile == null ? "--truth" : "--train") + ": give --truth and --train, or --data DIR");
      }
      truth = SparseMatrixReader.readLabels(truthFile);
      train = SparseMatrixReader.readLabels(trainFile);
      if (train.columns() != truth.columns()) {
        throw new DataFormatException(trainFile, 1, "the header declares " + train.columns()
            + " labels but the ground truth " + truthFile + " has " + truth.columns());
      }
      filter = filterFile == null ? FilterPairs.none() : FilterPairs.read(filterFile, truth.rows(), truth.columns());
    }
    if (truth.nonZeros() == 0) {
      // Every metric divides by the true labels, and pyxclib would print nan for the propensity ones.
      throw new IllegalArgumentException((dataFolder != null ? dataFolder + " (its test labels)" : truthFile.toString())
          + ": the ground truth has no label in any of its " + truth.rows() + " rows, so there is nothing to score;"
          + " pass the labels of the test split");
    }
    checkHeapForLabelSpace(dataFolder != null ? dataFolder.toString() : truthFile.toString(), truth, train,
        Runtime.getRuntime());
    Propensity propensity = Propensity.fromTrainLabels(train, constants);
    if (train.rows() < Propensity.MIN_TRAIN_DOCUMENTS) {
      LOG.warn("the train labels have {} rows, fewer than {}: the propensity weights fall below 1 and PSP@k and"
          + " PSnDCG@k mean nothing; pass the train labels of the whole data set", train.rows(),
          Propensity.MIN_TRAIN_DOCUMENTS);
    }

    Map<String, EvaluationResult> results = new LinkedHashMap<>();
    List<Evaluation.WithDocumentScores> scored = new ArrayList<>();
    for (int i = 0; i < predictionFiles.size(); i++) {
      if (bootstrap) {
        Evaluation.WithDocumentScores evaluation =
            Evaluation.evaluateFileWithDocumentScores(predictionFiles.get(i), truth, propensity, filter, ks);
        scored.add(evaluation);
        results.put(displayNames.get(i), evaluation.result());
      } else {
        results.put(displayNames.get(i), Evaluation.evaluateFile(predictionFiles.get(i), truth, propensity, filter, ks));
      }
    }
    List<EvaluationResult> resultList = List.copyOf(results.values());
    List<PairedBootstrap.Comparison> comparisons = new ArrayList<>();
    if (bootstrap) {
      comparisons.add(new PairedBootstrap(truth, bootstrapResamples, PairedBootstrap.DEFAULT_SEED, bootstrapThreads)
          .compare(displayNames.get(0), scored.get(0).documents(), displayNames.get(1), scored.get(1).documents()));
    }

    PrintWriter out = spec.commandLine().getOut();
    out.print(EvaluationTable.format(displayNames, resultList));
    int unlabelled = 0;
    for (int row = 0; row < truth.rows(); row++) {
      unlabelled += truth.rowSize(row) == 0 ? 1 : 0;
    }
    if (unlabelled > 0) {
      out.printf(Locale.ROOT, "The ground truth has no label for %,d of %,d test documents. They count in every"
          + " average, as in pyxclib, where they can only lower the scores.%n", unlabelled, truth.rows());
    }
    for (PairedBootstrap.Comparison comparison : comparisons) {
      out.println();
      out.print(EvaluationTable.formatComparison(comparison, truth.rows()));
    }
    if (jsonFile != null) {
      EvaluationJson.write(jsonFile, results, comparisons);
      out.println("Wrote " + jsonFile);
    }
    if (reportFile != null) {
      List<String> inputs = new ArrayList<>();
      for (int i = 0; i < predictionFiles.size(); i++) {
        inputs.add(displayNames.get(i) + ": " + predictionFiles.get(i));
      }
      inputs.add(dataFolder != null
          ? "data set: " + dataFolder + " (its test labels, train labels and test filter pairs)"
          : "ground truth: " + truthFile + "; train labels: " + trainFile
              + (filterFile == null ? "; no filter" : "; filter: " + filterFile));
      writeAtomically(reportFile, EvaluationReport.html(displayNames, resultList, inputs, comparisons));
      out.println("Wrote " + reportFile);
    }
    out.flush();
    return 0;
  }


  /**
   * Rejects, before any per-label array is allocated, a label space whose arrays do not fit in
   * the free heap. A header that declares far more labels than the files use is the usual cause, and
   * without this check it ends in an out-of-memory error that advises a larger heap.
   *
   * @param source the ground truth's file or data folder, named in the message
   */
  static void checkHeapForLabelSpace(String source, LabelMatrix truth, LabelMatrix train, Runtime runtime) {
    long needed = (long) truth.columns() * EVALUATION_BYTES_PER_LABEL;
    long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    if (needed <= available) {
      return;
    }
    int largest = Math.max(truth.largestLabel(), train.largestLabel());
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "%s: the header declares %,d labels (num_cols), but the largest label id in the ground truth and train"
            + " labels is %,d. Scoring a label space that large needs about %,d MiB of heap, and %,d MiB are free."
            + " If the header is wrong, set num_cols to the number of labels of the data set (at least %,d);"
            + " otherwise run with a larger heap, for example LEVER_JAVA_OPTS=-Xmx%dg",
        source, truth.columns(), largest, needed / BYTES_PER_MIB, available / BYTES_PER_MIB, largest + 1,
        (needed + runtime.maxMemory() - available) / BYTES_PER_GIB + 2));
  }

  /** Logs whether the data set's own filter file is used, because scores with and without one differ. */
  private void logFilterChoice(XcDataset dataset) {
    Path file = FilterFiles.testChosen(dataFolder);
    if (file == null) {
      LOG.info("{} has no test filter file ({} or {}); scoring without one", dataFolder, FilterFiles.TEST,
          FilterFiles.REPOSITORY_TEST);
    } else {
      LOG.info("removing from the predictions the pairs listed in {} ({} in all)", file, dataset.testFilter().size());
    }
  }

  /** Checks the --json and --report paths before the evaluation runs. */
  private void checkOutputs() {
    Map<String, Path> inputs = new LinkedHashMap<>();
    inputs.put("--pred", predictions);
    inputs.put("--compare", comparePredictions);
    inputs.put("--truth", truthFile);
    inputs.put("--train", trainFile);
    inputs.put("--filter", filterFile);
    Map<String, Path> outputs = new LinkedHashMap<>();
    outputs.put("--json", jsonFile);
    outputs.put("--report", reportFile);
    OutputPaths.checkDistinct(outputs);
    for (Map.Entry<String, Path> output : outputs.entrySet()) {
      if (output.getValue() == null) {
        continue;
      }
      OutputPaths.checkWritable(output.getKey(), output.getValue());
      OutputPaths.checkNotInput(output.getKey(), output.getValue(), inputs);
      if (dataFolder != null) {
        OutputPaths.checkNotInFolder(output.getKey(), output.getValue(), dataFolder);
      }
    }
  }
  private List<String> displayNames(List<Path> predictionFiles) {
    if (names == null || names.isEmpty()) {
      List<String> fileNames = new ArrayList<>();
      for (Path file : predictionFiles) {
        fileNames.add(file.getFileName().toString());
      }
      if (fileNames.size() == 2 && fileNames.get(0).equals(fileNames.get(1))) {
        return List.of("first", "second");
      }
      return fileNames;
    }
    if (names.size() != predictionFiles.size()) {
      throw new IllegalArgumentException("--names lists " + names.size() + " names but there are "
          + predictionFiles.size() + " prediction files; give one name per file, e.g. --names base,lever");
    }
    if (names.size() == 2 && names.get(0).equals(names.get(1))) {
      throw new IllegalArgumentException("--names must differ, got " + names);
    }
    return names;
  }

  /** Writes text to a temporary file in the target's folder, then renames it onto the target. */
  static void writeAtomically(Path target, String text) {
    Path folder = target.toAbsolutePath().getParent();
    try {
      Path temporary = TemporaryFiles.createBeside(target);
      try {
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target + " failed: " + e.getMessage(), e);
    }
  }
}
