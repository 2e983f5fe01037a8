package io.leverxc.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded HTTP/1.1 keep-alive load generator for a server on loopback. It POSTs JSON bodies in
 * turn over plain sockets ({@link KeepAliveConnection}), one thread per connection, either on a
 * fixed schedule (open loop) or as fast as a fixed number of connections allow (closed loop).
 *
 * <p>The client threads are platform threads. At 1,000 req/s against the demo bundle they cost
 * about 7% less CPU per request than virtual threads, whose blocking socket reads go through the
 * JDK's poller and carrier threads (two runs each, {@code lever bench serve}, JDK 25, 2 cores).
 * Every phase stops after its duration, and requests still running then get at most
 * {@link #DRAIN_TIMEOUT} to finish.
 */
public final class HttpLoadGenerator {
  /** How long a phase waits for requests still running after its duration. */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_ERROR_SAMPLES = 5;
  private static final String JSON = "application/json";

  private final InetSocketAddress address;
  private final List<byte[]> requests;
  private final List<String> errorSamples = new CopyOnWriteArrayList<>();

  /**
   * @param uri endpoint to POST to; must be on loopback
   * @param bodies JSON request bodies, sent in turn
   * @throws IllegalArgumentException if {@code uri} is not a loopback address or there are no bodies
   */
  public HttpLoadGenerator(URI uri, List<byte[]> bodies) {
    String host = uri.getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      throw new IllegalArgumentException("the load generator only targets loopback (127.0.0.1), got " + uri);
    }
    if (!"http".equals(uri.getScheme()) || uri.getPort() < 0) {
      throw new IllegalArgumentException("the load generator needs an http URI with a port, got " + uri);
    }
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("no request bodies to send");
    }
    this.address = new InetSocketAddress("127.0.0.1", uri.getPort());
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    List<byte[]> prepared = new ArrayList<>(bodies.size());
    for (byte[] body : bodies) {
      prepared.add(KeepAliveConnection.request("POST", "127.0.0.1", uri.getPort(), path, JSON, body));
    }
    this.requests = List.copyOf(prepared);
  }

  /**
   * Sends requests at {@code ratePerSecond} for {@code duration} over up to {@code connections}
   * connections. Request {@code i} is due at {@code start + i / rate}. Its latency runs from that
   * due time, not from when a connection became free to send it, so a stalled server shows up as
   * latency instead of a lower send rate (no coordinated omission).
   *
   * @param connections keep-alive connections, which bound the requests in flight. A due request
   *     waits for a free connection, and that wait counts in its latency.
   */
  public BenchResult fixedRate(String phase, int ratePerSecond, Duration duration, int connections)
      throws InterruptedException {
    double intervalNanos = (double) TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
    long dueCount = (long) Math.ceil(duration.toNanos() / intervalNanos);
    AtomicLong nextRequest = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long cpuStart = ProcessCpu.nanos();
    long start = System.nanoTime();
    List<LatencyRecorder> recorders = runClients(connections, duration, (connection, recorder) -> {
      for (long index = nextRequest.getAndIncrement(); index < dueCount; index = nextRequest.getAndIncrement()) {
        long due = start + (long) (index * intervalNanos);
        LockSupport.parkNanos(due - System.nanoTime());
        send(connection, index, errors);
        recorder.record(System.nanoTime() - due);
      }
    });
    return result(phase, start, cpuStart, recorders, errors, dueCount);
  }

  /** Runs {@code connections} clients that each send their next request as soon as the last reply arrives. */
  public BenchResult closedLoop(String phase, int connections, Duration duration) throws InterruptedException {
    long cpuStart = ProcessCpu.nanos();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    AtomicLong nextRequest = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<LatencyRecorder> recorders = runClients(connections, duration, (connection, recorder) -> {
      while (System.nanoTime() < end) {
        long sentAt = System.nanoTime();
        send(connection, nextRequest.getAndIncrement(), errors);
        recorder.record(System.nanoTime() - sentAt);
      }
    });
    return result(phase, start, cpuStart, recorders, errors, -1);
  }

  /** Up to five messages of failed requests, for the report. */
  public List<String> errorSamples() {
    return List.copyOf(errorSamples);
  }

  /** The work of one client thread over its own connection, recording into its own recorder. */
  @FunctionalInterface
  private interface ClientLoop {
    void run(KeepAliveConnection connection, LatencyRecorder recorder);
  }

  /** Starts one thread per connection and waits for all of them, at most the phase plus the drain timeout. */
  private List<LatencyRecorder> runClients(int connections, Duration duration, ClientLoop loop)
      throws InterruptedException {
    List<LatencyRecorder> recorders = new ArrayList<>(connections);
    List<Thread> threads = new ArrayList<>(connections);
    for (int c = 0; c < connections; c++) {
      LatencyRecorder recorder = new LatencyRecorder();
      recorders.add(recorder);
      threads.add(Thread.ofPlatform().daemon().name("lever-bench-client-" + c).start(() -> {
        try (KeepAliveConnection connection = new KeepAliveConnection(address, REQUEST_TIMEOUT)) {
          loop.run(connection, recorder);
        }
      }));
    }
    long deadline = System.nanoTime() + duration.plus(DRAIN_TIMEOUT).toNanos();
    for (Thread thread : threads) {
      long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      thread.join(Math.max(1, leftMillis));
    }
    List<LatencyRecorder> finished = new ArrayList<>(connections);
    int unfinished = 0;
    for (int c = 0; c < connections; c++) {
      if (threads.get(c).isAlive()) {
        // Its recorder may still change, so it is left out. The blocked socket times out on its own.
        threads.get(c).interrupt();
        unfinished++;
      } else {
        finished.add(recorders.get(c));
      }
    }
    if (unfinished > 0) {
      recordErrorSample(unfinished + " connections still had a request running "
          + DRAIN_TIMEOUT.toSeconds() + " s after the phase; their requests are left out");
    }
    return finished;
  }

  private void send(KeepAliveConnection connection, long index, AtomicLong errors) {
    try {
      KeepAliveConnection.Response response = connection.exchange(requests.get((int) (index % requests.size())));
      if (response.status() / 100 != 2) {
        errors.incrementAndGet();
        recordErrorSample(response.status() + " " + response.bodyPrefix());
      }
    } catch (IOException e) {
      errors.incrementAndGet();
      recordErrorSample(e.toString());
    }
  }

  /**
   * Merges the recorders into one row. In a fixed-rate phase, {@code dueCount} requests were due,
   * and any of them without a recorded latency counts as an error.
   */
  private BenchResult result(
      String phase, long start, long cpuStart, List<LatencyRecorder> recorders, AtomicLong errors, long dueCount) {
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpuNanos = cpuStart < 0 ? -1 : ProcessCpu.nanos() - cpuStart;
    LatencyRecorder merged = new LatencyRecorder();
    recorders.forEach(merged::merge);
    long missing = dueCount < 0 ? 0 : dueCount - merged.count();
    if (missing > 0) {
      recordErrorSample(missing + " of " + dueCount + " due requests got no reply in time");
    }
    return new BenchResult(phase, merged.count() + missing, errors.get() + missing, seconds, merged, cpuNanos);
  }

  private void recordErrorSample(String message) {
    if (errorSamples.size() < MAX_ERROR_SAMPLES) {
      errorSamples.add(message);
    }
  }
}
