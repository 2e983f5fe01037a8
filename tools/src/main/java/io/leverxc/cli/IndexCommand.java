package io.leverxc.cli;

import io.leverxc.ann.IndexBackend;
import io.leverxc.model.BundleIndexer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lever index}: rebuilds the HNSW graphs of a bundle from its vectors. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    header = "Rebuild a bundle's HNSW graphs.",
    description = {
      "Rebuild the graphs of a model bundle (label embeddings by cosine, classifier vectors by inner",
      "product, and the voting training documents by cosine when the bundle has them) from the",
      "vectors stored in it. The bundle is replaced atomically. Graph files that were lost or",
      "damaged are rebuilt too."
    })
public final class IndexCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, description = "Model bundle folder.")
  Path model;

  @Option(names = "--backend", description = "Graph library: lucene, hnswlib or exact. Default: the bundle's setting.")
  String backend;

  @Option(names = "--m", description = "Graph degree M. Default: the bundle's setting.")
  Integer m;

  @Option(names = "--ef-construction", description = "Candidate list size while building. Default: the bundle's setting.")
  Integer efConstruction;

  @Option(names = "--ef", description = "Candidate list size while searching. Default: the bundle's setting.")
  Integer ef;

  @Option(names = "--threads", description = "Build threads. Default: the number of available processors.")
  Integer threads;

  @Override
  public Integer call() {
    IndexBackend parsedBackend =
        backend == null ? null : TrainingOptions.parseEnum(IndexBackend.class, backend, "--backend", "lucene, hnswlib or exact");
    int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    BundleIndexer.Result result =
        BundleIndexer.rebuild(model, new BundleIndexer.Overrides(parsedBackend, m, efConstruction, ef), threadCount);
    System.out.printf(
        java.util.Locale.ROOT,
        "Rebuilt the graphs of %s (%s, m=%d, efConstruction=%d, ef=%d) in %.1f s%n",
        model, result.settings().backend(), result.settings().m(), result.settings().efConstruction(),
        result.settings().ef(), result.seconds());
    return 0;
  }
}
