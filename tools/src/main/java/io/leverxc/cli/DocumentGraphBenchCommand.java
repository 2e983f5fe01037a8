package io.leverxc.cli;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Similarity;
import io.leverxc.bench.BenchReport;
import io.leverxc.bench.IndexBenchmark;
import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.Manifest;
import io.leverxc.data.XcDataset;
import io.leverxc.model.BundleLayout;
import io.leverxc.model.DocumentNeighbours;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.XcModel;
import io.leverxc.vector.DenseMatrix;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench document-graph}: how well graphs over a bundle's training documents find the
 * documents that vote, by build settings and search ef. The queries are the validation documents
 * that training carved from the same data set and kept out of the graph, so they stand for unseen
 * texts, and the recall is measured against an exact search for the vote's neighbour count.
 */
@Command(
    name = "document-graph",
    mixinStandardHelpOptions = true,
    header = "Measure recall, speed and build time of training-document graphs.",
    description =
        "Build graphs over a bundle's training-document embeddings for each --m and --ef-construction, "
            + "then search them with each --ef for the validation documents of --data, and print recall against "
            + "exact search, single-thread queries per second and build time. Use it to choose 'lever index "
            + "--document-m/--document-ef-construction/--document-ef'.")
public final class DocumentGraphBenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR", required = true, description = "Model bundle folder with a document vote.")
  Path model;

  @Option(names = "--data", paramLabel = "DIR", required = true, description = "The data set folder the bundle was trained on.")
  Path data;

  @Option(names = "--m", paramLabel = "M[,M...]", split = ",", defaultValue = "16,24", description = "Graph degrees to build (default: ${DEFAULT-VALUE}).")
  int[] degrees;

  @Option(names = "--ef-construction", paramLabel = "EF[,EF...]", split = ",", defaultValue = "100,150", description = "Build candidate list sizes (default: ${DEFAULT-VALUE}).")
  int[] buildLists;

  @Option(names = "--ef", paramLabel = "EF[,EF...]", split = ",", defaultValue = "50,64,80,100,200", description = "Search candidate list sizes to sweep (default: ${DEFAULT-VALUE}).")
  int[] efs;

  @Option(names = "--query-count", paramLabel = "N", defaultValue = "3000", description = "Validation documents used as queries, from the start of the split (default: ${DEFAULT-VALUE}).")
  int queryCount;

  @Option(names = "--threads", paramLabel = "N", description = "Graph build threads (default: available processors).")
  Integer threads;

  @Override
  public Integer call() {
    checkEach("--m", degrees, IndexSettings.MIN_M, IndexSettings.MAX_M);
    checkEach("--ef-construction", buildLists, IndexSettings.MIN_EF_CONSTRUCTION, IndexSettings.MAX_EF_CONSTRUCTION);
    checkEach("--ef", efs, 1, IndexSettings.MAX_EF);
    if (queryCount < 1) {
      throw new IllegalArgumentException("--query-count must be at least 1, got " + queryCount);
    }
    int buildThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (buildThreads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + buildThreads);
    }
    BundleReader reader = BundleReader.open(model);
    Manifest manifest = reader.manifest();
    if (!reader.has(BundleLayout.DOCUMENT_EMBEDDINGS)) {
      throw new IllegalArgumentException(
          model + " has no training-document embeddings: its fused score does not use the document vote");
    }
    DenseMatrix documents = reader.matrix(BundleLayout.DOCUMENT_EMBEDDINGS);
    int voters = voteCount(manifest);
    DenseMatrix queries = validationQueries(manifest);

    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        java.util.Locale.ROOT,
        "%s: %d training documents of dimension %d, %d validation queries, recall of the %d voting documents;"
            + " bundle settings %s%n",
        model, documents.rows(), documents.columns(), queries.rows(), voters,
        DocumentNeighbours.graphSettings(manifest));
    IndexBenchmark.ExactRun exact = IndexBenchmark.exact(documents, queries, Similarity.COSINE, voters);
    for (int m : degrees) {
      for (int efConstruction : buildLists) {
        out.printf(java.util.Locale.ROOT, "%nm=%d, efConstruction=%d%n", m, efConstruction);
        out.flush();
        IndexBenchmark.Config config = new IndexBenchmark.Config(
            Similarity.COSINE, List.of(IndexBackend.LUCENE), m, efConstruction, efs, voters, buildThreads);
        BenchReport.print(out, IndexBenchmark.run(documents, queries, null, exact, config), voters, "document");
      }
    }
    return 0;
  }

  private static void checkEach(String option, int[] values, int min, int max) {
    if (values.length == 0) {
      throw new IllegalArgumentException(option + " needs at least one value");
    }
    for (int value : values) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(option + " values must be in [" + min + ", " + max + "], got " + value);
      }
    }
  }

  /** Returns the larger neighbour count of the two fusion sections, at least the recall cut of 10. */
  private static int voteCount(Manifest manifest) {
    int count = 0;
    for (String section : List.of(BundleLayout.SECTION_FUSION, BundleLayout.SECTION_FUSION_FIRST_SLOT)) {
      Map<String, Object> values = manifest.settings().get(section);
      if (values != null) {
        count = Math.max(count, FusionSettings.fromMap(values).neighbourCount());
      }
    }
    return Math.max(count, IndexBenchmark.SMALL_K);
  }

  /**
   * Encodes the validation documents that training carved with the bundle's recorded fraction and
   * seed, as the classifier input that searches the document graph.
   */
  private DenseMatrix validationQueries(Manifest manifest) {
    XcDataset dataset = DataSets.loadLike(data, model, manifest);
    int[] rows = BundleValidationSplit.of(model, manifest, data, dataset).validationRows();
    int count = Math.min(queryCount, rows.length);
    try (XcModel loaded = XcModel.load(model)) {
      ValidationBenchCommand.checkLabelTexts(loaded, dataset, data);
      EmbeddingBagEncoder encoder = loaded.classifierEncoder();
      DenseMatrix queries = new DenseMatrix(count, encoder.dimension());
      float[] embedding = new float[encoder.dimension()];
      for (int i = 0; i < count; i++) {
        encoder.encode(loaded.featurizer().features(dataset.trainTexts().get(rows[i])), embedding);
        queries.setRow(i, embedding);
      }
      return queries;
    }
  }
}
