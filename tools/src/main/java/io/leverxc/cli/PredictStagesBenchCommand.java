package io.leverxc.cli;

import io.leverxc.bundle.BundleReader;
import io.leverxc.data.TextLinesReader;
import io.leverxc.model.BundleLayout;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.model.XcModel;
import io.leverxc.vector.SparseVector;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench predict-stages}: where the CPU time of one in-process top-k prediction goes.
 * It times the stages of {@link XcModel#predictNeighbors} separately on one thread: text features,
 * the teacher encoder, the classifier encoder, and the whole prediction. The rest of the whole,
 * after the three stages, is the two graph searches with their exact rescoring and the fusion.
 */
@Command(
    name = "predict-stages",
    mixinStandardHelpOptions = true,
    header = "Measure the CPU time per text of each prediction stage.",
    description =
        "Measure the CPU time per text of each stage of an in-process prediction on one thread: features, "
            + "teacher encoder, classifier encoder, and the whole top-k prediction.")
public final class PredictStagesBenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "PATH", description = "Model bundle folder.")
  Path model;

  @Option(names = "--queries", required = true, paramLabel = "FILE",
      description = "Query texts, one per line (plain or gzip).")
  Path queries;

  @Option(names = "--query-count", defaultValue = "2000", paramLabel = "N",
      description = "Number of query texts used, from the top of the file. Default: ${DEFAULT-VALUE}.")
  int queryCount;

  @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "10", description = "Labels per query. Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(names = "--rounds", defaultValue = "6", paramLabel = "N",
      description = "Passes over the texts; the first half warm up the JIT compiler and are not printed."
          + " Default: ${DEFAULT-VALUE}.")
  int rounds;

  /** CPU time per text of each stage in one pass, in microseconds. */
  record StageTimes(double features, double encoder, double classifierEncoder, double predict) {
    /** Time of the prediction outside the three measured stages: graph searches, rescoring, fusion. */
    double rest() {
      return predict - features - encoder - classifierEncoder;
    }
  }

  @Override
  public Integer call() {
    if (queryCount < 1 || k < 1 || rounds < 2) {
      throw new IllegalArgumentException(
          "--query-count and -k must be at least 1 and --rounds at least 2, got " + queryCount + ", " + k + ", " + rounds);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM does not measure thread CPU time, which the stage timings need");
    }
    List<String> all = TextLinesReader.read(queries, -1);
    List<String> texts = all.subList(0, Math.min(queryCount, all.size()));
    if (texts.isEmpty()) {
      throw new IllegalArgumentException(queries + " contains no query text; give a file of one text per line");
    }
    XcModel xcModel = XcModel.load(model);
    BundleReader reader = BundleReader.open(model);
    EmbeddingBagEncoder classifierEncoder = reader.has(BundleLayout.CLASSIFIER_ENCODER)
        ? EmbeddingBagEncoder.fromBytes(reader.bytes(BundleLayout.CLASSIFIER_ENCODER))
        : null;

    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "lever bench predict-stages: model %s, %d texts, k = %d, CPU time per text in µs%n",
        xcModel.modelId(), texts.size(), k);
    out.printf(Locale.ROOT, "%-6s %9s %9s %11s %10s %9s%n", "round", "features", "encoder", "cls encoder", "rest", "predict");
    for (int round = 1; round <= rounds; round++) {
      StageTimes times = measure(xcModel, classifierEncoder, texts, threads);
      if (round > rounds / 2) {
        out.printf(Locale.ROOT, "%-6d %9.1f %9.1f %11.1f %10.1f %9.1f%n", round, times.features(), times.encoder(),
            times.classifierEncoder(), times.rest(), times.predict());
      }
    }
    out.flush();
    return 0;
  }

  /** Times every stage once per text. Each timer read adds its own cost to the stage that it ends. */
  private StageTimes measure(XcModel xcModel, EmbeddingBagEncoder classifierEncoder, List<String> texts, ThreadMXBean threads) {
    float[] embedding = new float[xcModel.encoder().dimension()];
    long features = 0;
    long encoder = 0;
    long classifier = 0;
    long predict = 0;
    for (String text : texts) {
      long start = threads.getCurrentThreadCpuTime();
      SparseVector x = xcModel.featurizer().features(text);
      long featured = threads.getCurrentThreadCpuTime();
      if (!x.isEmpty()) {
        xcModel.encoder().encode(x, embedding);
      }
      long encoded = threads.getCurrentThreadCpuTime();
      if (!x.isEmpty() && classifierEncoder != null) {
        classifierEncoder.encode(x, embedding);
      }
      long classifierEncoded = threads.getCurrentThreadCpuTime();
      xcModel.predictNeighbors(text, k);
      long predicted = threads.getCurrentThreadCpuTime();
      features += featured - start;
      encoder += encoded - featured;
      classifier += classifierEncoded - encoded;
      predict += predicted - classifierEncoded;
    }
    double perText = 1_000.0 * texts.size();
    return new StageTimes(features / perText, encoder / perText, classifier / perText, predict / perText);
  }
}
