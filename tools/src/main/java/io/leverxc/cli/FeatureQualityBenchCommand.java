package io.leverxc.cli;

import io.leverxc.bench.NeighbourLabelProbe;
import io.leverxc.data.XcDataset;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench feature-quality}: compares text feature settings without training a model, by
 * the label precision of a nearest-neighbour search over the training documents.
 */
@Command(
    name = "feature-quality",
    mixinStandardHelpOptions = true,
    description =
        "Fit text features on the training and label texts of a data set, then give each sampled"
            + " test document the labels of its nearest training documents by cosine similarity and"
            + " report P@1 and P@5. Options override the default feature settings.")
public final class FeatureQualityBenchCommand implements Callable<Integer> {
  private static final double NANOS_PER_SECOND = 1e9;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin FeatureSettingsOptions featureOptions;

  @Option(
      names = "--data",
      description = "Data set folder in the XC raw-text layout (default: ${DEFAULT-VALUE}).",
      defaultValue = "data/LF-WordNetHierarchy-15K")
  Path data;

  @Option(names = "--documents", description = "Number of test documents evaluated, evenly spaced (default: ${DEFAULT-VALUE}).", defaultValue = "2000")
  int documents;

  @Option(names = "--neighbours", description = "Nearest training documents per test document (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int neighbours;

  @Option(names = "--threads", description = "Threads used to fit the featurizer (default: the number of available processors).")
  Integer threads;

  @Override
  public Integer call() {
    if (documents < 1 || neighbours < 1) {
      throw new IllegalArgumentException(
          "--documents and --neighbours must be at least 1, found " + documents + " and " + neighbours);
    }
    PrintWriter out = spec.commandLine().getOut();
    Path dataset = data.isAbsolute() ? data : Path.of(System.getProperty("lever.home", ".")).resolve(data);
    XcDataset xc = XcDataset.load(dataset);
    if (!xc.hasTest()) {
      throw new IllegalArgumentException(dataset + " has no test split (tst_X.txt, tst_X_Y.txt)");
    }
    FeatureSettings settings = featureOptions.settings();
    List<String> fitTexts = new ArrayList<>(xc.trainTexts());
    fitTexts.addAll(xc.labelTexts());
    int fitThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();

    long start = System.nanoTime();
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(settings, fitTexts, fitThreads);
    double fitSeconds = (System.nanoTime() - start) / NANOS_PER_SECOND;
    NeighbourLabelProbe probe = new NeighbourLabelProbe(featurizer, xc.trainTexts(), xc.trainLabels());
    int stride = Math.max(1, xc.testTexts().size() / documents);
    NeighbourLabelProbe.Result result =
        probe.evaluate(featurizer, xc.testTexts(), xc.testLabels(), xc.testFilter(), stride, neighbours);

    out.printf(Locale.ROOT, "settings: %s%n", settings.toMap());
    out.printf(
        Locale.ROOT,
        "dimension %,d, fit %.2f s on %d threads; %d-NN over %,d training documents, %,d test documents:"
            + " P@1 %.4f, P@5 %.4f%n",
        featurizer.dimension(),
        fitSeconds,
        fitThreads,
        neighbours,
        xc.trainTexts().size(),
        result.documents(),
        result.precisionAt1(),
        result.precisionAt5());
    return 0;
  }
}
