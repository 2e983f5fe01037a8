package io.leverxc.cli;

import io.leverxc.bundle.BundleFormatException;
import io.leverxc.serving.LeverServer;
import io.leverxc.serving.ModelLoader;
import io.leverxc.serving.ServerConfig;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever serve}: serves a model over HTTP until SIGTERM or Ctrl-C, then drains in-flight
 * requests and exits 0.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    header = "Serve the top-k labels of a model over HTTP.",
    description =
        "Serve the top-k labels of a model over HTTP with JSON; GET /openapi.yaml describes the API. "
            + "SIGTERM or Ctrl-C stops accepting connections, drains in-flight requests and exits 0.")
public final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "PATH",
      description = "Model bundle to serve, or an XC dataset folder to serve its TF-IDF label-text baseline.")
  Path model;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
      description = "TCP port to listen on; 0 picks a free port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST, paramLabel = "ADDRESS",
      description = "Address to bind. Default: ${DEFAULT-VALUE} (loopback only).")
  String host;

  @Option(names = "--threads", paramLabel = "N",
      description = "Predictions computed at the same time, at most " + ServerConfig.MAX_CONCURRENT_PREDICTIONS
          + ". Default: the number of available processors.")
  Integer threads;

  @Option(names = "--queue", defaultValue = "" + ServerConfig.DEFAULT_MAX_QUEUED_PREDICTIONS, paramLabel = "N",
      description = "Predictions allowed to wait for a free thread, at most " + ServerConfig.MAX_QUEUED_PREDICTIONS
          + "; more get 503. Default: ${DEFAULT-VALUE}.")
  int queue;

  @Option(names = "--queue-timeout-ms", defaultValue = "1000", paramLabel = "MS",
      description = "Maximum wait of a queued prediction before it gets 503, in milliseconds (at least 1; --queue 0"
          + " turns queueing off). Default: ${DEFAULT-VALUE}.")
  long queueTimeoutMillis;

  @Option(names = "--max-body-bytes", defaultValue = "" + ServerConfig.DEFAULT_MAX_BODY_BYTES, paramLabel = "BYTES",
      description = "Largest request body accepted, in bytes; larger bodies get 413. Default: ${DEFAULT-VALUE}.")
  int maxBodyBytes;

  @Option(names = "--max-k", defaultValue = "" + ServerConfig.DEFAULT_MAX_K, paramLabel = "K",
      description = "Largest k a request may ask for. A request without k gets " + ServerConfig.DEFAULT_K
          + ", or this value when it is lower. Default: ${DEFAULT-VALUE}.")
  int maxK;

  @Option(names = "--max-batch", defaultValue = "" + ServerConfig.DEFAULT_MAX_BATCH_SIZE, paramLabel = "N",
      description = "Maximum number of texts in one batch request. Default: ${DEFAULT-VALUE}.")
  int maxBatch;

  @Option(names = "--drain-seconds", defaultValue = "10", paramLabel = "S",
      description = "How long shutdown waits for in-flight requests, in seconds. Default: ${DEFAULT-VALUE}.")
  long drainSeconds;

  @Option(names = "--read-timeout-seconds", paramLabel = "S",
      defaultValue = "" + ServerConfig.DEFAULT_REQUEST_READ_TIMEOUT_SECONDS,
      description = "Maximum time from a request's first byte until its headers and body are read, in seconds."
          + " After it the server closes the connection without a reply. Default: ${DEFAULT-VALUE}.")
  long readTimeoutSeconds;

  @Option(names = "--max-connections", paramLabel = "N",
      defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS,
      description = "Maximum open connections, idle keep-alive ones included. Beyond it the server closes each new"
          + " connection at once, so keep it below the process's open-file limit (ulimit -n)."
          + " Default: ${DEFAULT-VALUE}.")
  int maxConnections;

  @Option(names = "--enable-admin",
      description = "Serve POST /v1/admin/reload, which loads a bundle and swaps it in without dropping requests.")
  boolean enableAdmin;

  @Option(names = "--admin-allow-remote",
      description = "With --enable-admin: accept admin requests from non-loopback clients too (by default only"
          + " loopback may reload).")
  boolean adminAllowRemote;

  private final ModelLoader loader;

  /** Largest TCP port number. */
  private static final int MAX_PORT = 65_535;

  /** Uses {@link ModelLoaders#servingLoader(int)} with the --threads of the command line. */
  public ServeCommand() {
    this(null);
  }

  /**
   * Uses {@code loader} to load the model at start-up and on reload, or, when null, the serving
   * loader with --threads threads.
   */
  public ServeCommand(ModelLoader loader) {
    this.loader = loader;
  }

  @Override
  public Integer call() throws Exception {
    ServerConfig config = buildConfig();
    LeverServer server;
    try {
      ModelLoader effectiveLoader =
          loader != null ? loader : ModelLoaders.servingLoader(config.maxConcurrentPredictions());
      server = LeverServer.start(config, reloadGuard(model, effectiveLoader));
    } catch (BindException e) {
      // A port that another process holds gives "Address already in use". Any other bind failure
      // is blamed on the host.
      boolean portTaken = e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("in use");
      spec.commandLine().getErr().printf(
          "lever serve: cannot listen on %s:%d: %s; %s.%n", config.host(), config.port(), e.getMessage(),
          portTaken
              ? "pick another --port or stop the process using it"
              : "give --host as an address of this machine, such as 127.0.0.1 or 0.0.0.0");
      // A port in use is a state of the machine that may change. An address that is not local is an
      // invalid --host, so it exits like other invalid options.
      return portTaken ? 1 : UserErrorHandler.INPUT_ERROR;
    } catch (java.net.SocketException e) {
      spec.commandLine().getErr().printf(
          "lever serve: cannot listen on %s:%d: %s; give --host as an address of this machine, such as 127.0.0.1"
              + " or 0.0.0.0.%n",
          config.host(), config.port(), e.getMessage());
      return UserErrorHandler.INPUT_ERROR;
    }
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("lever-serve-shutdown").unstarted(() -> {
      if (server.stop()) {
        // NOTE: the JVM exits with 143 after SIGTERM even when the hook finishes; halting with 0 reports
        // the clean drain. It runs only when this hook did the stopping, so a failed start keeps exit 1.
        Runtime.getRuntime().halt(0);
      }
    }));

    String modelId;
    try {
      modelId = server.initialLoad().join();
    } catch (CompletionException e) {
      spec.commandLine().getErr().println("lever serve: " + e.getCause().getMessage());
      server.stop();
      return 1;
    }
    spec.commandLine().getOut().printf(
        "Serving model %s on http://%s:%d (admin %s); SIGTERM or Ctrl-C stops.%n",
        modelId, config.host(), server.port(), config.adminEnabled() ? "enabled" : "disabled");
    spec.commandLine().getOut().flush();
    server.awaitStop();
    return 0;
  }

  ServerConfig buildConfig() {
    int concurrency = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    // Checked here as well as in ServerConfig, so that an error names the option the user typed.
    requireFolder(model);
    requireAtLeast("--port", port, 0);
    if (port > MAX_PORT) {
      throw new IllegalArgumentException("--port must be at most " + MAX_PORT + ", got " + port);
    }
    requireAtLeast("--threads", concurrency, 1);
    requireAtMost("--threads", concurrency, ServerConfig.MAX_CONCURRENT_PREDICTIONS);
    requireAtLeast("--queue", queue, 0);
    requireAtMost("--queue", queue, ServerConfig.MAX_QUEUED_PREDICTIONS);
    // With 0 a queued prediction would time out at once, and its 503 would blame a full queue.
    requireAtLeast("--queue-timeout-ms", queueTimeoutMillis, 1);
    if (adminAllowRemote && !enableAdmin) {
      throw new IllegalArgumentException(
          "--admin-allow-remote has no effect without --enable-admin; add --enable-admin or drop it");
    }
    requireAtLeast("--max-body-bytes", maxBodyBytes, 1);
    requireAtLeast("--max-k", maxK, 1);
    requireAtLeast("--max-batch", maxBatch, 1);
    requireAtLeast("--drain-seconds", drainSeconds, 0);
    requireAtLeast("--read-timeout-seconds", readTimeoutSeconds, 1);
    requireAtLeast("--max-connections", maxConnections, 1);
    requireAtMost("--max-connections", maxConnections, ServerConfig.MAX_CONNECTIONS);
    return ServerConfig.defaults(model, port)
        .withHost(host)
        .withConcurrency(concurrency, queue, Duration.ofMillis(queueTimeoutMillis))
        .withLimits(maxBodyBytes, maxK, maxBatch, ServerConfig.DEFAULT_MAX_TEXT_CHARS)
        .withAdmin(enableAdmin, !adminAllowRemote)
        .withDrainTimeout(Duration.ofSeconds(drainSeconds))
        .withRequestReadTimeout(Duration.ofSeconds(readTimeoutSeconds))
        .withMaxConnections(maxConnections);
  }

  /** Rejects a {@code --model} path that is not a folder, before the server starts. */
  static void requireFolder(Path model) {
    if (!Files.isDirectory(model)) {
      throw new IllegalArgumentException(
          "--model " + model + (Files.exists(model) ? " is not a folder" : " does not exist")
              + "; pass a model bundle folder or an XC data set folder");
    }
  }

  private static void requireAtLeast(String option, long value, long minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(option + " must be at least " + minimum + ", got " + value);
    }
  }

  private static void requireAtMost(String option, long value, long maximum) {
    if (value > maximum) {
      throw new IllegalArgumentException(option + " must be at most " + maximum + ", got " + value);
    }
  }

  /**
   * Returns a loader that, once the server started with a model bundle, loads only model bundles:
   * a reload pointed at a data set folder by mistake would otherwise swap the trained model for the
   * TF-IDF label-text baseline. A server started with a data set folder keeps {@code loader}.
   */
  static ModelLoader reloadGuard(Path initialModel, ModelLoader loader) {
    if (!isBundle(initialModel)) {
      return loader;
    }
    return path -> {
      if (!java.nio.file.Files.exists(path)) {
        throw new BundleFormatException(path, "not found; give the path of a model bundle folder");
      }
      if (!isBundle(path)) {
        throw new BundleFormatException(
            path, "not a model bundle (no manifest.json); this server was started with a bundle and swaps in"
                + " bundles only");
      }
      return loader.load(path);
    };
  }

  private static boolean isBundle(Path path) {
    return java.nio.file.Files.isRegularFile(path.resolve("manifest.json"));
  }
}
