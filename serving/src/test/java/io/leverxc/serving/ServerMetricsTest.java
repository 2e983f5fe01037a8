package io.leverxc.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerMetricsTest {
  @Test
  void histogramBucketsAreCumulative() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(50_000);       // 0.05 ms: first bucket (le 0.0001 s)
    histogram.record(100_000);      // exactly 0.1 ms: still the first bucket
    histogram.record(700_000);      // 0.7 ms: le 0.001
    histogram.record(30_000_000_000L); // 30 s: above every bound, only in +Inf
    assertEquals(2, histogram.cumulativeCount(0));
    assertEquals(2, histogram.cumulativeCount(2), "le 0.0005");
    assertEquals(3, histogram.cumulativeCount(3), "le 0.001");
    assertEquals(3, histogram.cumulativeCount(LatencyHistogram.BOUNDS_SECONDS.length - 1), "le 10");
    assertEquals(4, histogram.count());
    assertEquals(30.00085, histogram.sumSeconds(), 1e-9);
  }

  @Test
  void renderShowsCountsAndModel() {
    ServerMetrics metrics = new ServerMetrics();
    metrics.requestStarted();
    metrics.requestFinished(Route.PREDICT, 200, 700_000);
    metrics.requestSent();
    metrics.requestStarted();
    metrics.requestFinished(Route.PREDICT, 200, 700_000);
    metrics.requestSent();
    metrics.requestStarted();
    metrics.requestFinished(Route.PREDICT, 400, 50_000);
    metrics.requestSent();
    metrics.reloadSucceeded();
    metrics.reloadFailed();
    metrics.reloadFailed();

    String text = metrics.render("model \"x\"", 3);
    assertTrue(text.contains("lever_http_requests_total{route=\"predict\",status=\"200\"} 2\n"), text);
    assertTrue(text.contains("lever_http_requests_total{route=\"predict\",status=\"400\"} 1\n"), text);
    assertTrue(text.contains("lever_http_request_duration_seconds_bucket{route=\"predict\",le=\"0.0001\"} 1\n"), text);
    assertTrue(text.contains("lever_http_request_duration_seconds_bucket{route=\"predict\",le=\"0.001\"} 3\n"), text);
    assertTrue(text.contains("lever_http_request_duration_seconds_bucket{route=\"predict\",le=\"10\"} 3\n"), text);
    assertTrue(text.contains("lever_http_request_duration_seconds_count{route=\"predict\"} 3\n"), text);
    assertTrue(text.contains("lever_http_requests_in_flight 0\n"), text);
    assertTrue(text.contains("lever_predictions_queued 3\n"), text);
    assertTrue(text.contains("lever_model_reloads_total{result=\"success\"} 1\n"), text);
    assertTrue(text.contains("lever_model_reloads_total{result=\"failure\"} 2\n"), text);
    assertTrue(text.contains("lever_model_info{model_id=\"model \\\"x\\\"\"} 1\n"), text);
  }

  @Test
  void routeMatching() {
    assertEquals(Route.PREDICT, Route.match("/v1/predict"));
    assertEquals(Route.PREDICT_BATCH, Route.match("/v1/predict/batch"));
    assertEquals(Route.LABEL, Route.match("/v1/labels/12"));
    assertEquals(Route.LABEL, Route.match("/v1/labels/abc"));
    assertEquals(Route.UNKNOWN, Route.match("/v1/labels/"));
    assertEquals(Route.UNKNOWN, Route.match("/v1/labels/1/2"));
    assertEquals(Route.UNKNOWN, Route.match("/v1/predict/"));
    assertEquals(Route.UNKNOWN, Route.match("/"));
  }
}
