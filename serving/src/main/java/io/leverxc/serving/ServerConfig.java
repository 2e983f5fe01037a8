package io.leverxc.serving;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link LeverServer}. The compact constructor rejects out-of-range values with a
 * message naming the setting, its allowed range and the value received.
 *
 * @param host address to bind; a loopback address unless the server must be reachable from others
 * @param port TCP port to bind, or 0 for an ephemeral port
 * @param modelPath bundle loaded at start-up and by a reload request without a {@code path}
 * @param maxConcurrentPredictions prediction requests computed at the same time
 * @param maxQueuedPredictions prediction requests allowed to wait for a free slot; more get 503
 * @param queueTimeout longest wait for a free slot before a queued request gets 503
 * @param maxBodyBytes largest accepted request body; larger bodies get 413
 * @param maxK largest {@code k} a request may ask for. A request without {@code k} gets
 *     {@link #defaultK()}.
 * @param maxBatchSize largest number of texts in one batch request
 * @param maxTextChars longest accepted text, in UTF-16 chars
 * @param adminEnabled whether {@code POST /v1/admin/reload} is served at all
 * @param adminLoopbackOnly whether admin requests from non-loopback clients are rejected with 403
 * @param drainTimeout how long shutdown waits for in-flight requests before closing connections
 * @param requestReadTimeout longest time from a request's first byte until its headers and body
 *     are read, after which the JDK's HTTP server closes the connection. Whole seconds, because the JDK
 *     counts this limit in seconds. The JDK 25 server checks it once a second, so the close comes
 *     up to 1 s late.
 * @param maxConnections open connections, idle keep-alive ones included, beyond which the JDK's
 *     HTTP server closes each newly accepted connection at once. It keeps a flood of clients from
 *     using up the process's file descriptors.
 */
public record ServerConfig(
    String host,
    int port,
    Path modelPath,
    int maxConcurrentPredictions,
    int maxQueuedPredictions,
    Duration queueTimeout,
    int maxBodyBytes,
    int maxK,
    int maxBatchSize,
    int maxTextChars,
    boolean adminEnabled,
    boolean adminLoopbackOnly,
    Duration drainTimeout,
    Duration requestReadTimeout,
    int maxConnections) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_MAX_QUEUED_PREDICTIONS = 256;
  public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(1);
  /** 1 MiB: a batch of {@link #DEFAULT_MAX_BATCH_SIZE} texts of a few kilobytes each fits. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  /** The {@code k} of a request without one, unless {@code maxK} is lower (see {@link #defaultK()}). */
  public static final int DEFAULT_K = 10;
  public static final int DEFAULT_MAX_K = 1_000;
  public static final int DEFAULT_MAX_BATCH_SIZE = 64;
  public static final int DEFAULT_MAX_TEXT_CHARS = 16_384;
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
  /**
   * 30 s: a body of {@link #DEFAULT_MAX_BODY_BYTES} arrives within it at about 0.3 Mbit/s, while a
   * client that stalls mid-request keeps its connection open for at most this long.
   */
  public static final int DEFAULT_REQUEST_READ_TIMEOUT_SECONDS = 30;
  public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(DEFAULT_REQUEST_READ_TIMEOUT_SECONDS);
  /**
   * 4,096: far more than the keep-alive connections of a few busy clients or a load balancer. The
   * server warns at start when the process's open-file limit is lower.
   */
  public static final int DEFAULT_MAX_CONNECTIONS = 4_096;
  /** Largest {@code maxConnections}. Each connection costs a file descriptor and a buffer. */
  public static final int MAX_CONNECTIONS = 1_000_000;
  private static final int MAX_PORT = 65_535;
  /**
   * Largest {@code maxConcurrentPredictions}, as for the thread counts of training: every admitted
   * prediction runs on a platform thread of the prediction pool.
   */
  public static final int MAX_CONCURRENT_PREDICTIONS = 1_024;
  /**
   * Largest {@code maxQueuedPredictions}. A queued prediction waits on a virtual thread, which costs
   * little, but beyond a few thousand waiting requests a client is better served by an early 503
   * than by a wait.
   */
  public static final int MAX_QUEUED_PREDICTIONS = 10_000;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(modelPath, "modelPath");
    Objects.requireNonNull(queueTimeout, "queueTimeout");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(requestReadTimeout, "requestReadTimeout");
    requireRange("port", port, 0, MAX_PORT);
    requireRange("maxConcurrentPredictions", maxConcurrentPredictions, 1, MAX_CONCURRENT_PREDICTIONS);
    requireRange("maxQueuedPredictions", maxQueuedPredictions, 0, MAX_QUEUED_PREDICTIONS);
    requireRange("maxBodyBytes", maxBodyBytes, 1, Integer.MAX_VALUE);
    requireRange("maxK", maxK, 1, Integer.MAX_VALUE);
    requireRange("maxBatchSize", maxBatchSize, 1, Integer.MAX_VALUE);
    requireRange("maxTextChars", maxTextChars, 1, Integer.MAX_VALUE);
    requireRange("maxConnections", maxConnections, 1, MAX_CONNECTIONS);
    if (queueTimeout.isNegative()) {
      throw new IllegalArgumentException("queueTimeout must not be negative, got " + queueTimeout);
    }
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
    }
    if (requestReadTimeout.toSeconds() < 1 || requestReadTimeout.toNanosPart() != 0) {
      throw new IllegalArgumentException(
          "requestReadTimeout must be a whole number of seconds, at least 1 s, got " + requestReadTimeout);
    }
  }

  /**
   * Returns the default settings for serving {@code modelPath} on loopback {@code port}, with one
   * concurrent prediction per available processor and the admin endpoint off.
   */
  public static ServerConfig defaults(Path modelPath, int port) {
    return new ServerConfig(
        DEFAULT_HOST,
        port,
        modelPath,
        Runtime.getRuntime().availableProcessors(),
        DEFAULT_MAX_QUEUED_PREDICTIONS,
        DEFAULT_QUEUE_TIMEOUT,
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_K,
        DEFAULT_MAX_BATCH_SIZE,
        DEFAULT_MAX_TEXT_CHARS,
        false,
        true,
        DEFAULT_DRAIN_TIMEOUT,
        DEFAULT_REQUEST_READ_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS);
  }

  /** Returns the {@code k} of a request without one: {@link #DEFAULT_K}, or {@code maxK} when that is lower. */
  public int defaultK() {
    return Math.min(DEFAULT_K, maxK);
  }

  public ServerConfig withHost(String newHost) {
    return new ServerConfig(newHost, port, modelPath, maxConcurrentPredictions, maxQueuedPredictions, queueTimeout,
        maxBodyBytes, maxK, maxBatchSize, maxTextChars, adminEnabled, adminLoopbackOnly, drainTimeout,
        requestReadTimeout, maxConnections);
  }

  public ServerConfig withConcurrency(int newMaxConcurrent, int newMaxQueued, Duration newQueueTimeout) {
    return new ServerConfig(host, port, modelPath, newMaxConcurrent, newMaxQueued, newQueueTimeout,
        maxBodyBytes, maxK, maxBatchSize, maxTextChars, adminEnabled, adminLoopbackOnly, drainTimeout,
        requestReadTimeout, maxConnections);
  }

  public ServerConfig withLimits(int newMaxBodyBytes, int newMaxK, int newMaxBatchSize, int newMaxTextChars) {
    return new ServerConfig(host, port, modelPath, maxConcurrentPredictions, maxQueuedPredictions, queueTimeout,
        newMaxBodyBytes, newMaxK, newMaxBatchSize, newMaxTextChars, adminEnabled, adminLoopbackOnly, drainTimeout,
        requestReadTimeout, maxConnections);
  }

  public ServerConfig withAdmin(boolean enabled, boolean loopbackOnly) {
    return new ServerConfig(host, port, modelPath, maxConcurrentPredictions, maxQueuedPredictions, queueTimeout,
        maxBodyBytes, maxK, maxBatchSize, maxTextChars, enabled, loopbackOnly, drainTimeout, requestReadTimeout,
        maxConnections);
  }

  public ServerConfig withDrainTimeout(Duration newDrainTimeout) {
    return new ServerConfig(host, port, modelPath, maxConcurrentPredictions, maxQueuedPredictions, queueTimeout,
        maxBodyBytes, maxK, maxBatchSize, maxTextChars, adminEnabled, adminLoopbackOnly, newDrainTimeout,
        requestReadTimeout, maxConnections);
  }

  public ServerConfig withRequestReadTimeout(Duration newRequestReadTimeout) {
    return new ServerConfig(host, port, modelPath, maxConcurrentPredictions, maxQueuedPredictions, queueTimeout,
        maxBodyBytes, maxK, maxBatchSize, maxTextChars, adminEnabled, adminLoopbackOnly, drainTimeout,
        newRequestReadTimeout, maxConnections);
  }

  public ServerConfig withMaxConnections(int newMaxConnections) {
    return new ServerConfig(host, port, modelPath, maxConcurrentPredictions, maxQueuedPredictions, queueTimeout,
        maxBodyBytes, maxK, maxBatchSize, maxTextChars, adminEnabled, adminLoopbackOnly, drainTimeout,
        requestReadTimeout, newMaxConnections);
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + max + "], got " + value);
    }
  }
}
