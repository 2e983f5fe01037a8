package io.leverxc.cli;

import io.leverxc.pipeline.NeighbourLabelProbe;
import io.leverxc.classifier.ValidationSplit;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.XcDataset;
import io.leverxc.pipeline.PipelineSettings;
import io.leverxc.text.FeatureSettings;
import io.leverxc.teacher.PairFilter;
import io.leverxc.text.TfidfFeaturizer;
import java.io.PrintWriter;
import java.nio.file.Files;
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
 *
 * <p>By default the queries are a validation split carved from the training documents with the
 * same fraction and seed as {@code lever train}, so that feature settings are chosen without
 * looking at the test split. {@code --split test} measures a choice already made on the test
 * documents.
 */
@Command(
    name = "feature-quality",
    mixinStandardHelpOptions = true,
    header = "Measure how well the text features find documents with the same labels.",
    description =
        "Fit text features on the training and label texts of a data set, then give each sampled"
            + " query document the labels of its nearest training documents by cosine similarity and"
            + " report P@1 and P@5. The queries are held-out training documents unless --split test"
            + " is given. Options override the default feature settings.")
public final class FeatureQualityBenchCommand implements Callable<Integer> {
  private static final double NANOS_PER_SECOND = 1e9;

  /** Source of the query documents. */
  enum Split {
    /** A seeded share of the training documents, held out of the fit and the search. */
    validation,
    /** The data set's test documents; for reporting, never for choosing settings. */
    test
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin FeatureSettingsOptions featureOptions;

  @CommandLine.Mixin JsonTextOption jsonText;

  @Option(
      names = "--data", paramLabel = "DIR",
      description = "Data set folder in the XC raw-text or JSON-lines layout (default: ${DEFAULT-VALUE}).",
      defaultValue = "data/LF-WordNetHierarchy-15K")
  Path data;

  @Option(
      names = "--split", paramLabel = "SPLIT",
      description = "Query documents: validation (held-out training documents) or test (default: ${DEFAULT-VALUE}).",
      defaultValue = "validation")
  Split split;

  @Option(
      names = "--validation-fraction", paramLabel = "FRACTION",
      description = "Share of the training documents held out as queries with --split validation, in (0, 0.5]"
          + " (default: ${DEFAULT-VALUE}, as lever train).",
      defaultValue = "0.05")
  double validationFraction;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the validation split (default: ${DEFAULT-VALUE}, as lever train).", defaultValue = "42")
  long seed;

  @Option(names = "--documents", paramLabel = "N", description = "Largest number of query documents evaluated, evenly spaced (default: ${DEFAULT-VALUE}).", defaultValue = "3000")
  int documents;

  @Option(names = "--neighbours", paramLabel = "N", description = "Nearest training documents per query document (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int neighbours;

  @Option(names = "--threads", paramLabel = "N", description = "Threads that fit the featurizer and search the neighbours (default: the number of available processors).")
  Integer threads;

  /** Training texts searched, query texts with their labels, and the pairs never predicted. */
  private record Queries(
      List<String> trainTexts, LabelMatrix trainLabels, List<String> texts, LabelMatrix labels, PairFilter filter) {}

  @Override
  public Integer call() {
    if (documents < 1 || neighbours < 1) {
      throw new IllegalArgumentException(
          "--documents and --neighbours must be at least 1, found " + documents + " and " + neighbours);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (threads != null && threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    if (!(validationFraction > 0 && validationFraction <= PipelineSettings.MAX_VALIDATION_FRACTION)) {
      throw new IllegalArgumentException("--validation-fraction must be in (0, " + PipelineSettings.MAX_VALIDATION_FRACTION
          + "], got " + validationFraction);
    }
    // A relative folder is looked up in the working directory first, then in the Lever-XC folder,
    // where the default data set is.
    Path dataset =
        data.isAbsolute() || Files.isDirectory(data)
            ? data
            : Path.of(System.getProperty("lever.home", ".")).resolve(data);
    XcDataset xc = jsonText.load(dataset);
    Queries queries = split == Split.test ? testQueries(xc, dataset) : validationQueries(xc);
    FeatureSettings settings = featureOptions.settings();
    List<String> fitTexts = new ArrayList<>(queries.trainTexts());
    fitTexts.addAll(xc.labelTexts());
    int fitThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();

    long start = System.nanoTime();
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(settings, fitTexts, fitThreads);
    double fitSeconds = (System.nanoTime() - start) / NANOS_PER_SECOND;
    NeighbourLabelProbe probe = new NeighbourLabelProbe(featurizer, queries.trainTexts(), queries.trainLabels());
    // Rounded up, so that at most --documents are evaluated.
    int stride = Math.max(1, (queries.texts().size() + documents - 1) / documents);
    NeighbourLabelProbe.Result result =
        probe.evaluate(featurizer, queries.texts(), queries.labels(), queries.filter(), stride, neighbours, fitThreads);

    out.printf(Locale.ROOT, "settings: %s%n", settings.toMap());
    out.printf(
        Locale.ROOT,
        "dimension %,d, fit %.2f s on %d threads; %d-NN over %,d training documents, %,d %s documents:"
            + " P@1 %.4f, P@5 %.4f%n",
        featurizer.dimension(),
        fitSeconds,
        fitThreads,
        Math.min(neighbours, queries.trainTexts().size()),
        queries.trainTexts().size(),
        result.documents(),
        split,
        result.precisionAt1(),
        result.precisionAt5());
    return 0;
  }

  private static Queries testQueries(XcDataset xc, Path dataset) {
    if (!xc.hasTest()) {
      throw new IllegalArgumentException(dataset + " has no test split (tst_X.txt, tst_X_Y.txt); use --split validation");
    }
    FilterPairs filter = xc.testFilter();
    return new Queries(xc.trainTexts(), xc.trainLabels(), xc.testTexts(), xc.testLabels(), filter::contains);
  }

  private Queries validationQueries(XcDataset xc) {
    int rows = xc.trainTexts().size();
    int heldOutCount = (int) Math.round(validationFraction * rows);
    if (heldOutCount == 0 || heldOutCount == rows) {
      throw new IllegalArgumentException(
          "--validation-fraction " + validationFraction + " of " + rows + " training documents leaves no validation or"
              + " no training documents; use a larger data set or fraction, or --split test");
    }
    ValidationSplit carved = ValidationSplit.carve(rows, validationFraction, seed);
    int[] heldOut = carved.validationRows();
    FilterPairs trainFilter = xc.trainFilter();
    return new Queries(
        ValidationSplit.select(xc.trainTexts(), carved.trainRows()), ValidationSplit.select(xc.trainLabels(), carved.trainRows()),
        ValidationSplit.select(xc.trainTexts(), heldOut), ValidationSplit.select(xc.trainLabels(), heldOut),
        (row, label) -> trainFilter.contains(heldOut[row], label));
  }
}
