package io.leverxc.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded HTTP/1.1 keep-alive load generator for a server on loopback. It POSTs JSON bodies in
 * turn, either at a fixed rate (open loop) or as fast as a fixed number of connections allow
 * (closed loop). Every phase stops after its duration, and requests still running then get at most
 * {@link #DRAIN_TIMEOUT} to finish.
 */
public final class HttpLoadGenerator implements AutoCloseable {
  /** How long a phase waits for requests still running after its duration. */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_ERROR_SAMPLES = 5;

  private final HttpClient client;
  private final URI uri;
  private final List<byte[]> bodies;
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
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("no request bodies to send");
    }
    this.uri = uri;
    this.bodies = List.copyOf(bodies);
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
  }

  /**
   * Sends requests at {@code ratePerSecond} for {@code duration}. Latency runs from each request's
   * scheduled start, so a stalled server shows up as latency instead of a lower send rate.
   *
   * @param maxInFlight requests allowed to run at once; a request due while this many run is
   *     counted as an error instead of being sent
   */
  public BenchResult fixedRate(String phase, int ratePerSecond, Duration duration, int maxInFlight)
      throws InterruptedException {
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
    LatencyRecorder latency = new LatencyRecorder();
    AtomicLong errors = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    AtomicInteger inFlight = new AtomicInteger();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long sent = 0;
    for (long due = start; due < end; due += intervalNanos) {
      LockSupport.parkNanos(due - System.nanoTime());
      if (inFlight.get() >= maxInFlight) {
        errors.incrementAndGet();
        completed.incrementAndGet();
        recordErrorSample("no free client slot: " + maxInFlight + " requests already running");
        continue;
      }
      inFlight.incrementAndGet();
      long scheduled = due;
      client.sendAsync(request(sent++), HttpResponse.BodyHandlers.ofString())
          .whenComplete((response, failure) -> {
            long nanos = System.nanoTime() - scheduled;
            synchronized (latency) {
              latency.record(nanos);
            }
            if (failure != null || response.statusCode() != 200) {
              errors.incrementAndGet();
              recordErrorSample(failure != null ? failure.toString() : response.statusCode() + " " + response.body());
            }
            completed.incrementAndGet();
            inFlight.decrementAndGet();
          });
    }
    awaitDrained(inFlight);
    double seconds = (System.nanoTime() - start) / 1e9;
    int abandoned = inFlight.get();
    if (abandoned > 0) {
      recordErrorSample(abandoned + " requests got no reply within " + DRAIN_TIMEOUT.toSeconds() + " s after the phase");
    }
    synchronized (latency) {
      return new BenchResult(phase, completed.get() + abandoned, errors.get() + abandoned, seconds, latency);
    }
  }

  /** Runs {@code connections} clients that each send their next request as soon as the last reply arrives. */
  public BenchResult closedLoop(String phase, int connections, Duration duration) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<LatencyRecorder> recorders = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      LatencyRecorder recorder = new LatencyRecorder();
      recorders.add(recorder);
      int offset = c;
      threads.add(Thread.ofVirtual().name("lever-bench-client-" + c).start(() -> {
        long index = offset;
        while (System.nanoTime() < end) {
          long sentAt = System.nanoTime();
          try {
            HttpResponse<String> response = client.send(request(index), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
              errors.incrementAndGet();
              recordErrorSample(response.statusCode() + " " + response.body());
            }
          } catch (IOException e) {
            errors.incrementAndGet();
            recordErrorSample(e.toString());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          recorder.record(System.nanoTime() - sentAt);
          index += connections;
        }
      }));
    }
    for (Thread thread : threads) {
      thread.join(duration.plus(DRAIN_TIMEOUT).toMillis());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    LatencyRecorder merged = new LatencyRecorder();
    recorders.forEach(merged::merge);
    return new BenchResult(phase, merged.count(), errors.get(), seconds, merged);
  }

  /** Up to five messages of failed requests, for the report. */
  public List<String> errorSamples() {
    return List.copyOf(errorSamples);
  }

  private HttpRequest request(long index) {
    byte[] body = bodies.get((int) (index % bodies.size()));
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private void recordErrorSample(String message) {
    if (errorSamples.size() < MAX_ERROR_SAMPLES) {
      errorSamples.add(message);
    }
  }

  private static void awaitDrained(AtomicInteger inFlight) throws InterruptedException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
