package io.leverxc.cli;

import io.leverxc.ann.IndexSettings;
import io.leverxc.bench.GraphUpdateBenchmark;
import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.Manifest;
import io.leverxc.model.BundleLayout;
import io.leverxc.model.IndexSettingsCodec;
import io.leverxc.model.XcModel;
import io.leverxc.vector.DenseMatrix;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lever bench graph-update}: incremental hnswlib graph update against a full rebuild. */
@Command(
    name = "graph-update",
    mixinStandardHelpOptions = true,
    header = "Compare growing a label graph in place with rebuilding it.",
    description =
        "Compare growing an hnswlib graph over a bundle's label embeddings (resize, then add the labels "
            + "after the first --base) with rebuilding it: seconds, recall@k against exact search, items lost "
            + "and added labels not found by their own vector.")
public final class GraphUpdateBenchCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "DIR", required = true, description = "Model bundle folder, for example one written by lever retrain.")
  Path model;

  @Option(names = "--base", paramLabel = "N", description = "Labels already in the graph before the update. Default: the parent's label count of a retrained bundle.")
  Integer base;

  @Option(names = "--queries", paramLabel = "N", defaultValue = "1000", description = "Query rows, half of them added labels. Default: ${DEFAULT-VALUE}.")
  int queries;

  @Option(names = "--k", paramLabel = "K", defaultValue = "100", description = "Neighbours per query for recall@k. Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Insertion threads. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Override
  public Integer call() throws InterruptedException {
    if (queries < 1 || k < 1) {
      throw new IllegalArgumentException("--queries and --k must be at least 1, got " + queries + " and " + k);
    }
    TrainingOptions.checkThreads(threads);
    BundleReader reader = BundleReader.open(model);
    Manifest manifest = reader.manifest();
    DenseMatrix embeddings = reader.matrix(BundleLayout.LABEL_EMBEDDINGS);
    Map<String, Object> index = manifest.settings().get(BundleLayout.SECTION_INDEX);
    IndexSettings settings = index == null ? XcModel.defaultIndexSettings() : IndexSettingsCodec.fromMap(index);
    int baseRows = base != null ? base : parentLabels(manifest);

    GraphUpdateBenchmark benchmark = new GraphUpdateBenchmark(embeddings, baseRows, settings, threads);
    int[] queryRows = benchmark.sampleQueries(queries, 1L);
    GraphUpdateBenchmark.Outcome rebuild = benchmark.fullRebuild(queryRows, k);
    GraphUpdateBenchmark.Outcome update = benchmark.incrementalUpdate(queryRows, k);
    System.out.printf(Locale.ROOT, "%d labels, %d in the base graph, m=%d efConstruction=%d ef=%d, %d threads%n",
        embeddings.rows(), baseRows, settings.m(), settings.efConstruction(), settings.ef(), threads);
    print("full rebuild", rebuild, embeddings.rows());
    print("incremental update", update, embeddings.rows());
    return 0;
  }

  private void print(String name, GraphUpdateBenchmark.Outcome outcome, int rows) {
    System.out.printf(Locale.ROOT, "%-19s %7.2f s  recall@%d %.4f  items %d of %d  added labels not found by own vector: %d%n",
        name, outcome.seconds(), k, outcome.recall(), outcome.size(), rows, outcome.addedNotFound());
  }

  private static int parentLabels(Manifest manifest) {
    Map<String, Object> retrain = manifest.settings().get(BundleLayout.SECTION_RETRAIN);
    if (retrain == null || !(retrain.get("parent_labels") instanceof Number count)) {
      throw new IllegalArgumentException(
          "the bundle was not written by lever retrain, so its parent's label count is unknown; pass --base");
    }
    return count.intValue();
  }
}
