package io.leverxc.bench;

import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.SparseMatrixReader;
import io.leverxc.eval.Evaluation;
import io.leverxc.eval.EvaluationResult;
import io.leverxc.eval.PairedBootstrap;
import io.leverxc.eval.Propensity;
import io.leverxc.eval.PropensityConstants;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench evaluate}: times the streaming evaluation of a large synthetic prediction file
 * and reports its heap use. The files are generated once under {@code --dir} and reused.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    header = "Time 'lever evaluate' on seeded synthetic data.",
    description =
        "Time 'lever evaluate' on seeded synthetic data (generated once under --dir, reused afterwards). "
            + "Reports wall time of the streaming evaluation and the peak heap; run with "
            + "LEVER_JAVA_OPTS=-Xmx... to bound memory.")
public final class EvaluateBenchmark implements Callable<Integer> {
  private static final double BYTES_PER_MEBIBYTE = 1024.0 * 1024.0;

  /**
   * Measures the evaluating thread's CPU time, which stays meaningful when other processes share the
   * cores and stretch the wall time. The streaming evaluation runs on the calling thread only.
   */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--docs", paramLabel = "N", defaultValue = "1000000", description = "Test documents (default: ${DEFAULT-VALUE}).")
  int documents;

  @Option(names = "--labels", paramLabel = "N", defaultValue = "500000", description = "Label space size (default: ${DEFAULT-VALUE}).")
  int labels;

  @Option(names = "--top", paramLabel = "N", defaultValue = "100", description = "Predictions per document (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed of the generated data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "/tmp/lever-bench-evaluate",
      description = "Folder for the generated files (default: ${DEFAULT-VALUE}).")
  Path root;

  @Option(names = "--k", paramLabel = "K[,K...]", split = ",", defaultValue = "1,3,5,10", description = "Cut-offs (default: ${DEFAULT-VALUE}).")
  int[] ks;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", description = "Timed evaluations to run (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "0",
      description = "Also time 'lever evaluate --compare' with this many paired bootstrap resamples, comparing the"
          + " predictions with themselves (the work does not depend on the values), on every available processor;"
          + " 0 skips it (default: ${DEFAULT-VALUE}).")
  int bootstrapResamples;

  @Override
  public Integer call() {
    if (documents <= 0 || labels <= 0 || top <= 0 || repeat <= 0) {
      throw new IllegalArgumentException("--docs, --labels, --top and --repeat must be positive, got "
          + documents + ", " + labels + ", " + top + ", " + repeat);
    }
    if (bootstrapResamples != 0
        && (bootstrapResamples < PairedBootstrap.MIN_RESAMPLES || bootstrapResamples > PairedBootstrap.MAX_RESAMPLES)) {
      throw new IllegalArgumentException("--bootstrap must be 0 (skip) or " + PairedBootstrap.MIN_RESAMPLES + " to "
          + PairedBootstrap.MAX_RESAMPLES + " resamples, got " + bootstrapResamples);
    }
    for (int k : ks) {
      if (k <= 0) {
        throw new IllegalArgumentException("--k must list positive cut-offs, got " + k);
      }
    }
    // The summary line gives P@1 and PSP@5 when --k has them, else the smallest and largest cut-off.
    int precisionK = java.util.Arrays.stream(ks).anyMatch(k -> k == 1) ? 1 : java.util.Arrays.stream(ks).min().orElse(1);
    int pspK = java.util.Arrays.stream(ks).anyMatch(k -> k == 5) ? 5 : java.util.Arrays.stream(ks).max().orElse(1);
    PrintWriter out = spec.commandLine().getOut();
    SyntheticEvaluationData data = new SyntheticEvaluationData(root, documents, labels, top, seed);
    data.generateIfMissing();

    long started = System.nanoTime();
    LabelMatrix truth = SparseMatrixReader.readLabels(data.truth());
    LabelMatrix train = SparseMatrixReader.readLabels(data.train());
    Propensity propensity = Propensity.fromTrainLabels(train, PropensityConstants.DEFAULT);
    train = null;
    double loadSeconds = seconds(started);
    System.gc();
    double heapAfterLoad = usedHeapMebibytes();
    resetPeaks();

    long fileBytes = size(data.predictions());
    out.printf(Locale.ROOT, "data: %s (%,d documents x top %d, %.0f MiB of predictions; truth %,d positives)%n",
        data.folder, documents, top, fileBytes / BYTES_PER_MEBIBYTE, truth.nonZeros());
    out.printf(Locale.ROOT, "loaded truth and train labels in %.1f s; heap in use after loading %.0f MiB%n",
        loadSeconds, heapAfterLoad);
    for (int run = 1; run <= repeat; run++) {
      long evaluationStarted = System.nanoTime();
      long cpuStarted = THREADS.getCurrentThreadCpuTime();
      EvaluationResult result = Evaluation.evaluateFile(data.predictions(), truth, propensity, FilterPairs.none(), ks);
      double evaluationSeconds = seconds(evaluationStarted);
      double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
      out.printf(Locale.ROOT,
          "run %d: evaluated in %.2f s wall, %.2f s CPU of the evaluating thread (%,.0f documents/s, %.0f MiB/s);"
              + " P@%d %.2f, PSP@%d %.2f%n",
          run, evaluationSeconds, cpuSeconds, documents / evaluationSeconds,
          fileBytes / BYTES_PER_MEBIBYTE / evaluationSeconds, precisionK, 100 * result.metric("P@" + precisionK),
          pspK, 100 * result.metric("PSP@" + pspK));
    }
    out.printf(Locale.ROOT, "peak heap during evaluation %.0f MiB (max heap %.0f MiB, %d processors)%n",
        peakHeapMebibytes(), Runtime.getRuntime().maxMemory() / BYTES_PER_MEBIBYTE,
        Runtime.getRuntime().availableProcessors());
    if (bootstrapResamples > 0) {
      timeBootstrap(out, data, truth, propensity);
    }
    out.flush();
    return 0;
  }

  /** Evaluates with document scores once, then times the bootstrap of the predictions against themselves. */
  private void timeBootstrap(PrintWriter out, SyntheticEvaluationData data, LabelMatrix truth, Propensity propensity) {
    System.gc();
    resetPeaks();
    long evaluationStarted = System.nanoTime();
    Evaluation.WithDocumentScores scored =
        Evaluation.evaluateFileWithDocumentScores(data.predictions(), truth, propensity, FilterPairs.none(), ks);
    double evaluationSeconds = seconds(evaluationStarted);

    long bootstrapStarted = System.nanoTime();
    new PairedBootstrap(truth, bootstrapResamples, PairedBootstrap.DEFAULT_SEED, Runtime.getRuntime().availableProcessors())
        .compare(scored.documents(), scored.documents());
    double bootstrapSeconds = seconds(bootstrapStarted);
    out.printf(Locale.ROOT,
        "evaluation keeping document scores %.2f s; paired bootstrap of %,d resamples %.2f s wall on %d processors;"
            + " peak heap %.0f MiB%n",
        evaluationSeconds, bootstrapResamples, bootstrapSeconds, Runtime.getRuntime().availableProcessors(),
        peakHeapMebibytes());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static double usedHeapMebibytes() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / BYTES_PER_MEBIBYTE;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  /**
   * Sums the peak use of each heap pool. The pools peak at different moments, so the sum
   * overestimates the true peak, which makes it a safe upper bound.
   */
  private static double peakHeapMebibytes() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / BYTES_PER_MEBIBYTE;
  }
}
