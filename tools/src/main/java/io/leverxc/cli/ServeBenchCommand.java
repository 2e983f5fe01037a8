package io.leverxc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leverxc.bench.BenchResult;
import io.leverxc.bench.HttpLoadGenerator;
import io.leverxc.bench.LatencyRecorder;
import io.leverxc.bench.ProcessCpu;
import io.leverxc.data.TextLinesReader;
import io.leverxc.data.XcFiles;
import io.leverxc.model.LabelPredictor;
import io.leverxc.serving.LeverServer;
import io.leverxc.serving.ModelLoader;
import io.leverxc.serving.ServerConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lever bench serve}: latency of text → top-k in process, then over HTTP on loopback at a
 * fixed rate, at maximum throughput, and at a fixed rate while the model is reloaded twice.
 * Everything runs against a server this command starts on 127.0.0.1 and stops at the end.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    header = "Measure serving latency in process and over HTTP on loopback.",
    description =
        "Measure serving latency in process and over HTTP on loopback (p50/p90/p99/p99.9, throughput, "
            + "errors). Starts its own server on 127.0.0.1 with a free port; every phase is bounded in time.")
public final class ServeBenchCommand implements Callable<Integer> {
  /** Longest allowed phase, so a mistyped duration cannot load the machine for long. */
  static final int MAX_PHASE_SECONDS = 120;
  private static final int RELOADS_UNDER_LOAD = 2;
  /** Connections of the fixed-rate phases, which bound their requests in flight. */
  private static final int FIXED_RATE_CONNECTIONS = 64;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "PATH",
      description = "Model bundle or XC dataset folder. Default: data/LF-WordNetHierarchy-15K under the Lever-XC home.")
  Path model;

  @Option(names = "--queries", paramLabel = "FILE",
      description = "Query texts, one per line (plain or gzip). Required with a model bundle; with a data set"
          + " folder as --model, the default is its tst_X.txt.")
  Path queries;

  @Option(names = "--query-count", defaultValue = "5000", paramLabel = "N",
      description = "Number of query texts used, from the top of the file. Default: ${DEFAULT-VALUE}.")
  int queryCount;

  @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "10", description = "Labels per query, at most 1,000. Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(names = "--in-process-calls", defaultValue = "20000", paramLabel = "N",
      description = "Timed predict calls in process, after as many warm-up calls. Default: ${DEFAULT-VALUE}.")
  int inProcessCalls;

  @Option(names = "--rate", defaultValue = "1000", paramLabel = "REQ_PER_S",
      description = "Request rate of the fixed-rate phases, per second. Default: ${DEFAULT-VALUE}.")
  int rate;

  @Option(names = "--seconds", defaultValue = "10", paramLabel = "S",
      description = "Duration of each HTTP phase, in seconds (at most " + MAX_PHASE_SECONDS + "). Default: ${DEFAULT-VALUE}.")
  int seconds;

  @Option(names = "--warmup-seconds", defaultValue = "10", paramLabel = "S",
      description = "Duration of the untimed HTTP warm-up, in seconds (at most " + MAX_PHASE_SECONDS + "),"
          + " so that the JIT compiler has finished with the server code before the timed phases:"
          + " half of it at the fixed rate, half at full speed. Failed warm-up requests fail the run."
          + " Default: ${DEFAULT-VALUE}.")
  int warmupSeconds;

  @Option(names = "--connections", defaultValue = "16", paramLabel = "N",
      description = "Concurrent keep-alive connections of the maximum-throughput phase, at most 1,024. Default:"
          + " ${DEFAULT-VALUE}.")
  int connections;

  @Option(names = "--threads", paramLabel = "N",
      description = "Server prediction concurrency. Default: the number of available processors.")
  Integer threads;

  @Option(names = "--skip-reload", description = "Skip the phase that reloads the model under load.")
  boolean skipReload;

  private final ModelLoader loader;
  private volatile int failedReloads;
  private long warmupErrors;

  public ServeBenchCommand() {
    this(ModelLoaders.servingLoader());
  }

  public ServeBenchCommand(ModelLoader loader) {
    this.loader = loader;
  }

  @Override
  public Integer call() throws Exception {
    validate();
    Path modelPath = model != null ? model : defaultModel();
    ServeCommand.requireFolder(modelPath);
    List<String> texts = readQueries(modelPath);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("lever bench serve: model %s, %d query texts, k = %d, %d available processors, Java %s%n",
        modelPath, texts.size(), k, Runtime.getRuntime().availableProcessors(), Runtime.version());
    out.flush();

    List<BenchResult> results = new ArrayList<>();
    try (LabelPredictor predictor = loader.load(modelPath)) {
      results.add(measureInProcess(predictor, texts));
    }

    ServerConfig config = ServerConfig.defaults(modelPath, 0).withAdmin(true, true);
    if (threads != null) {
      config = config.withConcurrency(threads, config.maxQueuedPredictions(), config.queueTimeout());
    }
    LeverServer server = LeverServer.start(config, loader);
    try {
      String modelId = server.initialLoad().get(MAX_PHASE_SECONDS, TimeUnit.SECONDS);
      out.printf("Server on http://127.0.0.1:%d serving %s with %d concurrent predictions%n",
          server.port(), modelId, config.maxConcurrentPredictions());
      out.flush();
      results.addAll(measureHttp(server, texts, out));
    } finally {
      server.stop();
    }

    out.println();
    BenchResult.printHeader(out);
    for (BenchResult result : results) {
      result.print(out);
    }
    long errors = results.stream().mapToLong(BenchResult::errors).sum();
    if (failedReloads > 0) {
      out.printf("%d of %d reloads failed%n", failedReloads, RELOADS_UNDER_LOAD);
    }
    out.flush();
    if (warmupErrors > 0) {
      out.printf("%d requests of the warm-up failed%n", warmupErrors);
    }
    out.flush();
    return errors == 0 && warmupErrors == 0 && failedReloads == 0 ? 0 : 1;
  }

  /** Maximum number of HTTP connections of the load generator, each with a socket and buffers in this JVM. */
  static final int MAX_CONNECTIONS = 1_024;

  private void validate() {
    requirePositive("--query-count", queryCount);
    requirePositive("-k", k);
    if (k > ServerConfig.DEFAULT_MAX_K) {
      throw new IllegalArgumentException("-k must be at most " + ServerConfig.DEFAULT_MAX_K
          + ", the largest k the benchmark's server accepts, got " + k);
    }
    if (connections > MAX_CONNECTIONS) {
      throw new IllegalArgumentException("--connections must be at most " + MAX_CONNECTIONS + ", got " + connections);
    }
    requirePositive("--in-process-calls", inProcessCalls);
    requirePositive("--rate", rate);
    requirePositive("--connections", connections);
    if (threads != null) {
      TrainingOptions.checkThreads(threads);
    }
    if (seconds < 1 || seconds > MAX_PHASE_SECONDS) {
      throw new IllegalArgumentException("--seconds must be in [1, " + MAX_PHASE_SECONDS + "], got " + seconds);
    }
    if (warmupSeconds < 0 || warmupSeconds > MAX_PHASE_SECONDS) {
      throw new IllegalArgumentException(
          "--warmup-seconds must be in [0, " + MAX_PHASE_SECONDS + "], got " + warmupSeconds);
    }
  }

  private static void requirePositive(String option, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, got " + value);
    }
  }

  private static Path defaultModel() {
    String home = System.getProperty("lever.home", ".");
    return Path.of(home, "data", "LF-WordNetHierarchy-15K");
  }

  private List<String> readQueries(Path modelPath) {
    Path file = queries != null ? queries : XcFiles.resolveOptional(modelPath, "tst_X.txt");
    if (file == null) {
      throw new IllegalArgumentException(
          modelPath + " has no tst_X.txt; pass --queries FILE with one query text per line");
    }
    List<String> all = TextLinesReader.read(file, -1);
    // The server rejects a longer text with 400, which would count as a failed request.
    int limit = ServerConfig.defaults(modelPath, 0).maxTextChars();
    List<String> accepted = all.stream().filter(text -> text.length() <= limit).toList();
    if (accepted.size() < all.size()) {
      spec.commandLine().getOut().printf(
          "Skipped %d of %d query texts of %s that are longer than the server's limit of %d characters%n",
          all.size() - accepted.size(), all.size(), file, limit);
    }
    if (accepted.isEmpty()) {
      throw new IllegalArgumentException(file + " contains no query text of at most " + limit + " characters");
    }
    return List.copyOf(accepted.subList(0, Math.min(queryCount, accepted.size())));
  }

  /** Times single-threaded predict calls, after as many untimed warm-up calls. */
  private BenchResult measureInProcess(LabelPredictor predictor, List<String> texts) {
    for (int i = 0; i < inProcessCalls; i++) {
      predictor.predict(texts.get(i % texts.size()), k);
    }
    LatencyRecorder latency = new LatencyRecorder();
    long cpuStart = ProcessCpu.nanos();
    long start = System.nanoTime();
    for (int i = 0; i < inProcessCalls; i++) {
      long callStart = System.nanoTime();
      predictor.predict(texts.get(i % texts.size()), k);
      latency.record(System.nanoTime() - callStart);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long cpuNanos = cpuStart < 0 ? -1 : ProcessCpu.nanos() - cpuStart;
    return new BenchResult("in-process top-" + k + ", 1 thread", inProcessCalls, 0, elapsed, latency, cpuNanos);
  }

  private List<BenchResult> measureHttp(LeverServer server, List<String> texts, PrintWriter out) throws Exception {
    URI predict = URI.create("http://127.0.0.1:" + server.port() + "/v1/predict");
    ObjectMapper mapper = new ObjectMapper();
    List<byte[]> bodies = new ArrayList<>(texts.size());
    for (String text : texts) {
      bodies.add(mapper.writeValueAsBytes(Map.of("text", text, "k", k)));
    }
    Duration phase = Duration.ofSeconds(seconds);
    List<BenchResult> results = new ArrayList<>();
    HttpLoadGenerator load = new HttpLoadGenerator(predict, bodies);
    warmUp(load, Duration.ofSeconds(warmupSeconds), out);
    results.add(load.fixedRate("http " + rate + " req/s", rate, phase, FIXED_RATE_CONNECTIONS));
    results.add(load.closedLoop("http max, " + connections + " connections", connections, phase));
    if (!skipReload) {
      results.add(fixedRateWithReloads(server, load, phase, out));
    }
    for (String error : load.errorSamples()) {
      out.println("error sample: " + error);
    }
    return results;
  }

  /**
   * Runs untimed load of the same two shapes as the timed phases, half the time each. After a
   * warm-up of closed-loop load alone, {@code -XX:+PrintCompilation} showed the JIT compiler still
   * compiling the JDK HTTP server's connection handling during the first fixed-rate phase. Those
   * compilations set that phase's p99.
   */
  private void warmUp(HttpLoadGenerator load, Duration warmup, PrintWriter out) throws InterruptedException {
    Duration half = warmup.dividedBy(2);
    out.printf(
        Locale.ROOT,
        "Warm-up, untimed: %.1f s at %d req/s over %d connections, then %.1f s at full speed over %d connections%n",
        half.toMillis() / 1e3, rate, FIXED_RATE_CONNECTIONS, warmup.minus(half).toMillis() / 1e3, connections);
    out.flush();
    warmupErrors += load.fixedRate("warm-up at a fixed rate", rate, half, FIXED_RATE_CONNECTIONS).errors();
    warmupErrors += load.closedLoop("warm-up at full speed", connections, warmup.minus(half)).errors();
  }

  /** Runs a fixed-rate phase while reloading the model at 1/3 and 2/3 of it. */
  private BenchResult fixedRateWithReloads(LeverServer server, HttpLoadGenerator load, Duration phase, PrintWriter out)
      throws InterruptedException {
    URI reload = URI.create("http://127.0.0.1:" + server.port() + "/v1/admin/reload");
    List<String> outcomes = new ArrayList<>();
    Thread reloader = Thread.ofVirtual().name("lever-bench-reload").start(() -> {
      try (HttpClient client = HttpClient.newHttpClient()) {
        for (int i = 1; i <= RELOADS_UNDER_LOAD; i++) {
          Thread.sleep(phase.toMillis() / (RELOADS_UNDER_LOAD + 1));
          HttpResponse<String> response = client.send(
              HttpRequest.newBuilder(reload).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200) {
            failedReloads++;
          }
          synchronized (outcomes) {
            outcomes.add(response.statusCode() + " " + response.body());
          }
        }
      } catch (Exception e) {
        failedReloads++;
        synchronized (outcomes) {
          outcomes.add("reload request failed: " + e);
        }
      }
    });
    BenchResult result = load.fixedRate(
        "http " + rate + " req/s + " + RELOADS_UNDER_LOAD + " reloads", rate, phase, FIXED_RATE_CONNECTIONS);
    reloader.join(phase.plus(HttpLoadGenerator.DRAIN_TIMEOUT).toMillis());
    synchronized (outcomes) {
      for (String outcome : outcomes) {
        out.println("reload: " + outcome);
      }
    }
    out.flush();
    return result;
  }
}
