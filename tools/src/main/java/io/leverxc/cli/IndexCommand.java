package io.leverxc.cli;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.model.BundleIndexer;
import io.leverxc.model.DocumentNeighbours;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lever index}: rebuilds the HNSW graphs of a bundle from its vectors. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    header = "Rebuild a bundle's HNSW graphs.",
    description =
        "Rebuild the graphs of a model bundle (label embeddings by cosine, classifier vectors by inner "
            + "product, and the voting training documents by cosine when the bundle has them) from the vectors "
            + "stored in it. The bundle is replaced atomically. Graph files that were lost or damaged are "
            + "rebuilt too.")
public final class IndexCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR", required = true, description = "Model bundle folder.")
  Path model;

  @Option(
      names = {"--backend", "--index-backend"},
      paramLabel = "BACKEND",
      description = "Graph library: lucene, hnswlib or exact (--index-backend in lever train). Default: the bundle's"
          + " setting, which lever train sets to lucene.")
  String backend;

  @Option(
      names = "--m",
      paramLabel = "N",
      description = "Graph degree M. Default: the bundle's setting, which lever train sets to "
          + IndexSettings.DEFAULT_M + ".")
  Integer m;

  @Option(
      names = "--ef-construction",
      paramLabel = "N",
      description = "Candidate list size while building. Default: the bundle's setting, which lever train sets to "
          + IndexSettings.DEFAULT_EF_CONSTRUCTION + ".")
  Integer efConstruction;

  @Option(
      names = "--ef",
      paramLabel = "N",
      description = "Largest candidate list of a label or classifier graph search, stored in the bundle for lever"
          + " predict and lever serve. Each search takes a list twice the labels it returns, up to this (and never"
          + " fewer than it returns). With the default shortlist of 100 labels per graph, a value below 200 makes"
          + " top-100 searches faster and less exact, while a larger one changes nothing for requests of up to 100"
          + " labels. Default: the bundle's setting, which lever train"
          + " sets to " + IndexSettings.DEFAULT_EF + ".")
  Integer ef;

  @Option(
      names = "--document-m", paramLabel = "N",
      description = "Graph degree M of the training-document graph. Default: the bundle's setting, or "
          + DocumentNeighbours.GRAPH_M + " for a bundle that has none.")
  Integer documentM;

  @Option(
      names = "--document-ef-construction", paramLabel = "N",
      description = "Candidate list size while building the training-document graph. Default: the bundle's"
          + " setting, or " + DocumentNeighbours.GRAPH_EF_CONSTRUCTION + ".")
  Integer documentEfConstruction;

  @Option(
      names = "--document-ef", paramLabel = "N",
      description = "Candidate list size while searching the training-document graph; a larger one finds the"
          + " voting documents more exactly and more slowly. Default: the bundle's setting, or "
          + DocumentNeighbours.GRAPH_EF + ".")
  Integer documentEf;

  @Option(names = "--threads", paramLabel = "N", description = "Build threads. Default: the number of available processors.")
  Integer threads;

  @Override
  public Integer call() {
    IndexBackend parsedBackend =
        backend == null ? null : TrainingOptions.parseEnum(IndexBackend.class, backend, "--backend", "lucene, hnswlib or exact");
    checkRange("--m", m, IndexSettings.MIN_M, IndexSettings.MAX_M);
    checkRange("--ef-construction", efConstruction, IndexSettings.MIN_EF_CONSTRUCTION, IndexSettings.MAX_EF_CONSTRUCTION);
    checkRange("--ef", ef, 1, IndexSettings.MAX_EF);
    checkRange("--document-m", documentM, IndexSettings.MIN_M, IndexSettings.MAX_M);
    checkRange(
        "--document-ef-construction", documentEfConstruction, IndexSettings.MIN_EF_CONSTRUCTION,
        IndexSettings.MAX_EF_CONSTRUCTION);
    checkRange("--document-ef", documentEf, 1, IndexSettings.MAX_EF);
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    TrainingOptions.checkThreads(threadCount);
    BundleIndexer.Result result =
        BundleIndexer.rebuild(
            model,
            new BundleIndexer.Overrides(parsedBackend, m, efConstruction, ef),
            new BundleIndexer.Overrides(parsedBackend, documentM, documentEfConstruction, documentEf),
            threadCount);
    PrintWriter out = spec.commandLine().getOut();
    if (result.settings().backend() == io.leverxc.ann.IndexBackend.EXACT) {
      // The graph settings stay in the manifest for a later graph backend but mean nothing here.
      out.printf(java.util.Locale.ROOT, "Rebuilt the search of %s (EXACT, no graph) in %.1f s%n", model,
          result.seconds());
    } else {
      out.printf(
          java.util.Locale.ROOT,
          "Rebuilt the graphs of %s (%s, m=%d, efConstruction=%d, ef=%d) in %.1f s%n",
          model, result.settings().backend(), result.settings().m(), result.settings().efConstruction(),
          result.settings().ef(), result.seconds());
    }
    boolean graphOptions = m != null || efConstruction != null || ef != null || documentM != null
        || documentEfConstruction != null || documentEf != null;
    if (result.settings().backend() == io.leverxc.ann.IndexBackend.EXACT && graphOptions) {
      spec.commandLine().getErr().println(
          "lever index: the exact backend searches without a graph, so --m, --ef-construction, --ef and the"
              + " --document-* options have no effect; the manifest records them for a later graph backend");
    }
    IndexSettings documents = result.documentSettings();
    if (documents == null && (documentM != null || documentEfConstruction != null || documentEf != null)) {
      spec.commandLine().getErr().println(
          "lever index: " + model + " has no training-document graph (its fused score has no document vote),"
              + " so the --document-* options were not used");
    }
    if (documents != null) {
      out.printf(
          java.util.Locale.ROOT, "Training-document graph: m=%d, efConstruction=%d, ef=%d%n",
          documents.m(), documents.efConstruction(), documents.ef());
    }
    out.flush();
    return 0;
  }

  private static void checkRange(String option, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], got " + value);
    }
  }
}
