package io.leverxc.pipeline;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wall-clock seconds of each pipeline stage, logged as each one ends. Not thread-safe. */
public final class StageTimes {
  private static final Logger LOG = LoggerFactory.getLogger(StageTimes.class);

  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private String current;
  private long startNanos;

  /** Returns an independent copy, so runs that share a prepared teacher keep separate times. */
  StageTimes copy() {
    StageTimes copy = new StageTimes();
    copy.seconds.putAll(seconds);
    return copy;
  }

  void start(String stage) {
    current = stage;
    startNanos = System.nanoTime();
    LOG.info("stage {} started", stage);
  }

  void stop() {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    seconds.put(current, elapsed);
    LOG.info("stage {} took {} s (heap used {} MiB)", current, String.format(Locale.ROOT, "%.1f", elapsed), usedHeapMiB());
  }

  private static long usedHeapMiB() {
    Runtime runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
  }

  /** Seconds per stage, in the order the stages ran. */
  public Map<String, Double> seconds() {
    return Map.copyOf(seconds);
  }

  public double total() {
    return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    seconds.forEach((stage, value) -> text.append(stage).append('=').append(String.format(Locale.ROOT, "%.1fs ", value)));
    return text.append("total=").append(String.format(Locale.ROOT, "%.1fs", total())).toString();
  }
}
