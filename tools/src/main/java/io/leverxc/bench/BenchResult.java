package io.leverxc.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One row of a latency table: requests, errors, throughput and latency percentiles.
 *
 * @param phase what was measured
 * @param requests requests completed, successful or not
 * @param errors requests that failed: a non-2xx status, an I/O error, or no reply before the drain timeout
 * @param seconds wall-clock duration of the phase
 * @param latency latencies of all completed requests
 * @param cpuNanos CPU time of the whole JVM during the phase (server, load generator, JIT compiler
 *     and garbage collector), or -1 if it was not measured
 */
public record BenchResult(
    String phase, long requests, long errors, double seconds, LatencyRecorder latency, long cpuNanos) {
  private static final String ROW = "%-34s %9s %7s %11s %8s %8s %8s %9s %8s %12s%n";

  /** Creates a result without a CPU time. */
  public BenchResult(String phase, long requests, long errors, double seconds, LatencyRecorder latency) {
    this(phase, requests, errors, seconds, latency, -1);
  }

  /** Requests per second over the phase. */
  public double throughput() {
    return seconds == 0 ? 0 : requests / seconds;
  }

  /** Prints the column header of {@link #print}. */
  public static void printHeader(PrintWriter out) {
    out.printf(Locale.ROOT, ROW, "phase", "requests", "errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms",
        "max ms", "cpu ms/req");
  }

  /** Prints this result as one table row. */
  public void print(PrintWriter out) {
    out.printf(Locale.ROOT, ROW, phase, requests, errors, String.format(Locale.ROOT, "%.0f", throughput()),
        millis(latency.percentile(50)), millis(latency.percentile(90)), millis(latency.percentile(99)),
        millis(latency.percentile(99.9)), millis(latency.max()),
        cpuNanos < 0 || requests == 0 ? "-" : millis(cpuNanos / requests));
    out.flush();
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }
}
