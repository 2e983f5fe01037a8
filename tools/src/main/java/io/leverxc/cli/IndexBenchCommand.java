package io.leverxc.cli;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Similarity;
import io.leverxc.ann.GaussianMixture;
import io.leverxc.bench.BenchReport;
import io.leverxc.bench.IndexBenchmark;
import io.leverxc.bench.RawVectorFiles;
import io.leverxc.vector.DenseMatrix;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench index}: recall@10, recall@k and queries per second of the HNSW backends
 * against brute force over an ef sweep, on seeded clustered synthetic vectors or on raw vector
 * files shared with other ANN libraries.
 */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    header = "Measure recall and QPS of the HNSW backends against exact search.",
    description =
        "Measure recall and single-thread QPS of the HNSW backends against exact search over an ef sweep. "
            + "Without --vectors it uses seeded synthetic unit vectors from a Gaussian mixture.")
public final class IndexBenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--vectors", paramLabel = "FILE.f32", description = "Indexed vectors: little-endian float32 rows of --dim values.")
  Path vectorsFile;

  @Option(names = "--queries", paramLabel = "Q.f32", description = "Query vectors in the same format; required with --vectors.")
  Path queriesFile;

  @Option(names = "--truth", paramLabel = "GT.i32", description = "Exact top ids per query as little-endian int32 rows; computed by brute force when absent.")
  Path truthFile;

  @Option(names = "--dim", paramLabel = "N", defaultValue = "256", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
  int dimension;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "100000", description = "Synthetic indexed vectors (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--query-count", paramLabel = "N", defaultValue = "1000", description = "Synthetic queries (default: ${DEFAULT-VALUE}).")
  int queryCount;

  @Option(names = "--centres", paramLabel = "N", defaultValue = "1000", description = "Gaussian mixture centres of the synthetic vectors (default: ${DEFAULT-VALUE}).")
  int centres;

  @Option(names = "--spread", paramLabel = "X", defaultValue = "0.7", description = "Norm of the noise around each centre before normalisation (default: ${DEFAULT-VALUE}).")
  double spread;

  @Option(names = "--noise-rank", paramLabel = "N", defaultValue = "0", description = "Dimension of the random subspace the synthetic noise lies in; 0 for isotropic noise (default: ${DEFAULT-VALUE}).")
  int noiseRank;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the synthetic vectors (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--similarity", paramLabel = "SIMILARITY", defaultValue = "COSINE", description = "COSINE or INNER_PRODUCT (default: ${DEFAULT-VALUE}).")
  Similarity similarity;

  @Option(names = "--scale-rows", paramLabel = "MIN,MAX", split = ",", description = "Scale synthetic rows by a random factor in [MIN, MAX), to test INNER_PRODUCT on unnormalised vectors.")
  double[] scaleRows;

  @Option(names = "--backends", paramLabel = "BACKEND[,BACKEND...]", split = ",", defaultValue = "HNSWLIB,LUCENE", description = "Backends to compare (default: ${DEFAULT-VALUE}).")
  List<IndexBackend> backends;

  @Option(names = "--m", paramLabel = "M", defaultValue = "16", description = "HNSW neighbours per node (default: ${DEFAULT-VALUE}).")
  int m;

  @Option(names = "--ef-construction", paramLabel = "EF", defaultValue = "200", description = "HNSW build candidate list size (default: ${DEFAULT-VALUE}).")
  int efConstruction;

  @Option(names = "--ef", paramLabel = "EF[,EF...]", split = ",", defaultValue = "100,150,200,300,400,600", description = "Search candidate list sizes to sweep (default: ${DEFAULT-VALUE}).")
  int[] efs;

  @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "100", description = "Results per search; recall@10 and recall@k come from this list (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--threads", paramLabel = "N", description = "Graph build threads (default: available processors).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench", description = "Folder for index-bench.csv and index-bench.json (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--export", paramLabel = "DIR", description = "Also write the synthetic vectors, queries and exact top ids as vectors.f32, queries.f32, truth.i32.")
  Path export;

  @Override
  public Integer call() {
    if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isDirectory(out)) {
      throw new IllegalArgumentException("--out " + out + " is a file: expected a folder for the result files");
    }
    if (export != null && java.nio.file.Files.exists(export) && !java.nio.file.Files.isDirectory(export)) {
      throw new IllegalArgumentException("--export " + export + " is a file: expected a folder for the vector files");
    }
    for (int ef : efs) {
      new IndexSettings(IndexBackend.EXACT, m, efConstruction, ef);
    }
    if (k < IndexBenchmark.SMALL_K) {
      throw new IllegalArgumentException("-k must be >= " + IndexBenchmark.SMALL_K + ", got " + k);
    }
    // Checked here so that an error names the option, not the generator's parameter.
    requireAtLeast("--dim", dimension, 1);
    requireAtLeast("--rows", rows, 1);
    requireAtLeast("--query-count", queryCount, 1);
    requireAtLeast("--centres", centres, 1);
    if (!(spread >= 0 && Double.isFinite(spread))) {
      throw new IllegalArgumentException("--spread must be a number of at least 0, got " + spread);
    }
    if (noiseRank < 0 || noiseRank > dimension) {
      throw new IllegalArgumentException(
          "--noise-rank must be in [0, --dim = " + dimension + "], got " + noiseRank);
    }
    if (threads != null) {
      requireAtLeast("--threads", threads, 1);
    }
    int buildThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    DenseMatrix vectors;
    DenseMatrix queries;
    int[][] truth = null;
    String data;
    if (vectorsFile != null) {
      if (queriesFile == null) {
        throw new IllegalArgumentException("--vectors needs --queries");
      }
      vectors = RawVectorFiles.readFloats(vectorsFile, dimension);
      queries = RawVectorFiles.readFloats(queriesFile, dimension);
      if (truthFile != null) {
        truth = RawVectorFiles.readInts(truthFile, queries.rows());
        checkTruth(truth, vectors.rows());
      }
      data = "raw vectors " + vectorsFile + ", queries " + queriesFile;
    } else {
      GaussianMixture mixture = new GaussianMixture(dimension, centres, spread, noiseRank, seed);
      vectors = mixture.sample(rows, seed + 1);
      queries = mixture.sample(queryCount, seed + 2);
      if (scaleRows != null) {
        if (scaleRows.length != 2 || !(scaleRows[0] > 0) || !(scaleRows[1] > scaleRows[0])) {
          throw new IllegalArgumentException(
              "--scale-rows expects MIN,MAX with 0 < MIN < MAX, got " + Arrays.toString(scaleRows));
        }
        GaussianMixture.scaleRows(vectors, scaleRows[0], scaleRows[1], seed + 3);
      }
      data = String.format(java.util.Locale.ROOT, "synthetic Gaussian mixture, %d centres, spread %s, noise rank %d, seed %d%s",
          centres, spread, noiseRank, seed, scaleRows == null ? "" : ", rows scaled by " + Arrays.toString(scaleRows));
    }
    if (k > vectors.rows()) {
      // Every search would return all rows, so recall@k would be 1 whatever the graph.
      throw new IllegalArgumentException(
          "-k " + k + " is more than the " + vectors.rows() + " indexed vectors; give -k at most the row count");
    }
    PrintWriter console = spec.commandLine().getOut();
    console.printf("%s: %d x %d indexed, %d queries, %s, m=%d, efConstruction=%d, k=%d, %d build threads%n",
        data, vectors.rows(), vectors.columns(), queries.rows(), similarity, m, efConstruction, k, buildThreads);
    console.flush();

    IndexBenchmark.Config config =
        new IndexBenchmark.Config(similarity, backends, m, efConstruction, efs, k, buildThreads);
    IndexBenchmark.ExactRun exact = IndexBenchmark.exact(vectors, queries, similarity, k);
    List<IndexBenchmark.Result> results = IndexBenchmark.run(vectors, queries, truth, exact, config);
    BenchReport.print(console, results, k);

    Map<String, Object> run = new LinkedHashMap<>();
    run.put("data", data);
    run.put("rows", vectors.rows());
    run.put("dimension", vectors.columns());
    run.put("queries", queries.rows());
    run.put("similarity", similarity.name());
    run.put("m", m);
    run.put("efConstruction", efConstruction);
    run.put("k", k);
    run.put("buildThreads", buildThreads);
    run.put("java", Runtime.version().toString());
    run.put("processors", Runtime.getRuntime().availableProcessors());
    BenchReport.writeCsv(out.resolve("index-bench.csv"), results);
    BenchReport.writeJson(out.resolve("index-bench.json"), run, results);
    console.printf("wrote %s and %s%n", out.resolve("index-bench.csv"), out.resolve("index-bench.json"));
    if (export != null && vectorsFile == null) {
      exportSynthetic(vectors, queries, exact.ids(), console);
    }
    return 0;
  }

  private void exportSynthetic(
      DenseMatrix vectors, DenseMatrix queries, int[][] truth, PrintWriter console) {
    try {
      Files.createDirectories(export);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + export + ": " + e.getMessage(), e);
    }
    RawVectorFiles.writeFloats(export.resolve("vectors.f32"), vectors);
    RawVectorFiles.writeFloats(export.resolve("queries.f32"), queries);
    RawVectorFiles.writeInts(export.resolve("truth.i32"), truth);
    console.printf("exported vectors.f32, queries.f32 and truth.i32 (top %d) to %s%n", k, export);
  }

  private static void requireAtLeast(String option, int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(option + " must be at least " + minimum + ", got " + value);
    }
  }

  /**
   * Checks that each query's exact top ids contain at least {@code -k} ids, all rows of the vectors,
   * since recall@k against a shorter or invalid list would look perfect or meaningless.
   */
  private void checkTruth(int[][] truth, int vectorRows) {
    int columns = truth.length == 0 ? 0 : truth[0].length;
    if (columns < k) {
      throw new IllegalArgumentException("--truth " + truthFile + " has " + columns + " ids per query, fewer than -k "
          + k + "; export it with at least -k ids or lower -k");
    }
    for (int query = 0; query < truth.length; query++) {
      for (int id : truth[query]) {
        if (id < 0 || id >= vectorRows) {
          throw new IllegalArgumentException("--truth " + truthFile + ": query " + query + " lists id " + id
              + ", outside the " + vectorRows + " rows of --vectors");
        }
      }
    }
  }
}
