package io.leverxc.serving;

import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lever-XC HTTP server: JSON endpoints over the JDK's {@code com.sun.net.httpserver}, with a
 * model that can be swapped while serving. The JDK's server reads each request on the executor's
 * thread, so every exchange gets a virtual thread of its own, and a client that stalls mid-request
 * holds only that thread until the request read timeout closes its connection. Admitted
 * predictions run on a separate fixed pool of platform threads (see {@link PredictionEndpoints}).
 *
 * <p>{@link #start} binds the port at once and loads the model in the background, so
 * {@code GET /readyz} returns 503 until the model is in. {@link #stop} stops accepting, waits for
 * in-flight requests up to the drain timeout, then closes the model. Thread-safe.
 */
public final class LeverServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeverServer.class);
  /** Pending connections the kernel queues before accept; 0 would mean the system default. */
  private static final int ACCEPT_BACKLOG = 1024;
  private static final String OPENAPI_RESOURCE = "/openapi.yaml";
  /** How long no handler may run before the drain counts as finished. */
  private static final Duration DRAIN_QUIET_PERIOD = Duration.ofMillis(100);
  private static final Duration DRAIN_POLL_INTERVAL = Duration.ofMillis(10);

  private final ServerConfig config;
  private final HttpServer httpServer;
  /** Runs each exchange, from reading the request to sending the reply, on a virtual thread. */
  private final ExecutorService executor;
  /** Platform threads that compute admitted predictions, one per concurrent prediction. */
  private final ExecutorService predictionPool;
  private final ModelSlot slot = new ModelSlot();
  private final ServerMetrics metrics = new ServerMetrics();
  private final ModelReloader reloader;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final CompletableFuture<String> initialLoad = new CompletableFuture<>();
  private final CountDownLatch stoppedLatch = new CountDownLatch(1);

  /**
   * The JDK's limit, in seconds, on the time from a request's first byte until its headers and body
   * are read. When it passes, the JDK's server closes the connection without a reply.
   */
  private static final String MAX_REQUEST_TIME_PROPERTY = "sun.net.httpserver.maxReqTime";

  /** Open files kept aside for the JVM's own jars and for a model being loaded during a reload. */
  private static final int RESERVED_FILE_DESCRIPTORS = 256;

  /** The JDK's limit on open connections. At the limit it closes each newly accepted one at once. */
  private static final String MAX_CONNECTIONS_PROPERTY = "jdk.httpserver.maxConnections";

  /**
   * Settings of the JDK's HTTP server, documented in the jdk.httpserver module (JDK 25), that the
   * server sets unless the user already did. TCP_NODELAY stops Nagle's algorithm from holding back
   * the body that follows the response headers until the client's delayed ACK, which costs up to
   * about 40 ms per keep-alive request on Linux. The idle-connection limit (JDK default 200) makes
   * the server close keep-alive connections that a busy client is about to reuse, which fails a
   * POST that the client does not retry. The request read timeout, {@code sun.net.httpserver.maxReqTime}
   * in seconds, comes from {@link ServerConfig#requestReadTimeout()} instead (see
   * {@link #applyHttpServerProperties}).
   */
  private static final Map<String, String> HTTP_SERVER_PROPERTIES = Map.of(
      "sun.net.httpserver.nodelay", "true",
      "sun.net.httpserver.maxIdleConnections", "4096");

  private LeverServer(ServerConfig config, ModelLoader loader) throws IOException {
    this.config = config;
    applyHttpServerProperties(config);
    this.reloader = new ModelReloader(loader, slot, metrics);
    JsonCodec json = new JsonCodec();
    AdmissionControl admission =
        new AdmissionControl(config.maxConcurrentPredictions(), config.maxQueuedPredictions(), config.queueTimeout());
    // Platform threads, reused across requests: the text pipeline keeps its Lucene analysis chain
    // per thread, and building it anew for every virtual thread cost about 1 ms per request.
    this.predictionPool = Executors.newFixedThreadPool(
        config.maxConcurrentPredictions(), Thread.ofPlatform().name("lever-predict-", 0).daemon().factory());
    PredictionEndpoints predictions = new PredictionEndpoints(config, slot, admission, metrics, json, predictionPool);
    ApiHandler handler = new ApiHandler(
        config, predictions, reloader, slot, metrics, admission, json, readOpenApi(), draining::get);
    this.httpServer = HttpServer.create(new InetSocketAddress(config.host(), config.port()), ACCEPT_BACKLOG);
    // A fixed pool here would let as many stalled clients as it has threads block every endpoint,
    // health checks included, because the JDK's server reads headers and body on these threads.
    this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("lever-http-", 0).factory());
    httpServer.setExecutor(executor);
    httpServer.createContext("/", handler);
  }

  /**
   * Binds {@code config.host():config.port()}, starts serving and loads {@code config.modelPath()}
   * in the background. Wait for {@link #initialLoad()} before sending predictions.
   *
   * @throws IOException if the address cannot be bound
   */
  public static LeverServer start(ServerConfig config, ModelLoader loader) throws IOException {
    LeverServer server = new LeverServer(config, loader);
    server.httpServer.start();
    LOG.info("Listening on http://{}:{} (admin endpoints {}; at most {} concurrent and {} queued predictions;"
            + " request read timeout {} s; at most {} connections)",
        config.host(), server.port(),
        !config.adminEnabled() ? "disabled" : config.adminLoopbackOnly() ? "enabled for loopback clients"
            : "enabled for every client",
        config.maxConcurrentPredictions(), config.maxQueuedPredictions(), config.requestReadTimeout().toSeconds(),
        config.maxConnections());
    warnIfFileLimitIsLow(config.maxConnections());
    if (config.maxK() < ServerConfig.DEFAULT_K) {
      LOG.warn("Maximum k {} is below the default k {}, so a request without k gets at most {} labels",
          config.maxK(), ServerConfig.DEFAULT_K, config.defaultK());
    }
    Thread.ofVirtual().name("lever-initial-load").start(server::loadInitialModel);
    return server;
  }

  private void loadInitialModel() {
    ModelReloader.Outcome outcome = reloader.reload(config.modelPath(), false);
    if (outcome == null) {
      // A reload request got in first; whatever it installed is the initial model.
      initialLoad.complete(null);
    } else if (outcome.succeeded()) {
      initialLoad.complete(outcome.model());
    } else {
      initialLoad.completeExceptionally(
          new IllegalStateException("Loading the model from " + config.modelPath() + " failed: " + outcome.error()));
    }
  }

  /**
   * Completes with the id of the first model once it is serving, or exceptionally with the reason
   * the start-up load failed (the server keeps running and returns 503 until a reload succeeds).
   */
  public CompletableFuture<String> initialLoad() {
    return initialLoad;
  }

  /** Returns the bound port, which differs from the configured one when that was 0. */
  public int port() {
    return httpServer.getAddress().getPort();
  }

  public String host() {
    return config.host();
  }

  /**
   * Stops accepting connections, lets in-flight requests finish for up to the drain timeout, then
   * closes the model. Safe to call more than once and from a shutdown hook.
   *
   * @return true if this call stopped the server, false if it was already stopped
   */
  public boolean stop() {
    if (!stopped.compareAndSet(false, true)) {
      return false;
    }
    draining.set(true);
    Duration drain = config.drainTimeout();
    LOG.info("Stopping: no new connections, draining in-flight requests for up to {} ms", drain.toMillis());
    stopHttpServer(drain);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Requests still running after the {} ms drain timeout; closing anyway", drain.toMillis());
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
    // Every request thread has ended or been interrupted, so no prediction is submitted any more.
    // One still running keeps its model lease until it finishes, so closing the slot is safe.
    predictionPool.shutdown();
    slot.close();
    LOG.info("Stopped");
    stoppedLatch.countDown();
    return true;
  }

  /**
   * Closes the listener, waits until no handler runs or the drain timeout passes, then closes every
   * connection.
   *
   * <p>HttpServer.stop(delay) closes the listener and waits for running exchanges. But in JDK 25 it
   * can also wait out the whole delay when a client closes an idle keep-alive connection during
   * shutdown, because such a connection leaves its request set without waking the waiting stop. So
   * the stop runs on its own thread, and once no handler has run for {@link #DRAIN_QUIET_PERIOD} it
   * is interrupted, which ends its wait and makes it close the connections.
   */
  private void stopHttpServer(Duration drain) {
    int delaySeconds = (int) Math.clamp(drain.toSeconds() + 1, 1, Integer.MAX_VALUE);
    Thread stopper = Thread.ofPlatform().name("lever-http-stop").start(() -> httpServer.stop(delaySeconds));
    long deadline = System.nanoTime() + drain.toNanos();
    long quietSince = System.nanoTime();
    try {
      while (stopper.isAlive() && System.nanoTime() < deadline) {
        if (metrics.inFlight() > 0) {
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince >= DRAIN_QUIET_PERIOD.toNanos()) {
          break;
        }
        Thread.sleep(DRAIN_POLL_INTERVAL.toMillis());
      }
      int unfinished = metrics.inFlight();
      if (unfinished > 0) {
        LOG.warn("{} {} still in flight after the {} ms drain timeout; closing the connections, so those clients"
            + " get no reply or a cut one", unfinished, unfinished == 1 ? "request" : "requests", drain.toMillis());
      }
      stopper.interrupt();
      stopper.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopper.interrupt();
    }
  }

  /** Blocks until {@link #stop} has finished. */
  public void awaitStop() throws InterruptedException {
    stoppedLatch.await();
  }

  @Override
  public void close() {
    stop();
  }

  // NOTE: the JDK reads these properties once, when the first HttpServer of the JVM is created, so
  // they have no effect if another HttpServer was created before. A second LeverServer in the same
  // JVM keeps the first one's request read timeout and connection limit.
  private static void applyHttpServerProperties(ServerConfig config) {
    setProperty(MAX_REQUEST_TIME_PROPERTY, Long.toString(config.requestReadTimeout().toSeconds()),
        "the request read timeout in seconds");
    setProperty(MAX_CONNECTIONS_PROPERTY, Integer.toString(config.maxConnections()), "the connection limit");
    for (Map.Entry<String, String> property : HTTP_SERVER_PROPERTIES.entrySet()) {
      if (System.getProperty(property.getKey()) == null) {
        System.setProperty(property.getKey(), property.getValue());
      }
      LOG.debug("{}={}", property.getKey(), System.getProperty(property.getKey()));
    }
  }

  /**
   * Warns when the process may open fewer files than the connection limit allows sockets, because
   * then accepting fails with "Too many open files" before the limit is reached.
   */
  private static void warnIfFileLimitIsLow(int maxConnections) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      long openFileLimit = unix.getMaxFileDescriptorCount();
      if (openFileLimit < maxConnections + RESERVED_FILE_DESCRIPTORS) {
        LOG.warn("The process may open at most {} files, fewer than the {} connections allowed plus {} for the"
                + " JVM and the model; lower --max-connections or raise the limit (ulimit -n)",
            openFileLimit, maxConnections, RESERVED_FILE_DESCRIPTORS);
      }
    }
  }

  /** Sets a JDK property from a server setting, with a warning when the user had set it otherwise. */
  private static void setProperty(String name, String value, String setting) {
    String userValue = System.getProperty(name);
    if (userValue != null && !userValue.equals(value)) {
      LOG.warn("Replacing the system property {}={} with {}, {}", name, userValue, setting, value);
    }
    System.setProperty(name, value);
  }

  private static byte[] readOpenApi() {
    try (InputStream in = LeverServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The resource " + OPENAPI_RESOURCE + " is missing from the serving jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the resource " + OPENAPI_RESOURCE + " failed", e);
    }
  }
}
