package io.leverxc.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every request to its endpoint and turns each failure into a JSON error reply: 4xx for bad
 * requests, 503 under overload, and 500 with a log reference only for a bug in the server or model.
 * No stack trace ever reaches the client. Thread-safe.
 */
final class ApiHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final String HEAD = "HEAD";
  /** Shortest time between two warnings about connections closed before their body arrived. */
  private static final long CLOSED_READ_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final ServerConfig config;
  private final PredictionEndpoints predictions;
  private final ModelReloader reloader;
  private final ModelSlot slot;
  private final ServerMetrics metrics;
  private final AdmissionControl admission;
  private final JsonCodec json;
  private final byte[] openApiYaml;
  private final Supplier<Boolean> draining;
  private final AtomicLong internalErrors = new AtomicLong();
  /** Request bodies cut off by the server since the last warning about them. */
  private final AtomicLong closedReadsSinceWarning = new AtomicLong();
  private final AtomicLong nextClosedReadWarningNanos = new AtomicLong(System.nanoTime());

  ApiHandler(ServerConfig config, PredictionEndpoints predictions, ModelReloader reloader, ModelSlot slot,
      ServerMetrics metrics, AdmissionControl admission, JsonCodec json, byte[] openApiYaml, Supplier<Boolean> draining) {
    this.config = config;
    this.predictions = predictions;
    this.reloader = reloader;
    this.slot = slot;
    this.metrics = metrics;
    this.admission = admission;
    this.json = json;
    this.openApiYaml = openApiYaml;
    this.draining = draining;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    metrics.requestStarted();
    Route route = Route.match(exchange.getRequestURI().getRawPath());
    Reply reply;
    try {
      reply = dispatch(route, exchange);
    } catch (ApiException e) {
      reply = errorReply(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply = errorReply(new ApiException(503, "shutting_down", null, null, "The server is shutting down; retry on another instance."));
    } catch (IOException e) {
      // Reading the body failed, so the client is gone or broke the protocol; the reply may not arrive.
      logUnreadableBody(exchange, e);
      reply = errorReply(new ApiException(400, "unreadable_body", null, null, "The request body could not be read: " + e.getMessage()));
    } catch (RuntimeException e) {
      long reference = internalErrors.incrementAndGet();
      LOG.error("Internal error {} on {} {}", reference, exchange.getRequestMethod(), exchange.getRequestURI(), e);
      reply = errorReply(new ApiException(
          500, "internal_error", null, null,
          "The server failed to handle this request; the server log has the details under internal error " + reference + "."));
    }
    // Counted before sending, so a client that reads /metrics after this reply sees the request.
    metrics.requestFinished(route, reply.status(), System.nanoTime() - start);
    try {
      send(exchange, reply, draining.get(), HEAD.equals(exchange.getRequestMethod()));
    } catch (IOException e) {
      LOG.debug("Sending the reply to {} {} failed; the client probably closed the connection",
          exchange.getRequestMethod(), exchange.getRequestURI(), e);
    } finally {
      exchange.close();
      // Only now is the reply out, so a drain that waits for no request in flight does not close
      // the connection under a body still being written.
      metrics.requestSent();
    }
  }

  private Reply dispatch(Route route, HttpExchange exchange) throws IOException, InterruptedException {
    if (route == Route.UNKNOWN) {
      throw new ApiException(404, "not_found", null, null,
          "No endpoint at " + exchange.getRequestURI().getRawPath() + "; GET /openapi.yaml lists the endpoints.");
    }
    String method = exchange.getRequestMethod();
    // HEAD gets the status and headers of GET; send() leaves out the body.
    boolean headOfGet = method.equals(HEAD) && route.method().equals("GET");
    if (!route.method().equals(method) && !headOfGet) {
      boolean get = route.method().equals("GET");
      String allowed = get ? "GET, HEAD" : route.method();
      String allowedText = get ? "GET and HEAD" : route.method();
      return errorReply(new ApiException(405, "method_not_allowed", null, allowed,
          route.pathTemplate() + " accepts only " + allowedText + ", found " + method + "."))
          .withAllow(allowed);
    }
    return switch (route) {
      case PREDICT -> predictions.predict(readJsonBody(exchange));
      case PREDICT_BATCH -> predictions.predictBatch(readJsonBody(exchange));
      case LABEL -> predictions.label(exchange.getRequestURI().getRawPath().substring(Route.LABELS_PREFIX.length()));
      case MODEL -> predictions.model();
      case HEALTHZ -> Reply.json(200, json.object(Map.of("status", "ok")));
      case READYZ -> readiness();
      case METRICS -> Reply.text(200, Reply.PROMETHEUS_TEXT, metrics.render(currentModelId(), admission.queued()));
      case OPENAPI -> new Reply(200, Reply.YAML, openApiYaml, 0, null);
      case ADMIN_RELOAD -> reload(exchange);
      case UNKNOWN -> throw new IllegalStateException("unreachable: UNKNOWN was handled above");
    };
  }

  private byte[] readJsonBody(HttpExchange exchange) throws IOException {
    RequestBodies.requireJson(exchange);
    return RequestBodies.read(exchange, config.maxBodyBytes());
  }

  private Reply readiness() {
    Map<String, Object> body = new LinkedHashMap<>();
    String modelId = currentModelId();
    if (draining.get()) {
      body.put("status", "not_ready");
      body.put("reason", "shutting down");
      return Reply.json(503, json.object(body)).withRetryAfter(PredictionEndpoints.RETRY_AFTER_SECONDS);
    }
    if (modelId == null) {
      body.put("status", "not_ready");
      body.put("reason", "no model loaded yet");
      return Reply.json(503, json.object(body)).withRetryAfter(PredictionEndpoints.RETRY_AFTER_SECONDS);
    }
    body.put("status", "ready");
    body.put("model", modelId);
    return Reply.json(200, json.object(body));
  }

  private Reply reload(HttpExchange exchange) throws IOException {
    if (!config.adminEnabled()) {
      throw new ApiException(403, "admin_disabled", null, null,
          "The admin endpoints are disabled; start the server with admin enabled (lever serve --enable-admin).");
    }
    InetSocketAddress remote = exchange.getRemoteAddress();
    if (config.adminLoopbackOnly() && (remote == null || !remote.getAddress().isLoopbackAddress())) {
      throw new ApiException(403, "admin_loopback_only", null, null,
          "The admin endpoints accept only loopback clients; send the request from the server's host.");
    }
    Path bundle = parseReloadPath(readJsonBodyOrEmpty(exchange));
    ModelReloader.Outcome outcome = reloader.reload(bundle, true);
    if (outcome == null) {
      throw new ApiException(409, "reload_in_progress", null, null,
          "Another reload is running; wait for it to finish, then check GET /v1/model.");
    }
    if (!outcome.succeeded()) {
      throw new ApiException(422, "reload_failed", "path", "a loadable model bundle",
          "Loading " + bundle + " failed: " + outcome.error() + ". Still serving model "
              + (outcome.model() == null ? "none" : outcome.model()) + ".");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", outcome.model());
    body.put("previous_model", outcome.previousModel());
    body.put("source", bundle.toString());
    body.put("took_ms", outcome.tookMillis());
    LabelSpaceChange labelSpace = outcome.labelSpace();
    if (labelSpace != null) {
      body.put("label_space", labelSpace.kind().replyValue());
      if (labelSpace.kind() == LabelSpaceChange.Kind.CHANGED) {
        body.put("first_differing_label", labelSpace.firstDifferingId());
      }
    }
    return Reply.json(200, json.object(body));
  }

  private byte[] readJsonBodyOrEmpty(HttpExchange exchange) throws IOException {
    byte[] body = RequestBodies.read(exchange, config.maxBodyBytes());
    if (body.length > 0) {
      RequestBodies.requireJson(exchange);
    }
    return body;
  }

  /** Reads the optional {@code {"path": "..."}} of a reload request; without it, reloads the configured path. */
  private Path parseReloadPath(byte[] body) {
    if (body.length == 0) {
      return config.modelPath();
    }
    var node = json.parse(body);
    if (!node.isObject()) {
      throw new ApiException(400, "invalid_body", null, "a JSON object",
          "The request body must be a JSON object, found " + PredictRequest.describe(node) + ".");
    }
    var names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.equals("path")) {
        throw new ApiException(400, "unknown_field", name, "one of [path]",
            "Field '" + name + "' is not recognised; the only allowed field is 'path'.");
      }
    }
    var path = node.get("path");
    if (path == null || path.isNull()) {
      return config.modelPath();
    }
    if (!path.isTextual() || path.textValue().isBlank()) {
      throw ApiException.invalidField("path", "a non-empty string naming a bundle on the server", PredictRequest.describe(path));
    }
    try {
      return Path.of(path.textValue());
    } catch (java.nio.file.InvalidPathException e) {
      throw ApiException.invalidField("path", "a valid file system path", "'" + path.textValue() + "'");
    }
  }

  private String currentModelId() {
    try (ModelSlot.Lease lease = slot.acquire()) {
      return lease == null ? null : lease.model().modelId();
    }
  }

  /**
   * Logs a request body that could not be read. The JDK's server closes the channel under the
   * reading thread when the request read timeout passes or the server stops, which the read reports
   * as a {@link ClosedChannelException}. Those closes get a warning at most every 10 s, with their
   * count, because a burst of stalled clients would otherwise flood the log. Any other failure is the
   * client's doing and is logged at DEBUG.
   */
  private void logUnreadableBody(HttpExchange exchange, IOException e) {
    if (!(e instanceof ClosedChannelException)) {
      LOG.debug("Reading the request body of {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      return;
    }
    closedReadsSinceWarning.incrementAndGet();
    long now = System.nanoTime();
    long nextWarning = nextClosedReadWarningNanos.get();
    if (now - nextWarning < 0
        || !nextClosedReadWarningNanos.compareAndSet(nextWarning, now + CLOSED_READ_WARNING_INTERVAL_NANOS)) {
      return;
    }
    long closed = closedReadsSinceWarning.getAndSet(0);
    LOG.warn("Closed {} {} before the request body arrived, the last one {} {} from {}: the request read timeout"
            + " of {} s passed or the server is stopping", closed, closed == 1 ? "connection" : "connections",
        exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRemoteAddress(),
        config.requestReadTimeout().toSeconds());
  }

  private Reply errorReply(ApiException error) {
    Reply reply = Reply.json(error.status(), json.error(error));
    return error.status() == 503 ? reply.withRetryAfter(PredictionEndpoints.RETRY_AFTER_SECONDS) : reply;
  }

  /**
   * Sends {@code reply}. While the server drains, the reply also carries {@code Connection: close}, so
   * that a keep-alive client opens a new connection (to another instance) for its next request
   * instead of sending it on a connection that the shutdown is about to close. A reply to HEAD
   * carries the Content-Length of the body but not the body.
   */
  private static void send(HttpExchange exchange, Reply reply, boolean draining, boolean head) throws IOException {
    var headers = exchange.getResponseHeaders();
    if (draining) {
      headers.set("Connection", "close");
    }
    headers.set("Content-Type", reply.contentType());
    if (reply.retryAfterSeconds() > 0) {
      headers.set("Retry-After", Integer.toString(reply.retryAfterSeconds()));
    }
    if (reply.allow() != null) {
      headers.set("Allow", reply.allow());
    }
    headers.set("Cache-Control", "no-store");
    byte[] body = reply.body();
    if (head) {
      // The JDK's server sends no body for HEAD and expects the length -1 and any Content-Length
      // set by hand.
      headers.set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(reply.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
