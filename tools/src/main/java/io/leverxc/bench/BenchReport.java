package io.leverxc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.leverxc.data.TemporaryFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints the recall–QPS table of {@link IndexBenchmark} and writes it as CSV and JSON. */
public final class BenchReport {
  private static final String CSV_HEADER =
      "backend,ef,recall_at_10,recall_at_k,qps,speedup,build_seconds,bytes_per_label";

  private BenchReport() {}

  /** Prints one aligned line per result, for an index of label vectors. */
  public static void print(PrintWriter out, List<IndexBenchmark.Result> results, int k) {
    print(out, results, k, "label");
  }

  /**
   * Prints one aligned line per result.
   *
   * @param item what one indexed vector stands for ("label", "document"), which names the memory column
   */
  public static void print(PrintWriter out, List<IndexBenchmark.Result> results, int k, String item) {
    out.printf(Locale.ROOT, "%-8s %5s %10s %10s %10s %8s %9s %14s%n", "backend", "ef",
        "recall@10", "recall@" + k, "QPS", "speedup", "build s", "bytes/" + item);
    for (IndexBenchmark.Result r : results) {
      out.printf(Locale.ROOT, "%-8s %5s %10.4f %10.4f %10.0f %7.1fx %9.1f %14.1f%n", r.backend(),
          r.ef() == 0 ? "-" : Integer.toString(r.ef()), r.recallAtSmallK(), r.recallAtK(),
          r.queriesPerSecond(), r.speedup(), r.buildSeconds(), r.bytesPerLabel());
    }
    out.flush();
  }

  /** Writes the results as CSV, through a temporary file. */
  public static void writeCsv(Path file, List<IndexBenchmark.Result> results) {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    for (IndexBenchmark.Result r : results) {
      csv.append(String.format(Locale.ROOT, "%s,%d,%.5f,%.5f,%.1f,%.2f,%.2f,%.1f%n", r.backend(),
          r.ef(), r.recallAtSmallK(), r.recallAtK(), r.queriesPerSecond(), r.speedup(),
          r.buildSeconds(), r.bytesPerLabel()));
    }
    write(file, csv.toString());
  }

  /** Writes the run description and the results as JSON, through a temporary file. */
  public static void writeJson(Path file, Map<String, Object> run, List<IndexBenchmark.Result> results) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    try {
      write(file, mapper.writeValueAsString(Map.of("run", run, "results", results)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode benchmark results as JSON", e);
    }
  }

  private static void write(Path file, String text) {
    Path absolute = file.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path temporary = TemporaryFiles.createBeside(absolute);
      Files.writeString(temporary, text);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
