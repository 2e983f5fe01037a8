package io.leverxc.cli;

import io.leverxc.data.FilterFiles;
import io.leverxc.data.LabelMatrix;
import io.leverxc.data.XcDataset;
import io.leverxc.distill.DistillMode;
import io.leverxc.eval.DocumentScores;
import io.leverxc.eval.Evaluation;
import io.leverxc.eval.EvaluationJson;
import io.leverxc.eval.EvaluationResult;
import io.leverxc.eval.PairedBootstrap;
import io.leverxc.eval.Propensity;
import io.leverxc.eval.PropensityConstants;
import io.leverxc.model.BundleIndexer;
import io.leverxc.model.ScorerKind;
import io.leverxc.model.SearchKind;
import io.leverxc.model.XcModel;
import io.leverxc.pipeline.PipelineSettings;
import io.leverxc.pipeline.TrainingPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lever demo}: the main job end to end on the bundled data set: train, index, predict the
 * test split and evaluate, then print the metrics table.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    header = "Train, index, predict and evaluate on the bundled data set.",
    description =
        "Run the whole job on the bundled LF-WordNetHierarchy-15K data set (or --data, in either layout "
            + "that lever train reads, with a test split): train with LEVER and, with --baseline, the same "
            + "classifier without it; rebuild the HNSW graphs; predict the test split; print P@k, nDCG@k, "
            + "PSP@k, recall@k and coverage@k. With --baseline it then prints LEVER's gain for the classifiers "
            + "and for the fused model with 95%% paired bootstrap intervals (1,000 resamples, as lever evaluate "
            + "--compare), and with --labels-ablation the share of the label rows alone. Outputs go to --out.")
public final class DemoCommand implements Callable<Integer> {
  private static final String DEMO_DATA = "data/LF-WordNetHierarchy-15K";
  private static final int[] KS = {1, 3, 5, 10, 100};
  private static final int TOP_K = 100;

  @Option(names = "--data", paramLabel = "DIR", description = "Data set folder. Default: the bundled " + DEMO_DATA + ".")
  Path data;

  @Option(
      names = "--out", paramLabel = "DIR",
      description = "Output folder for bundles, predictions and reports; it must be new or empty. Default: runs/demo-<time>, with -2, -3 and so on appended when that folder exists.")
  Path out;

