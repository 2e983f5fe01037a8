package io.leverxc.serving;

import io.leverxc.model.LabelPredictor;
import io.leverxc.model.LabelPredictor.ScoredLabel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * The model endpoints: predict, batch predict, label lookup and model summary. Predictions pass
 * through {@link AdmissionControl}; lookups do not, because they cost microseconds. An admitted
 * prediction runs on the prediction pool, a fixed set of platform threads that keep the model's
 * per-thread buffers, while the request's own thread waits for it. Thread-safe.
 */
final class PredictionEndpoints {
  /** Retry-After sent with 503 replies, in seconds. */
  static final int RETRY_AFTER_SECONDS = 1;
  /**
   * A label id in the path, in the one form the server writes it: ASCII digits without a leading
   * zero or plus sign, or a minus sign before them (outside every model's ids, so 404 rather than
   * 400). One id thus has one URL, and a cache or log keyed by the path does not split it.
   */
  private static final Pattern INTEGER = Pattern.compile("0|-?[1-9][0-9]*");

  private final ServerConfig config;
  private final ModelSlot slot;
  private final AdmissionControl admission;
  private final ServerMetrics metrics;
  private final JsonCodec json;
  private final ExecutorService predictionPool;

  PredictionEndpoints(ServerConfig config, ModelSlot slot, AdmissionControl admission, ServerMetrics metrics,
      JsonCodec json, ExecutorService predictionPool) {
    this.config = config;
    this.slot = slot;
    this.admission = admission;
    this.metrics = metrics;
    this.json = json;
    this.predictionPool = predictionPool;
  }

  Reply predict(byte[] body) throws InterruptedException {
    PredictRequest request = PredictRequest.parseSingle(json.parse(body), config);
    return withSlotAndModel(lease -> {
      long start = System.nanoTime();
      List<ScoredLabel> labels = lease.model().predict(request.texts().getFirst(), request.k());
      long tookMicros = (System.nanoTime() - start) / 1_000;
      return Reply.json(200, json.prediction(lease.model(), request.texts().getFirst(), labels, tookMicros));
    });
  }

  Reply predictBatch(byte[] body) throws InterruptedException {
    PredictRequest request = PredictRequest.parseBatch(json.parse(body), config);
    return withSlotAndModel(lease -> {
      long start = System.nanoTime();
      List<List<ScoredLabel>> results = new ArrayList<>(request.texts().size());
      for (String text : request.texts()) {
        results.add(lease.model().predict(text, request.k()));
      }
      long tookMicros = (System.nanoTime() - start) / 1_000;
      return Reply.json(200, json.batchPrediction(lease.model(), request.texts(), results, tookMicros));
    });
  }

  /**
   * Serves {@code GET /v1/labels/{id}}, where {@code idText} is the last path segment. Text that is
   * not an integer gets 400, and an integer of any size outside the model's ids gets 404.
   */
  Reply label(String idText) {
    try (ModelSlot.Lease lease = requireModel()) {
      LabelPredictor model = lease.model();
      String rule = "an integer in [0, " + (model.labelCount() - 1) + "]";
      if (!INTEGER.matcher(idText).matches()) {
        throw ApiException.invalidField("id", rule, "'" + idText + "'");
      }
      long id = parseSaturated(idText);
      if (id < 0 || id >= model.labelCount()) {
        throw new ApiException(
            404, "label_not_found", "id", rule,
            "Label " + idText + " does not exist; model " + model.modelId() + " has labels 0 to " + (model.labelCount() - 1) + ".");
      }
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("id", id);
      reply.put("text", model.labelText((int) id));
      reply.put("removed", model.isRemoved((int) id));
      reply.put("model", model.modelId());
      return Reply.json(200, json.object(reply));
    }
  }

  /**
   * Parses a decimal integer that matches {@link #INTEGER}. Values beyond the long range become
   * {@link Long#MIN_VALUE} or {@link Long#MAX_VALUE}, which are outside every model's ids as well.
   */
  private static long parseSaturated(String integer) {
    try {
      return Long.parseLong(integer);
    } catch (NumberFormatException e) {
      // The text matched INTEGER, so only a value beyond the long range lands here.
      return integer.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Serves {@code GET /v1/model}: the model's own summary plus where and when it was loaded. */
  Reply model() {
    try (ModelSlot.Lease lease = requireModel()) {
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("model", lease.model().modelId());
      reply.put("label_count", lease.model().labelCount());
      reply.put("source", lease.source());
      reply.put("loaded_at", lease.loadedAt().toString());
      reply.put("summary", lease.model().summary());
      return Reply.json(200, json.object(reply));
    }
  }

  private Reply withSlotAndModel(LeaseWork work) throws InterruptedException {
    if (!admission.tryEnter()) {
      metrics.overloadRejected();
      throw new ApiException(
          503, "overloaded", null, "at most " + config.maxConcurrentPredictions() + " running and "
              + config.maxQueuedPredictions() + " queued predictions",
          "The server is at capacity; retry after " + RETRY_AFTER_SECONDS + " s.");
    }
    Future<Reply> result;
    try {
      result = predictionPool.submit(() -> {
        // The slot is released here rather than by the waiting request thread, so that a request
        // interrupted by shutdown does not free it while the prediction still runs.
        try (ModelSlot.Lease lease = requireModel()) {
          return work.apply(lease);
        } finally {
          admission.release();
        }
      });
    } catch (RejectedExecutionException e) {
      admission.release();
      throw new ApiException(503, "shutting_down", null, null, "The server is shutting down; retry on another instance.");
    }
    try {
      return result.get();
    } catch (ExecutionException e) {
      // The failure is a RuntimeException or an Error, because LeaseWork throws no checked exception.
      switch (e.getCause()) {
        case RuntimeException failure -> throw failure;
        case Error failure -> throw failure;
        default -> throw new IllegalStateException("A prediction failed", e.getCause());
      }
    }
  }

  private ModelSlot.Lease requireModel() {
    ModelSlot.Lease lease = slot.acquire();
    if (lease == null) {
      throw new ApiException(
          503, "model_not_loaded", null, null,
          "No model is loaded yet; retry after " + RETRY_AFTER_SECONDS + " s or check GET /readyz.");
    }
    return lease;
  }

  @FunctionalInterface
  private interface LeaseWork {
    Reply apply(ModelSlot.Lease lease);
  }
}
