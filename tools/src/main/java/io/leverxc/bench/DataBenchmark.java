package io.leverxc.bench;

import io.leverxc.bundle.BundleReader;
import io.leverxc.bundle.BundleWriter;
import io.leverxc.bundle.Manifest;
import io.leverxc.data.XcDataset;
import io.leverxc.vector.DenseMatrix;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench data}: times loading a data set folder and writing and reading a model bundle
 * with one large float matrix, so reader and bundle speeds can be quoted with a command.
 */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    header = "Time data loading, a bundle commit and a verified matrix read.",
    description =
        "Time the loading of the data set --data (as lever train reads it), then a bundle commit and a"
            + " verified read of a --rows x --dim float matrix. Each step runs --repeat times; the bundle is"
            + " written under --dir and deleted afterwards.")
public final class DataBenchmark implements Callable<Integer> {
  private static final double BYTES_PER_MEBIBYTE = 1024.0 * 1024.0;
  private static final String MATRIX_NAME = "matrix";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/LF-WordNetHierarchy-15K",
      description = "Data set folder to load (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--rows", paramLabel = "N", defaultValue = "100000", description = "Rows of the bundle matrix (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--dim", paramLabel = "N", defaultValue = "256", description = "Columns of the bundle matrix (default: ${DEFAULT-VALUE}).")
  int dimension;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "/tmp/lever-bench-data",
      description = "Parent folder of the benchmark bundle (default: ${DEFAULT-VALUE}).")
  Path root;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "Timed runs of each step (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Override
  public Integer call() throws Exception {
    if (rows <= 0 || dimension <= 0 || repeat <= 0) {
      throw new IllegalArgumentException(
          "--rows, --dim and --repeat must be positive, got " + rows + ", " + dimension + " and " + repeat);
    }
    // The matrix is in memory twice, as written and as read back, so both copies must fit in the heap.
    long matrixBytes = 4L * rows * dimension;
    long maxHeap = Runtime.getRuntime().maxMemory();
    if (2 * matrixBytes > maxHeap || (long) rows * dimension > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "--rows %d x --dim %d is a %.0f MiB matrix, held twice, and the heap is %.0f MiB; lower --rows or --dim",
          rows, dimension, matrixBytes / BYTES_PER_MEBIBYTE, maxHeap / BYTES_PER_MEBIBYTE));
    }
    PrintWriter out = spec.commandLine().getOut();
    for (int run = 1; run <= repeat; run++) {
      long started = System.nanoTime();
      XcDataset dataset = XcDataset.load(data);
      double seconds = seconds(started);
      int documents = dataset.trainTexts().size() + dataset.testTexts().size();
      out.printf(Locale.ROOT, "run %d: loaded %s (%,d documents, %,d labels) in %.2f s (%,.0f documents/s)%n",
          run, data, documents, dataset.labelCount(), seconds, documents / seconds);
      out.flush();
    }

    DenseMatrix matrix = randomMatrix();
    double mebibytes = 4.0 * rows * dimension / BYTES_PER_MEBIBYTE;
    Path target = root.resolve("bundle");
    try {
      for (int run = 1; run <= repeat; run++) {
        long started = System.nanoTime();
        try (BundleWriter writer = BundleWriter.create(target)) {
          writer.putMatrix(MATRIX_NAME, matrix).setManifest(Manifest.builder().build()).commit();
        }
        double writeSeconds = seconds(started);

        started = System.nanoTime();
        DenseMatrix read = BundleReader.open(target).matrix(MATRIX_NAME);
        double readSeconds = seconds(started);
        if (read.get(rows - 1, dimension - 1) != matrix.get(rows - 1, dimension - 1)) {
          throw new IllegalStateException("bundle read returned a different matrix");
        }
        out.printf(Locale.ROOT, "run %d: bundle of %.1f MiB committed in %.2f s (%.0f MiB/s), read and"
            + " verified in %.2f s (%.0f MiB/s)%n", run, mebibytes, writeSeconds, mebibytes / writeSeconds,
            readSeconds, mebibytes / readSeconds);
        out.flush();
      }
    } finally {
      deleteTree(target);
    }
    return 0;
  }

  private DenseMatrix randomMatrix() {
    SplittableRandom random = new SplittableRandom(rows * 31L + dimension);
    DenseMatrix matrix = new DenseMatrix(rows, dimension);
    float[] values = matrix.data();
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return matrix;
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!java.nio.file.Files.exists(root)) {
      return;
    }
    try (var paths = java.nio.file.Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(path);
      }
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
