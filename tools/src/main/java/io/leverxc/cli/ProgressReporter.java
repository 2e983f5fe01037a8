package io.leverxc.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long loop: a progress bar on an interactive terminal, otherwise an INFO line
 * every {@link #LOG_INTERVAL} so a log file still shows the job advancing.
 */
final class ProgressReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final String task;
  private final long total;
  private final ProgressBar bar;
  private final long startNanos = System.nanoTime();
  private long done;
  private long lastLogNanos = startNanos;

  ProgressReporter(String task, long total) {
    this.task = task;
    this.total = total;
    this.bar =
        System.console() != null
            ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII).build()
            : null;
  }

  void advance(long steps) {
    done += steps;
    if (bar != null) {
      bar.stepBy(steps);
      return;
    }
    long now = System.nanoTime();
    if (now - lastLogNanos >= LOG_INTERVAL.toNanos()) {
      lastLogNanos = now;
      LOG.info("{}: {} of {} ({}%)", task, done, total, total == 0 ? 100 : 100 * done / total);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
    LOG.info("{}: {} done in {} s", task, done, String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9));
  }
}
