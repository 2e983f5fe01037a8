package io.leverxc.serving;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters behind {@code GET /metrics}, rendered in the Prometheus text exposition format 0.0.4.
 * Thread-safe.
 */
final class ServerMetrics {
  private final ConcurrentMap<String, LongAdder> requestsByRouteAndStatus = new ConcurrentHashMap<>();
  private final LatencyHistogram[] latencyByRoute = new LatencyHistogram[Route.values().length];
  private final LongAdder reloadSuccesses = new LongAdder();
  private final LongAdder reloadFailures = new LongAdder();
  private final LongAdder overloadRejections = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();

  ServerMetrics() {
    for (int i = 0; i < latencyByRoute.length; i++) {
      latencyByRoute[i] = new LatencyHistogram();
    }
  }

  void requestStarted() {
    inFlight.incrementAndGet();
  }

  /**
   * Records one handled request: its route, its status and the time from receipt until its reply was
   * ready. The request stays in flight until {@link #requestSent}.
   */
  void requestFinished(Route route, int status, long nanos) {
    requestsByRouteAndStatus
        .computeIfAbsent(route.metricLabel() + '\u0000' + status, key -> new LongAdder())
        .increment();
    latencyByRoute[route.ordinal()].record(nanos);
  }

  /** Ends a request started by {@link #requestStarted}, once its reply was sent or failed to send. */
  void requestSent() {
    inFlight.decrementAndGet();
  }

  /** Requests whose handler is running now, from receipt until the reply is sent. */
  int inFlight() {
    return inFlight.get();
  }

  void overloadRejected() {
    overloadRejections.increment();
  }

  void reloadSucceeded() {
    reloadSuccesses.increment();
  }

  void reloadFailed() {
    reloadFailures.increment();
  }

  long reloadSuccesses() {
    return reloadSuccesses.sum();
  }

  long reloadFailures() {
    return reloadFailures.sum();
  }

  /**
   * Renders every metric.
   *
   * @param modelId id of the model now serving, or null before the first load
   */
  String render(String modelId, int queued) {
    StringBuilder out = new StringBuilder(4096);
    out.append("# HELP lever_http_requests_total HTTP requests answered, by route and status code.\n");
    out.append("# TYPE lever_http_requests_total counter\n");
    for (Map.Entry<String, LongAdder> entry : new java.util.TreeMap<>(requestsByRouteAndStatus).entrySet()) {
      String[] parts = entry.getKey().split("\u0000", 2);
      out.append("lever_http_requests_total{route=\"").append(parts[0]).append("\",status=\"").append(parts[1])
          .append("\"} ").append(entry.getValue().sum()).append('\n');
    }

    out.append("# HELP lever_http_request_duration_seconds Time from receiving the request to having the reply ready to send.\n");
    out.append("# TYPE lever_http_request_duration_seconds histogram\n");
    for (Route route : Route.values()) {
      LatencyHistogram histogram = latencyByRoute[route.ordinal()];
      if (histogram.count() == 0) {
        continue;
      }
      String label = "route=\"" + route.metricLabel() + "\"";
      for (int i = 0; i < LatencyHistogram.BOUNDS_SECONDS.length; i++) {
        out.append("lever_http_request_duration_seconds_bucket{").append(label).append(",le=\"")
            .append(formatBound(LatencyHistogram.BOUNDS_SECONDS[i])).append("\"} ")
            .append(histogram.cumulativeCount(i)).append('\n');
      }
      out.append("lever_http_request_duration_seconds_bucket{").append(label).append(",le=\"+Inf\"} ")
          .append(histogram.count()).append('\n');
      out.append("lever_http_request_duration_seconds_sum{").append(label).append("} ")
          .append(String.format(Locale.ROOT, "%.9f", histogram.sumSeconds())).append('\n');
      out.append("lever_http_request_duration_seconds_count{").append(label).append("} ")
          .append(histogram.count()).append('\n');
    }

    out.append("# HELP lever_http_requests_in_flight Requests being handled now.\n");
    out.append("# TYPE lever_http_requests_in_flight gauge\n");
    out.append("lever_http_requests_in_flight ").append(inFlight.get()).append('\n');
    out.append("# HELP lever_predictions_queued Prediction requests waiting for a free slot.\n");
    out.append("# TYPE lever_predictions_queued gauge\n");
    out.append("lever_predictions_queued ").append(queued).append('\n');
    out.append("# HELP lever_overload_rejections_total Prediction requests rejected with 503 because the queue was full or timed out.\n");
    out.append("# TYPE lever_overload_rejections_total counter\n");
    out.append("lever_overload_rejections_total ").append(overloadRejections.sum()).append('\n');

    out.append("# HELP lever_model_reloads_total Model loads after start-up, by result.\n");
    out.append("# TYPE lever_model_reloads_total counter\n");
    out.append("lever_model_reloads_total{result=\"success\"} ").append(reloadSuccesses.sum()).append('\n');
    out.append("lever_model_reloads_total{result=\"failure\"} ").append(reloadFailures.sum()).append('\n');

    out.append("# HELP lever_model_info The model now serving; the value is always 1.\n");
    out.append("# TYPE lever_model_info gauge\n");
    if (modelId != null) {
      out.append("lever_model_info{model_id=\"").append(escapeLabelValue(modelId)).append("\"} 1\n");
    }
    return out.toString();
  }

  /** Formats a bucket bound in plain decimal ("0.0001", "2.5", "10"), as Prometheus clients do. */
  private static String formatBound(double bound) {
    return java.math.BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }

  /** Escapes a label value as the exposition format requires: backslash, double quote, newline. */
  static String escapeLabelValue(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
