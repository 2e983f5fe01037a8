package io.leverxc.cli;

import io.leverxc.bench.FeatureBenchTexts;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
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
 * {@code lever bench features}: fits the text featurizer on a data set's training and label texts,
 * then measures single-thread feature extraction on its training texts cut to about 100 characters.
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    header = "Measure the speed of the text feature pipeline.",
    description =
        "Fit text features on the training and label texts of a data set, then measure texts per"
            + " second on one thread, end to end from string to normalised sparse vector. Options"
            + " override the default feature settings.")
public final class FeaturesBenchCommand implements Callable<Integer> {
  private static final double NANOS_PER_SECOND = 1e9;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data", paramLabel = "DIR",
      description = "Data set folder in the XC raw-text layout (default: ${DEFAULT-VALUE}).",
      defaultValue = "data/LF-WordNetHierarchy-15K")
  Path data;

  @Option(
      names = "--chars", paramLabel = "N",
      description = "Measure training texts of at least this many characters, cut at the last space before it (default: ${DEFAULT-VALUE}).",
      defaultValue = "100")
  int chars;

  @CommandLine.Mixin FeatureSettingsOptions featureOptions;

  @Option(
      names = {"--fit-threads", "--threads"},
      paramLabel = "N",
      description = "Threads used to fit the featurizer (default: the number of available processors).")
  Integer fitThreads;

  @Option(
      names = "--warmup-seconds", paramLabel = "S",
      description = "Seconds of extraction before measuring, to let the JIT compile (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  double warmupSeconds;

  @Option(
      names = "--seconds", paramLabel = "S",
      description = "Seconds of measured extraction (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  double seconds;

  /** Maximum length of a measurement or a warm-up, in seconds. */
  static final double MAX_SECONDS = 3_600;

  @Override
  public Integer call() {
    if (chars < 1 || !(warmupSeconds >= 0 && warmupSeconds <= MAX_SECONDS) || !(seconds > 0 && seconds <= MAX_SECONDS)) {
      throw new IllegalArgumentException(
          "--chars must be at least 1, --warmup-seconds in [0, 3600] and --seconds in (0, 3600], found "
              + chars + ", " + warmupSeconds + " and " + seconds);
    }
    int threads = fitThreads != null ? fitThreads : Runtime.getRuntime().availableProcessors();
    if (threads < 1 || threads > TrainingOptions.MAX_THREADS) {
      throw new IllegalArgumentException(
          "--fit-threads must be in [1, " + TrainingOptions.MAX_THREADS + "], got " + threads);
    }
    FeatureSettings settings = featureOptions.settings();
    PrintWriter out = spec.commandLine().getOut();
    Path dataset = data.isAbsolute() ? data : Path.of(System.getProperty("lever.home", ".")).resolve(data);
    FeatureBenchTexts texts = FeatureBenchTexts.load(dataset, chars);

    long fitStart = System.nanoTime();
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(settings, texts.fitTexts(), threads);
    double fitSeconds = (System.nanoTime() - fitStart) / NANOS_PER_SECOND;
    out.printf(
        Locale.ROOT,
        "fit: %,d texts, %d threads, %.2f s, dimension %,d, featurizer %,d bytes%n",
        texts.fitTexts().size(), threads, fitSeconds, featurizer.dimension(), featurizer.toBytes().length);

    List<String> shortTexts = texts.shortTexts();
    run(featurizer, shortTexts, warmupSeconds);
    Measurement measured = run(featurizer, shortTexts, seconds);
    out.printf(
        Locale.ROOT,
        "features: %,.0f texts/s on 1 thread, %,.0f texts per CPU second"
            + " (%,d extractions in %.2f s, %.2f CPU s, over %,d distinct texts),"
            + " mean %.1f chars, mean %.1f non-zeros%n",
        measured.textsPerSecond(),
        measured.textsPerCpuSecond(),
        measured.texts(),
        measured.seconds(),
        measured.cpuSeconds(),
        shortTexts.size(),
        texts.meanShortTextChars(),
        (double) measured.nonZeros() / measured.texts());
    return 0;
  }

  /** Extracts features from {@code texts} in order, round and round, for about {@code seconds}. */
  private static Measurement run(TfidfFeaturizer featurizer, List<String> texts, double seconds) {
    long budget = (long) (seconds * NANOS_PER_SECOND);
    ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    long cpuStart = threadBean.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long elapsed = 0;
    long count = 0;
    long nonZeros = 0;
    int next = 0;
    while (elapsed < budget) {
      // Checking the clock every 1,000 texts keeps its cost out of the figure.
      for (int i = 0; i < 1_000; i++) {
        SparseVector vector = featurizer.features(texts.get(next));
        nonZeros += vector.size();
        next = next + 1 == texts.size() ? 0 : next + 1;
      }
      count += 1_000;
      elapsed = System.nanoTime() - start;
    }
    double cpuSeconds = (threadBean.getCurrentThreadCpuTime() - cpuStart) / NANOS_PER_SECOND;
    return new Measurement(count, elapsed / NANOS_PER_SECOND, cpuSeconds, nonZeros);
  }

  /** Texts done in {@code seconds} of wall-clock time, of which the thread ran {@code cpuSeconds}. */
  private record Measurement(long texts, double seconds, double cpuSeconds, long nonZeros) {
    double textsPerSecond() {
      return texts / seconds;
    }

    double textsPerCpuSecond() {
      return texts / cpuSeconds;
    }
  }
}