  @Option(
      names = "--baseline",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Also train with --distill none and compare side by side. Default: ${DEFAULT-VALUE}.")
  boolean baseline;

  @Option(
      names = "--labels-ablation",
      negatable = true,
      defaultValue = "false",
      fallbackValue = "true",
      description = "With --distill lever: also train with --distill labels (the label texts as training rows,"
          + " no teacher pairs) on the same teacher, and compare it with lever and, with --baseline, with none, so"
          + " the table separates the label rows' share of LEVER's gain from the teacher pairs'. Adds one training"
          + " run. Default: ${DEFAULT-VALUE}.")
  boolean labelsAblation;

  @Mixin TrainingOptions training;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    // Options are checked before anything is read or created, so a typo costs nothing.
    PipelineSettings leverSettings = training.toSettings();
    if (labelsAblation && leverSettings.distill().mode() != DistillMode.LEVER) {
      throw new IllegalArgumentException("--labels-ablation compares --distill labels with --distill lever, so it"
          + " needs --distill lever, got --distill " + leverSettings.distill().mode().name().toLowerCase(Locale.ROOT));
    }
    Path dataFolder = data != null ? data : Path.of(System.getProperty("lever.home", ".")).resolve(DEMO_DATA);
    Path outFolder = out != null ? out
        : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
    if (out != null) {
      checkEmptyOrMissing(outFolder);
    }
    XcDataset dataset = training.loadData(dataFolder);
    if (!dataset.hasTest()) {
      throw new IllegalArgumentException(dataFolder + " has no test split (tst_X.txt and tst_X_Y.txt, or tst.json);"
          + " the demo evaluates on it");
    }
    // Created only once the data has loaded, so a bad folder leaves nothing behind.
    if (out != null) {
      createFolder(outFolder);
    } else {
      outFolder = claimNewFolder(outFolder);
    }
    System.out.printf(Locale.ROOT, "Demo on %s: %d train documents, %d test documents, %d labels; output in %s%n",
        dataFolder, dataset.trainTexts().size(), dataset.testTexts().size(), dataset.labelCount(), outFolder);

    Propensity propensity = Propensity.fromTrainLabels(dataset.trainLabels(), PropensityConstants.DEFAULT);
    Map<String, EvaluationResult> results = new LinkedHashMap<>();
    Map<String, DocumentScores> documentScores = new LinkedHashMap<>();
    List<String> timings = new ArrayList<>();
    List<PipelineSettings> runs = new ArrayList<>();
    if (baseline && leverSettings.distill().mode() != DistillMode.NONE) {
      runs.add(withMode(leverSettings, DistillMode.NONE));
    }
    if (labelsAblation && leverSettings.distill().mode() == DistillMode.LEVER) {
      runs.add(withMode(leverSettings, DistillMode.LABELS));
    }
    runs.add(leverSettings);

    System.out.println("Training the text features and the teacher, shared by every run below ...");
    TrainingPipeline.Prepared prepared = new TrainingPipeline(leverSettings).prepare(dataset);
    for (PipelineSettings settings : runs) {
      String name = settings.distill().mode().name().toLowerCase(Locale.ROOT);
      Path bundle = outFolder.resolve("model-" + name);
      System.out.printf(Locale.ROOT, "[%s] distillation, classifiers and graphs (distill=%s) ...%n", name, name);
      TrainingPipeline.Result trained = new TrainingPipeline(settings).finish(prepared, bundle);
      timings.add(String.format(Locale.ROOT, "%s: train %.1f s (%s)", name, trained.times().total(), trained.times()));
      if (settings == leverSettings) {
        // lever index, as a user runs it after retraining: both graphs rebuilt from the bundle's vectors.
        BundleIndexer.Result indexed =
            BundleIndexer.rebuild(bundle, new BundleIndexer.Overrides(null, null, null, null), settings.threads());
        timings.add(String.format(Locale.ROOT, "%s: lever index %.1f s", name, indexed.seconds()));
      }

      for (ScorerKind scorer : scorersFor(settings == leverSettings)) {
        String rowName = scorer == ScorerKind.FUSED ? "fused-" + name : scorer.name().toLowerCase(Locale.ROOT) + "-" + name;
        Path predictions = outFolder.resolve("predictions-" + rowName + ".txt");
        try (XcModel model = XcModel.load(bundle, scorer, SearchKind.INDEX)) {
          long predictStart = System.nanoTime();
          PredictCommand.predictAll(model, dataset.testTexts(), TOP_K, settings.threads(), predictions);
          double seconds = (System.nanoTime() - predictStart) / 1e9;
          timings.add(String.format(Locale.ROOT, "%s: predict %d texts in %.1f s (%.3f ms per text on %d %s)",
              rowName, dataset.testTexts().size(), seconds, 1000 * seconds / dataset.testTexts().size(), settings.threads(),
              settings.threads() == 1 ? "thread" : "threads"));
        }
        Evaluation.WithDocumentScores evaluation = Evaluation.evaluateFileWithDocumentScores(
            predictions, dataset.testLabels(), propensity, dataset.testFilter(), KS);
        results.put(rowName, evaluation.result());
        documentScores.put(rowName, evaluation.documents());
      }
    }

    List<String> names = List.copyOf(results.keySet());
    List<EvaluationResult> values = List.copyOf(results.values());
    List<PairedBootstrap.Comparison> comparisons =
        compareRuns(documentScores, dataset.testLabels(), leverSettings.threads());
    Path json = outFolder.resolve("metrics.json");
    Path report = outFolder.resolve("report.html");
    EvaluationJson.write(json, results, comparisons);
    String titleFeatures = "title character n-grams "
        + (prepared.featurizer().settings().titleCharNgrams() ? "kept" : "left out")
        + " (--title-ngrams " + training.titleNgrams + ")";
    String filter = FilterFiles.testChosen(dataset.directory()) == null
        ? "no filter file"
        : dataset.testFilter().size() + " filter pairs removed";
    EvaluateCommand.writeAtomically(report, EvaluationReport.html(names, values,
        List.of("test split of " + dataFolder + ", " + filter + ", propensity A=0.55 B=1.5", titleFeatures),
        comparisons));

    System.out.println();
    System.out.println("Test split of " + dataFolder.getFileName() + " (" + filter + "; PSP with A=0.55, B=1.5;"
        + " percentages; " + titleFeatures + "):");
    System.out.print(EvaluationTable.format(names, values));
    for (PairedBootstrap.Comparison comparison : comparisons) {
      System.out.println();
      System.out.print(EvaluationTable.formatComparison(comparison, dataset.testLabels().rows()));
    }
    System.out.println();
    timings.forEach(line -> System.out.println("  " + line));
    System.out.printf(Locale.ROOT, "Wrote %s and %s. Demo wall time: %.1f s%n", json, report, (System.nanoTime() - start) / 1e9);
    return 0;
  }

