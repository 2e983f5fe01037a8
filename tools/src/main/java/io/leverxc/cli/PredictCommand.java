package io.leverxc.cli;

import io.leverxc.ann.Neighbors;
import io.leverxc.bundle.BundleReader;
import io.leverxc.data.TextLinesReader;
import io.leverxc.data.XcDataset;
import io.leverxc.eval.PredictionWriter;
import io.leverxc.model.ScorerKind;
import io.leverxc.model.SearchKind;
import io.leverxc.model.XcModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lever predict}: top-k labels for every line of a text file, in the XC sparse format. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    header = "Predict the top-k labels of every line of a text file, or of a data set's test texts.",
    description =
        "Predict the top-k labels of every text in a file (one text per line, plain or .gz), or of a data set's test"
            + " texts, and write them in the XC sparse format: a header 'rows labels', then 'label:score' pairs per"
            + " line.")
public final class PredictCommand implements Callable<Integer> {
  /** Texts predicted per parallel block; bounds memory for inputs of any size. */
  private static final int BLOCK_ROWS = 8192;
  /** Largest accepted k. */
  static final int MAX_K = 10_000;

  @Option(names = "--model", paramLabel = "DIR", required = true, description = "Model bundle folder.")
  Path model;

  @Option(names = "--input", paramLabel = "FILE", description = "Texts to predict, one per line (tst_X.txt layout). For a model trained with --json-text"
          + " title-content, join each title and content as 'title: content'. Required unless --data is given.")
  Path input;

  @Option(names = "--data", paramLabel = "DIR", description = "A whole data set folder, as lever train reads it, with a"
          + " labelled test split, in place of --input: predict its test texts, read with the text fields the model's"
          + " bundle records.")
  Path dataFolder;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "Prediction file to write (written to a temporary file, then renamed).")
  Path out;

  @Option(names = "--k", paramLabel = "K", defaultValue = "100", description = "Labels per text. Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(
      names = "--scorer", paramLabel = "SCORER",
      defaultValue = "fused",
      description = "fused (classifiers and teacher), classifier (one-vs-all only) or teacher (nearest label embeddings). Default: ${DEFAULT-VALUE}.")
  String scorer;

  @Option(
      names = "--search", paramLabel = "SEARCH",
      defaultValue = "index",
      description = "index (the bundle's HNSW graphs) or exact (brute force, slower). Default: ${DEFAULT-VALUE}.")
  String search;

  @Option(names = "--threads", paramLabel = "N", description = "Prediction threads. Default: the number of available processors.")
  Integer threads;

  @Override
  public Integer call() {
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("--k must be between 1 and " + MAX_K + ", got " + k);
    }
    ScorerKind scorerKind = TrainingOptions.parseEnum(ScorerKind.class, scorer, "--scorer", "fused, classifier or teacher");
    SearchKind searchKind = TrainingOptions.parseEnum(SearchKind.class, search, "--search", "index or exact");
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    TrainingOptions.checkThreads(threadCount);
    OutputPaths.checkWritable("--out", out);
    OutputPaths.checkNotInput("--out", out, java.util.Collections.singletonMap("--input", input));
    if (dataFolder != null) {
      OutputPaths.checkNotInFolder("--out", out, dataFolder);
    }
    // The input is read first, so that a wrong path fails before a large model loads.
    List<String> texts = readTexts();
    XcModel loaded = XcModel.load(model, scorerKind, searchKind);
    long start = System.nanoTime();
    // More threads than texts would sit idle, and the summary names the threads that ran.
    threadCount = Math.min(threadCount, Math.max(1, texts.size()));
    int unlabelled = predictAll(loaded, texts, k, threadCount, out);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (texts.isEmpty()) {
      System.out.printf(
          "Wrote an empty prediction file to %s, because %s holds no text%n", out, input != null ? input : dataFolder);
    } else {
      String labels =
          k > loaded.labelCount() ? "all " + loaded.labelCount() + " labels (fewer than --k " + k + ")" : "top-" + k + " labels";
      System.out.printf(
          java.util.Locale.ROOT, "Wrote %s of %d texts to %s in %.1f s (%.3f ms per text on %d %s)%n",
          labels, texts.size(), out, seconds, 1000 * seconds / texts.size(), threadCount,
          threadCount == 1 ? "thread" : "threads");
    }
    if (unlabelled > 0) {
      System.err.printf(
          "lever predict: %d of %d texts got no labels, because they are empty or none of their words is in the"
              + " model's vocabulary; their lines in %s are empty%n",
          unlabelled, texts.size(), out);
    }
    return 0;
  }

  /** Returns the texts of {@code --input}, or the test texts of {@code --data}. */
  private List<String> readTexts() {
    if (input != null && dataFolder != null) {
      throw new IllegalArgumentException("--input and --data both name texts to predict; give one of them");
    }
    if (input == null && dataFolder == null) {
      throw new IllegalArgumentException("missing texts to predict: give --input FILE or --data DIR");
    }
    if (dataFolder != null) {
      XcDataset dataset = DataSets.loadLike(dataFolder, model, BundleReader.open(model).manifest());
      if (!dataset.hasTest()) {
        throw new IllegalArgumentException(dataFolder + " has no test split to predict: expected tst_X.txt with"
            + " tst_X_Y.txt, or tst.json (plain or .gz); for texts without labels use --input");
      }
      return dataset.testTexts();
    }
    List<String> texts = TextLinesReader.read(input, -1);
    warnIfJsonLines(texts);
    return texts;
  }

  /**
   * Warns when the first text looks like a record of a JSON-lines data set, which this command
   * would read as one raw text, field names included.
   */
  private void warnIfJsonLines(List<String> texts) {
    String first = texts.isEmpty() ? "" : texts.get(0).strip();
    if (first.startsWith("{") && first.endsWith("}") && first.contains("\"title\"")) {
      System.err.println("lever predict: warning: " + input + " line 1 looks like a JSON-lines record; each line is"
          + " predicted as one raw text, field names included. For a JSON-lines data set use --data DIR.");
    }
  }

  /**
   * Predicts every text on {@code threads} threads, writes the rows in input order and returns how
   * many texts got no label.
   */
  static int predictAll(XcModel model, List<String> texts, int k, int threads, Path out) {
    int unlabelled = 0;
    ForkJoinPool pool = new ForkJoinPool(threads);
    try (PredictionWriter writer = PredictionWriter.open(out, texts.size(), model.labelCount());
        ProgressReporter progress = new ProgressReporter("predict", texts.size())) {
      Neighbors[] block = new Neighbors[BLOCK_ROWS];
      for (int blockStart = 0; blockStart < texts.size(); blockStart += BLOCK_ROWS) {
        int from = blockStart;
        int count = Math.min(BLOCK_ROWS, texts.size() - from);
        pool.submit(() -> IntStream.range(0, count).parallel()
                .forEach(i -> block[i] = model.predictNeighbors(texts.get(from + i), k)))
            .join();
        for (int i = 0; i < count; i++) {
          writer.writeRow(block[i].ids(), block[i].scores(), block[i].size());
          if (block[i].size() == 0) {
            unlabelled++;
          }
        }
        progress.advance(count);
      }
    } finally {
      pool.shutdown();
    }
    return unlabelled;
  }
}