  /**
   * Compares the runs that share a scorer, each with a paired bootstrap interval: LEVER against
   * {@code --distill none} (LEVER's gain), then, with the labels ablation, the label rows alone
   * against none and LEVER against the label rows alone (the teacher pairs' share).
   */
  private static List<PairedBootstrap.Comparison> compareRuns(
      Map<String, DocumentScores> documentScores, LabelMatrix truth, int threads) {
    PairedBootstrap bootstrap =
        new PairedBootstrap(truth, PairedBootstrap.DEFAULT_RESAMPLES, PairedBootstrap.DEFAULT_SEED, threads);
    String[][] pairs = {{"none", "lever"}, {"none", "labels"}, {"labels", "lever"}};
    List<PairedBootstrap.Comparison> comparisons = new ArrayList<>();
    for (String[] pair : pairs) {
      for (String scorer : List.of("classifier", "fused")) {
        String first = scorer + "-" + pair[0];
        String second = scorer + "-" + pair[1];
        if (documentScores.containsKey(first) && documentScores.containsKey(second)) {
          comparisons.add(bootstrap.compare(first, documentScores.get(first), second, documentScores.get(second)));
        }
      }
    }
    return comparisons;
  }


  /** Returns the scorers to evaluate: the teacher only once, with the main run, because every run shares it. */
  private static List<ScorerKind> scorersFor(boolean mainRun) {
    if (!mainRun) {
      return List.of(ScorerKind.CLASSIFIER, ScorerKind.FUSED);
    }
    return List.of(ScorerKind.TEACHER, ScorerKind.CLASSIFIER, ScorerKind.FUSED);
  }


  private static PipelineSettings withMode(PipelineSettings settings, DistillMode mode) {
    return settings.withDistill(io.leverxc.distill.DistillSettings.defaults(mode));
  }


  /**
   * Rejects an output path that is a file, a broken link or a folder that is not empty. A run
   * writes only some of the files a run with other options writes, so files of an earlier run would
   * lie beside this run's, and the earlier models and predictions would be replaced one by one.
   */
  private static void checkEmptyOrMissing(Path folder) {
    if (Files.isSymbolicLink(folder) && !Files.exists(folder)) {
      throw new IllegalArgumentException("--out " + folder + " is a symbolic link to a missing target: expected a"
          + " folder to write the demo's outputs to");
    }
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException("--out " + folder + " exists and is not a folder: expected a folder to write"
          + " the demo's outputs to");
    }
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
      java.util.Optional<Path> first = entries.findFirst();
      if (first.isPresent()) {
        throw new IllegalArgumentException("--out " + folder + " is not empty (it contains " + first.get().getFileName()
            + ", for one): give a new folder, or remove this one, so that an earlier run's models and predictions"
            + " are neither replaced nor mixed with this run's");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read output folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates {@code base}, or {@code base-2}, {@code base-3} and so on when it exists, and returns the folder created.
   * Each attempt is one atomic creation, so two demos started in the same second never share a folder.
   */
  static Path claimNewFolder(Path base) {
    try {
      Path parent = base.toAbsolutePath().getParent();
      if (parent != null) {
        if (Files.exists(parent) && !Files.isDirectory(parent)) {
          throw new IllegalArgumentException("cannot create output folder " + base + ": " + parent
              + " exists and is not a folder; remove it or give --out");
        }
        Files.createDirectories(parent);
      }
      for (int suffix = 1; ; suffix++) {
        Path candidate = suffix == 1 ? base : base.resolveSibling(base.getFileName() + "-" + suffix);
        try {
          return Files.createDirectory(candidate);
        } catch (java.nio.file.FileAlreadyExistsException taken) {
          // Another run, or an earlier one in the same second, has it: try the next suffix.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder " + base + ": " + e.getMessage(), e);
    }
  }

  private static void createFolder(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output folder " + folder + ": " + e.getMessage(), e);
    }
  }
}
